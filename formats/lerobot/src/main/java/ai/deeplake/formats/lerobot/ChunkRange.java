package ai.deeplake.formats.lerobot;

import ai.deeplake.api.IngestError;

/**
 * The chunks a frames or episodes ingest reads, both ends included (LeRobot's {@code chunk_end} is
 * inclusive in the Python SDK too).
 *
 * @param start first chunk, at least 0
 * @param end last chunk, at least {@code start}
 */
record ChunkRange(int start, int end) {
    ChunkRange {
        if (start < 0) {
            throw new IngestError("chunkStart must be at least 0, got " + start);
        }
        if (start > end) {
            throw new IngestError("chunkStart (" + start + ") is after chunkEnd (" + end + "); chunkEnd is inclusive");
        }
    }

    boolean contains(int chunk) {
        return chunk >= start && chunk <= end;
    }
}

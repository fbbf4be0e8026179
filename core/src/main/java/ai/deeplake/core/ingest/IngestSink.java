package ai.deeplake.core.ingest;

import ai.deeplake.IngestOptions.ProgressListener;
import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import ai.deeplake.core.TableWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Receives the batches of one ingest call and writes them with the commit policy: rows go to the
 * writer in slices of {@link #WRITE_EVERY}, a block is committed after every {@link #COMMIT_EVERY}
 * rows (so a crash loses at most the uncommitted blocks) and once at the end; progress is reported
 * whenever more rows have become durable.
 */
final class IngestSink implements Consumer<Batch> {
    static final int WRITE_EVERY = 200;
    static final int COMMIT_EVERY = 2000;

    private final TableWriter writer;
    private final Schema schema;
    private final ProgressListener progress;
    private final long total;
    private final Optional<Thumbnails> thumbnails;
    private long written;
    private long blockStart;
    private long reported;

    IngestSink(TableWriter writer, Schema schema, ProgressListener progress, long total, Optional<Thumbnails> thumbnails) {
        this.writer = writer;
        this.schema = schema;
        this.progress = progress;
        this.total = total;
        this.thumbnails = thumbnails;
    }

    @Override
    public void accept(Batch batch) {
        for (String name : batch.columnNames()) {
            if (schema.column(name).isEmpty()) {
                throw new IngestError("A batch has column '" + name + "', which is not in the table's schema " + schema.names()
                        + " (every batch of one ingest must have the columns of the first)");
            }
        }
        int row = 0;
        while (row < batch.size()) {
            long untilCommit = COMMIT_EVERY - (written - blockStart);
            int end = (int) Math.min(batch.size(), row + Math.min(WRITE_EVERY, untilCommit));
            long first = writer.write(batch, row, end);
            int from = row;
            thumbnails.ifPresent(t -> t.add(batch, from, end, first, writer));
            written += end - row;
            row = end;
            if (written - blockStart >= COMMIT_EVERY) {
                blockStart = written;
                report(writer.commit());
            }
        }
    }

    /** Commits the tail and waits for every block. @return the rows this ingest wrote */
    long finish() {
        long durable = writer.finish();
        thumbnails.ifPresent(Thumbnails::finish);
        report(durable);
        return durable;
    }

    /** Undoes everything this ingest wrote, thumbnails included; undo failures join {@code cause}. */
    void abort(RuntimeException cause) {
        for (Runnable undo : List.<Runnable>of(() -> thumbnails.ifPresent(Thumbnails::abort), writer::abort)) {
            try {
                undo.run();
            } catch (RuntimeException failed) {
                cause.addSuppressed(failed);
            }
        }
    }

    void close() {
        try {
            writer.close();
        } finally {
            thumbnails.ifPresent(Thumbnails::close);
        }
    }

    private void report(long durable) {
        if (durable > reported) {
            reported = durable;
            progress.onProgress(durable, total);
        }
    }
}

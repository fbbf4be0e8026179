package ai.deeplake.core.ingest;

import ai.deeplake.IngestOptions.ProgressListener;
import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import ai.deeplake.core.TableWriter;
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
    private long written;
    private long blockStart;
    private long reported;

    IngestSink(TableWriter writer, Schema schema, ProgressListener progress, long total) {
        this.writer = writer;
        this.schema = schema;
        this.progress = progress;
        this.total = total;
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
            writer.write(batch, row, end);
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
        report(durable);
        return durable;
    }

    private void report(long durable) {
        if (durable > reported) {
            reported = durable;
            progress.onProgress(durable, total);
        }
    }
}

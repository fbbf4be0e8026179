package ai.deeplake.core;

import ai.deeplake.api.Batch;

/**
 * Appends batches to one table for one ingest call. Rows become visible and durable at
 * {@link #commit()}; {@link #abort()} removes everything this writer committed, so a failed ingest
 * leaves the table as it was. Used from one thread.
 */
public interface TableWriter extends AutoCloseable {

    /**
     * Appends rows {@code [from, to)} of a batch whose columns are a subset of the writer's schema
     * (missing columns are null).
     */
    void write(Batch batch, int from, int to);

    /** Makes every row written so far durable and visible. */
    void commit();

    /** Undoes the whole ingest: uncommitted rows, committed rows, and the table if this writer created it. */
    void abort();

    @Override
    void close();
}

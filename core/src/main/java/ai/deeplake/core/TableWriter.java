package ai.deeplake.core;

import ai.deeplake.api.Batch;

/**
 * Appends batches to one table for one ingest call, in blocks: the rows written between two
 * {@link #commit()} calls become durable and visible together, or not at all. A writer may commit
 * blocks in the background, so {@link #commit()} reports how many rows are durable so far and
 * {@link #finish()} waits for all of them. {@link #abort()} removes everything the writer
 * committed, so a failed ingest leaves the table as it was. Used from one thread.
 */
public interface TableWriter extends AutoCloseable {

    /**
     * Appends rows {@code [from, to)} of a batch whose columns are a subset of the writer's schema
     * (missing columns are null). The batch's arrays must not change afterwards.
     *
     * @return the number, within this ingest, of the first row written (rows are numbered from 0 in
     *     the order written)
     */
    long write(Batch batch, int from, int to);

    /** @return the {@code _id} the writer gives (or gave) the row of that number */
    String rowId(long row);

    /** Ends the current block. @return the rows durable so far (the block may still be committing) */
    long commit();

    /** Commits what is left and waits for every block. @return the rows written, all durable */
    long finish();

    /** Undoes the whole ingest: blocks in flight, committed blocks, and the table if this writer created it. */
    void abort();

    @Override
    void close();
}

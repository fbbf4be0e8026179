package ai.deeplake.core.engine;

import ai.deeplake.api.Batch;
import ai.deeplake.core.BatchCursor;
import java.util.NoSuchElementException;

/** A query's result read as columnar batches, each read when the one before it is taken. */
final class ResultBatches implements BatchCursor {
    private static final Batch END = Batch.builder().build();
    private final StatementResult result;
    private final int batchSize;
    private Batch ahead;

    ResultBatches(StatementResult result, int batchSize) {
        this.result = result;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            try {
                ahead = result.nextBatch(batchSize);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        return ahead.size() > 0;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch batch = ahead;
        ahead = batch.size() < batchSize ? END : null;
        return batch;
    }

    @Override
    public void close() {
        ahead = END;
        result.close();
    }
}

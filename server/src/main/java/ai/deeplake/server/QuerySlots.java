package ai.deeplake.server;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the statements the server runs at once (queries, batches, streams). DuckDB already uses
 * every core for one query, so more at once only share the cores and the memory; a request that
 * finds every slot busy waits a little, then is told to retry (503 {@code OVERLOADED} with
 * {@code Retry-After}) rather than queueing without bound.
 */
final class QuerySlots {
    /** A held slot; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore permits;
    private final long waitMillis;

    QuerySlots(int slots, Duration wait) {
        this.permits = new Semaphore(slots, true);
        this.waitMillis = wait.toMillis();
    }

    /** @throws ApiException 503 when no slot frees up within the wait */
    Slot acquire() {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw ApiException.overloaded(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Server is shutting down");
        }
        return permits::release;
    }
}

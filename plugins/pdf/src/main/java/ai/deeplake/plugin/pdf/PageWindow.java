package ai.deeplake.plugin.pdf;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;

/**
 * The reorder window between the threads rendering one PDF and the thread handing its pages on.
 *
 * <p>Pages are claimed in order by whichever thread is free and may finish out of order; they are
 * taken strictly in order. A page can be claimed only while it lies within {@code capacity} pages of
 * the next one to take, so however far the fast threads get ahead, at most {@code capacity} rendered
 * pages wait here. The first failure of any thread ends the window for all of them.
 */
final class PageWindow {
    /** Returned by {@link #renderOrTake()} when the next page in order is ready to take. */
    static final int TAKE = -1;
    /** Returned by {@link #claim()} when there is nothing left to render. */
    static final int NONE = -1;

    private final int pages;
    private final PdfPages.Page[] slots;
    private int nextClaim;
    private int nextTake;
    private Throwable failure;
    private boolean closed;

    /**
     * @param pages how many pages the document has
     * @param capacity how many rendered pages may wait to be taken, at least 1
     */
    PageWindow(int pages, int capacity) {
        this.pages = pages;
        this.slots = new PdfPages.Page[capacity];
    }

    /**
     * For render threads: claims the next page to render, waiting while the window is full.
     *
     * @return the page index, or {@link #NONE} once every page is claimed or the window is closed or failed
     */
    synchronized int claim() throws InterruptedException {
        while (!closed && failure == null && nextClaim < pages && !roomToClaim()) {
            wait();
        }
        return closed || failure != null || nextClaim >= pages ? NONE : nextClaim++;
    }

    /**
     * For the thread that hands pages on, which renders too while the next page is not ready: waits
     * until the next page in order is ready or a page can be claimed.
     *
     * @return {@link #TAKE} when {@link #take()} will not wait, else the index of a page to render
     * @throws ExecutionException holding the failure of any render thread
     */
    synchronized int renderOrTake() throws ExecutionException, InterruptedException {
        while (true) {
            throwFailure();
            if (slots[nextTake % slots.length] != null) {
                return TAKE;
            }
            if (nextClaim < pages && roomToClaim()) {
                return nextClaim++;
            }
            wait();
        }
    }

    /** Stores a rendered page; ignored once the window is closed or failed. */
    synchronized void put(int index, PdfPages.Page page) {
        if (!closed && failure == null) {
            slots[index % slots.length] = page;
            notifyAll();
        }
    }

    /**
     * Takes the next page in order, waiting until it is rendered.
     *
     * @throws ExecutionException holding the failure of any render thread
     */
    synchronized PdfPages.Page take() throws ExecutionException, InterruptedException {
        int slot = nextTake % slots.length;
        while (slots[slot] == null) {
            throwFailure();
            wait();
        }
        PdfPages.Page page = slots[slot];
        slots[slot] = null;
        nextTake++;
        notifyAll();
        return page;
    }

    /** Records a render thread's failure: the first one wins, and every waiting thread stops. */
    synchronized void fail(Throwable error) {
        if (failure == null) {
            failure = error;
        }
        notifyAll();
    }

    /** Stops the render threads after the page each one is on, and drops the pages waiting. */
    synchronized void close() {
        closed = true;
        Arrays.fill(slots, null);
        notifyAll();
    }

    private boolean roomToClaim() {
        return nextClaim < nextTake + slots.length;
    }

    private void throwFailure() throws ExecutionException {
        if (failure != null) {
            throw new ExecutionException(failure);
        }
    }
}

package ai.deeplake.core.ingest;

import ai.deeplake.IngestOptions;
import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Normalises files in parallel and hands their rows on in file order. At most {@code workers} files
 * are in flight, each with a small bounded queue of batches, so memory stays flat however many files
 * there are; rows keep their order within and across files. Each row gets a fresh {@code id}; each
 * file one {@code file_id}.
 */
final class FileSource {
    private static final int QUEUE_BATCHES = 4;
    private static final Object END = new Object();
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** A file and the chunker that will cut it. */
    record Job(Path file, Chunker chunker) {}

    private record Failure(RuntimeException error) {}

    private final List<Job> jobs;
    private final IngestSettings settings;

    FileSource(List<Job> jobs, IngestSettings settings) {
        this.jobs = jobs;
        this.settings = settings;
    }

    /**
     * Streams every file's rows to {@code out}, in order, telling {@code filesDone} (files done, files)
     * after each file; the first failure stops everything and is thrown.
     */
    void run(Consumer<Batch> out, IngestOptions.ProgressListener filesDone) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "deeplake-ingest-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Deque<BlockingQueue<Object>> inFlight = new ArrayDeque<>();
        int next = 0;
        try {
            while (next < jobs.size() && inFlight.size() < settings.workers()) {
                inFlight.add(start(executor, jobs.get(next++)));
            }
            int done = 0;
            while (!inFlight.isEmpty()) {
                drain(inFlight.poll(), out);
                filesDone.onProgress(++done, jobs.size());
                if (next < jobs.size()) {
                    inFlight.add(start(executor, jobs.get(next++)));
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private BlockingQueue<Object> start(ExecutorService executor, Job job) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        executor.execute(() -> produce(job, queue));
        return queue;
    }

    private void produce(Job job, BlockingQueue<Object> queue) {
        String fileId = UUID.randomUUID().toString();
        try {
            job.chunker().chunk(job.file(), settings, batch -> put(queue, withIds(batch, fileId)));
            put(queue, END);
        } catch (Interrupted stop) {
            // The consumer gave up on this ingest: nothing to hand over.
        } catch (IOException | RuntimeException e) {
            putFailure(queue, describe(job, e));
        }
    }

    private static Batch withIds(Batch batch, String fileId) {
        String[] ids = new String[batch.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID().toString();
        }
        String[] fileIds = new String[batch.size()];
        Arrays.fill(fileIds, fileId);
        return batch.toBuilder().column("id", ids).column("file_id", fileIds).build();
    }

    /** @return an IngestError naming the file, whatever the chunker threw */
    private static IngestError describe(Job job, Exception e) {
        String file = job.file().toString();
        if (e instanceof IngestError ie && ie.getMessage() != null && ie.getMessage().contains(job.file().getFileName().toString())) {
            return ie;
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IngestError("Failed to ingest " + file + " (" + job.chunker().name() + " chunker): " + why, e);
    }

    private static void drain(BlockingQueue<Object> queue, Consumer<Batch> out) {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestError("Ingest interrupted", e);
            }
            if (item == END) {
                return;
            }
            if (item instanceof Failure failure) {
                throw failure.error();
            }
            out.accept((Batch) item);
        }
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    /** A failure must reach the consumer even when the queue is full of batches it will never read. */
    private static void putFailure(BlockingQueue<Object> queue, RuntimeException error) {
        queue.clear();
        queue.offer(new Failure(error));
    }

    /** Unwinds a producer whose consumer stopped; never leaves this class. */
    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super(null, null, false, false);
        }
    }
}

package ai.deeplake.plugin.text;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chunks one file and prints what it saw, for {@link BoundedHeapTest} to run in a JVM with a small
 * heap. Arguments: file, chunkSize, chunkOverlap. Prints one line of {@code key=value} pairs.
 */
public final class BoundedHeapChunking {
    private BoundedHeapChunking() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        IngestSettings settings = new IngestSettings(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 150, 1, null);
        long[] seen = new long[3]; // rows, code points in all chunks, largest batch
        long start = System.nanoTime();
        new TextChunker().chunk(file, settings, (Batch batch) -> {
            seen[0] += batch.size();
            for (String text : batch.strings(TextChunker.TEXT)) {
                seen[1] += text.codePointCount(0, text.length());
            }
            seen[2] = Math.max(seen[2], batch.size());
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = Files.size(file);
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("rows=%d codePoints=%d maxBatchRows=%d bytes=%d seconds=%.3f MBps=%.1f "
                        + "maxHeapMB=%d peakHeapMB=%d%n",
                seen[0], seen[1], seen[2], bytes, seconds, bytes / 1e6 / seconds,
                Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
    }
}

package ai.deeplake.plugin.pdf;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Chunks one PDF and prints what it saw, for {@link BoundedHeapTest} to run in a JVM with a small
 * heap. Arguments: file, DPI, workers. Prints one line of {@code key=value} pairs.
 */
public final class BoundedHeapChunking {
    private BoundedHeapChunking() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        IngestSettings settings = new IngestSettings(1000, 200, Integer.parseInt(args[1]), Integer.parseInt(args[2]), null);
        long[] seen = new long[4]; // rows, pages out of order, largest batch, PNG bytes
        long start = System.nanoTime();
        new PdfChunker().chunk(file, settings, (Batch batch) -> {
            for (long index : batch.longs(PdfChunker.PAGE_INDEX)) {
                if (index != seen[0]++) {
                    seen[1]++;
                }
            }
            seen[2] = Math.max(seen[2], batch.size());
            for (byte[] png : batch.bytes(PdfChunker.IMAGE)) {
                seen[3] += png.length;
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("rows=%d outOfOrder=%d maxBatchRows=%d pngMB=%d seconds=%.1f pagesPerSecond=%.1f "
                        + "maxHeapMB=%d peakHeapMB=%d%n",
                seen[0], seen[1], seen[2], seen[3] >> 20, seconds, seen[0] / seconds,
                Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
    }
}

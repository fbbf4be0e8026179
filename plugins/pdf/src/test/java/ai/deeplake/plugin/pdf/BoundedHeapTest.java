package ai.deeplake.plugin.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Chunker;
import ai.deeplake.plugin.testkit.HeapLimitedRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.LogFactory;
import org.apache.fontbox.FontBoxFont;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.ExtensionPoint;

/**
 * Chunks a generated 200-page PDF at 100 DPI in a child JVM limited to a 48 MiB heap. Each page's
 * PNG is at least 270 KB (see {@link TestPdfs#noisyPages}), so the pages together exceed the heap,
 * and their rendered images (3.7 MB each) are 15 times it: it finishes only if the chunker lets go of
 * the pages it has handed on.
 *
 * <p>About 20 MB stay live (two render threads). The heap is not tighter because G1 never moves the
 * rendered images (humongous objects) and needs free regions side by side for the next one: at
 * 150 DPI, 32 MB are live and 64 MB of heap failed now and then.
 */
class BoundedHeapTest {
    private static final int PAGES = 200;
    private static final int HEAP_MB = 48;
    private static final int DPI = 100;

    @TempDir
    Path dir;

    @Test
    void chunksTwoHundredPagesInA48MegabyteHeap() throws Exception {
        Path file = TestPdfs.noisyPages(dir.resolve("long.pdf"), PAGES);

        HeapLimitedRun child = HeapLimitedRun.run(dir.resolve("child.log"), HEAP_MB, Duration.ofMinutes(5),
                // The chunker, the api, pf4j and PDFBox's jars.
                List.of(PdfChunker.class, Chunker.class, ExtensionPoint.class, PDDocument.class, RandomAccessRead.class,
                        FontBoxFont.class, LogFactory.class),
                BoundedHeapChunking.class, file.toString(), String.valueOf(DPI), "4");
        String summary = child.output().lines().filter(line -> line.startsWith("rows=")).findFirst().orElse(child.output());
        System.out.println("[pdf chunker, " + PAGES + " pages at " + DPI + " DPI, -Xmx" + HEAP_MB + "m] " + summary.strip());

        assertTrue(child.finished(), "the child JVM did not finish within 5 minutes");
        assertEquals(0, child.exitCode(), child.output());
        Map<String, String> seen = HeapLimitedRun.values(summary);
        assertEquals(PAGES, Long.parseLong(seen.get("rows")));
        assertEquals(0, Long.parseLong(seen.get("outOfOrder")));
        assertEquals(PdfChunker.BATCH_PAGES, Long.parseLong(seen.get("maxBatchRows")));
        assertTrue(Long.parseLong(seen.get("pngMB")) > HEAP_MB, "the pages' PNGs together should exceed the heap: " + summary);
    }
}

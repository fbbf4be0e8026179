package ai.deeplake.plugin.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Chunker;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + HEAP_MB + "m", "-cp", classPath(), BoundedHeapChunking.class.getName(),
                        file.toString(), String.valueOf(DPI), "4")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = child.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        String summary = output.lines().filter(line -> line.startsWith("rows=")).findFirst().orElse(output);
        System.out.println("[pdf chunker, " + PAGES + " pages at " + DPI + " DPI, -Xmx" + HEAP_MB + "m] " + summary.strip());

        assertTrue(finished, "the child JVM did not finish within 5 minutes");
        assertEquals(0, child.exitValue(), output);
        Map<String, String> seen = parse(summary);
        assertEquals(PAGES, Long.parseLong(seen.get("rows")));
        assertEquals(0, Long.parseLong(seen.get("outOfOrder")));
        assertEquals(PdfChunker.BATCH_PAGES, Long.parseLong(seen.get("maxBatchRows")));
        assertTrue(Long.parseLong(seen.get("pngMB")) > HEAP_MB, "the pages' PNGs together should exceed the heap: " + summary);
    }

    /** The child needs the chunker, the api, pf4j and PDFBox's jars, wherever the build put them. */
    private static String classPath() {
        return Stream.of(BoundedHeapChunking.class, PdfChunker.class, Chunker.class, ExtensionPoint.class,
                        PDDocument.class, RandomAccessRead.class, FontBoxFont.class, LogFactory.class)
                .map(BoundedHeapTest::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> values = new HashMap<>();
        for (String pair : List.of(output.strip().split("\\s+"))) {
            String[] keyValue = pair.split("=", 2);
            if (keyValue.length == 2) {
                values.put(keyValue[0], keyValue[1]);
            }
        }
        return values;
    }
}

package ai.deeplake.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Chunker;
import ai.deeplake.plugin.testkit.HeapLimitedRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.ExtensionPoint;

/**
 * Chunks a generated 100 MiB file in a child JVM limited to a 64 MiB heap: it finishes only if the
 * chunker streams instead of holding the file.
 */
class BoundedHeapTest {
    private static final long FILE_BYTES = 100L << 20;
    private static final int SIZE = 1000;
    private static final int OVERLAP = 200;

    @TempDir
    Path dir;

    @Test
    void chunksAHundredMegabyteFileInA64MegabyteHeap() throws Exception {
        Path file = dir.resolve("big.txt");
        long codePoints = generate(file);

        HeapLimitedRun child = HeapLimitedRun.run(dir.resolve("child.log"), 64, Duration.ofMinutes(10),
                List.of(TextChunker.class, Chunker.class, ExtensionPoint.class), // the chunker, the api and pf4j
                BoundedHeapChunking.class, file.toString(), String.valueOf(SIZE), String.valueOf(OVERLAP));
        System.out.println("[text chunker, 100 MiB file, -Xmx64m] " + child.output().strip());

        assertTrue(child.finished(), "the child JVM did not finish within 10 minutes");
        assertEquals(0, child.exitCode(), child.output());
        Map<String, String> seen = HeapLimitedRun.values(child.output());
        long step = SIZE - OVERLAP;
        long rows = 1 + (codePoints - SIZE + step - 1) / step;
        assertEquals(rows, Long.parseLong(seen.get("rows")));
        // Every chunk but the first repeats OVERLAP code points of the one before.
        assertEquals(codePoints + (rows - 1) * OVERLAP, Long.parseLong(seen.get("codePoints")));
        assertEquals(ChunkWindow.MAX_BATCH_ROWS, Long.parseLong(seen.get("maxBatchRows")));
    }

    /** Writes at least {@link #FILE_BYTES} of mixed-script UTF-8 text and returns its code point count. */
    private static long generate(Path file) throws IOException {
        String lines = String.join("\n",
                "The quick brown fox jumps over the lazy dog, 0123456789 times.",
                "Comma,separated,values,\"quoted, field\",42,3.14",
                "{\"json\": [1, 2, 3], \"nested\": {\"key\": \"value\"}}",
                "\u00dcn\u00efc\u00f6d\u00e9 l\u00efn\u00eb w\u00efth \u00e0cc\u00e9nts \u2014 and \u20ac signs",
                "\u4e2d\u6587\u6587\u672c\uff0c\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
                "Emoji \uD83D\uDE00\uD83C\uDF89\uD83D\uDE80 and combining e\u0301 marks",
                "<html><body><p>Markup is just text to this chunker.</p></body></html>",
                "");
        String block = lines.repeat(256);
        byte[] encoded = block.getBytes(StandardCharsets.UTF_8);
        long blockCodePoints = block.codePointCount(0, block.length());
        long codePoints = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < FILE_BYTES; written += encoded.length) {
                out.write(encoded);
                codePoints += blockCodePoints;
            }
        }
        return codePoints;
    }
}

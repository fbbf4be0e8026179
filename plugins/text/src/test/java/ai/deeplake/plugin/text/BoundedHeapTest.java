package ai.deeplake.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Chunker;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m", "-cp", classPath(), BoundedHeapChunking.class.getName(),
                        file.toString(), String.valueOf(SIZE), String.valueOf(OVERLAP))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = child.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println("[text chunker, 100 MiB file, -Xmx64m] " + output.strip());

        assertTrue(finished, "the child JVM did not finish within 10 minutes");
        assertEquals(0, child.exitValue(), output);
        Map<String, String> seen = parse(output);
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

    /** The child needs the chunker, the api and pf4j, wherever the build put them. */
    private static String classPath() {
        return Stream.of(BoundedHeapChunking.class, TextChunker.class, Chunker.class, ExtensionPoint.class)
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

package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Chunker;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.core.plugin.PluginHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded byte-level fuzzing of the text, image and PDF chunkers (the built plugin jars): random bit
 * flips, byte overwrites, cuts, repeats and insertions in valid files. Each call must end, within
 * {@link #CALL_BOUND}, with rows or an {@link IngestError}; anything else (an unchecked exception of a
 * library, an Error, a hang) fails with the seed and case number that reproduce it.
 *
 * <p>Runs for {@code -Dfuzz.seconds} (default 8) from {@code -Dfuzz.seed}.
 */
class ChunkerFuzzTest {
    private static final long SECONDS = Long.getLong("fuzz.seconds", 8);
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_124L);
    private static final Duration CALL_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    @Test
    void chunkersEndInRowsOrIngestError() throws Exception {
        Map<String, byte[]> valid = Map.of(
                "png", MalformedFiles.image("png"),
                "jpg", MalformedFiles.image("jpeg"),
                "gif", MalformedFiles.image("gif"),
                "pdf", MalformedFiles.pdf(2, null, null),
                "txt", ("Deep Lake ✓ 東京 naïve\n".repeat(40)).getBytes(StandardCharsets.UTF_8),
                "json", "{\"a\": [1, 2, {\"b\": \"ü\"}]}".getBytes(StandardCharsets.UTF_16));
        List<String> kinds = List.copyOf(new java.util.TreeMap<>(valid).keySet());
        IngestSettings settings = new IngestSettings(200, 20, 36, 1, tmp);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int[] outcomes = new int[2];
        ExecutorService calls = Executors.newSingleThreadExecutor();
        try (PluginHost host = new PluginHost(List.of(Path.of(System.getProperty("deeplake.test.plugins"))))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
            for (int i = 0; System.nanoTime() < deadline && failures.size() < 5; i++) {
                String kind = kinds.get(random.nextInt(kinds.size()));
                Path file = Files.write(tmp.resolve("case" + i + "." + kind), mutate(valid.get(kind), random));
                Chunker chunker = host.chunkerFor(file);
                Future<?> call = calls.submit(() -> {
                    chunker.chunk(file, settings, batch -> { });
                    return null;
                });
                try {
                    call.get(CALL_BOUND.toSeconds(), TimeUnit.SECONDS);
                    outcomes[0]++;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IngestError error && error.getMessage().contains(file.toString())) {
                        outcomes[1]++;
                    } else {
                        failures.add("case " + i + " (seed " + SEED + ", " + kind + "): " + e.getCause());
                    }
                } catch (TimeoutException e) {
                    call.cancel(true);
                    failures.add("case " + i + " (seed " + SEED + ", " + kind + "): no end within " + CALL_BOUND);
                    break;
                }
                Files.delete(file);
            }
        } finally {
            calls.shutdownNow();
        }
        assertEquals(List.of(), failures);
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "the fuzzer reaches both outcomes: " + outcomes[0] + " chunked, "
                + outcomes[1] + " refused");
    }

    /** @return the bytes with one to eight random edits */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits && bytes.length > 1; e++) {
            int at = random.nextInt(bytes.length);
            int len = Math.min(1 + random.nextInt(64), bytes.length - at);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 3 -> bytes = MalformedFiles.concat(java.util.Arrays.copyOf(bytes, at + len),
                        java.util.Arrays.copyOfRange(bytes, at, bytes.length));
                default -> bytes = MalformedFiles.concat(java.util.Arrays.copyOf(bytes, at), MalformedFiles.garbage(len, random.nextLong()),
                        java.util.Arrays.copyOfRange(bytes, at, bytes.length));
            }
        }
        return bytes;
    }
}

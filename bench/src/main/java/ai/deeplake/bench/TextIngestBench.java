package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.IngestResult;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Text files through {@code Client.ingest} with the text plugin: MB/s of UTF-8 input, against reading
 * and decoding the same bytes alone in the same run.
 *
 * <p>Usage: {@code TextIngestBench PLUGINS_DIR [megabytes=200]} where PLUGINS_DIR holds the built
 * deeplake-plugin-text jar (e.g. distribution/target/deeplake-VERSION/deeplake/plugins).
 */
public final class TextIngestBench {
    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "distribution/target/deeplake-0.1.0-SNAPSHOT/deeplake/plugins");
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("bench-text");
        Path file = dir.resolve("corpus.txt");
        SplittableRandom random = new SplittableRandom(7);
        String[] words = {"deeplake", "table", "vector", "search", "ingest", "chunk", "überall", "naïve", "数据", "模型"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            while (written < megabytes * 1_000_000L) {
                String word = words[random.nextInt(words.length)];
                w.write(word);
                w.write(random.nextInt(12) == 0 ? '\n' : ' ');
                written += word.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        double mb = Files.size(file) / 1e6;
        double best = 0;
        double reference = 0;
        long rows = 0;
        for (int rep = 0; rep < 3; rep++) {
            long start = System.nanoTime();
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                char[] buffer = new char[1 << 16];
                while (reader.read(buffer) >= 0) {
                    // decoding only
                }
            }
            reference = Math.max(reference, mb / ((System.nanoTime() - start) / 1e9));
            Path root = Files.createDirectories(dir.resolve("root" + rep));
            try (Client client = Client.builder().root(root).pluginsDir(plugins).build()) {
                start = System.nanoTime();
                IngestResult r = client.ingest("corpus", Map.of("path", List.of(file.toString())),
                        IngestOptions.builder().schema(Map.of("path", "FILE")).build());
                best = Math.max(best, mb / ((System.nanoTime() - start) / 1e9));
                rows = r.rowCount();
            }
        }
        System.out.printf("Text ingest of a %.0f MB UTF-8 file (1000-char chunks, 200 overlap), best of 3%n", mb);
        System.out.printf("%-44s %10s %8s%n", "path", "MB/s", "ratio");
        System.out.printf("%-44s %10.0f %8s   (%,d rows)%n", "Client.ingest, text plugin", best, "1.00", rows);
        System.out.printf("%-44s %10.0f %7.2fx%n", "reading + UTF-8 decoding alone", reference, best / reference);
    }
}

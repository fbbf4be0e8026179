package ai.deeplake.formats.huggingface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.plugin.testkit.ContextClassLoader;
import ai.deeplake.plugin.testkit.ExpectedJar;
import ai.deeplake.plugin.testkit.PluginJarContract;
import ai.deeplake.plugin.testkit.StartedPlugin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared jar checks, with nothing but the plugin's own classes in the jar (DuckDB, OkHttp, Jackson
 * must come from the host: a second DuckDB would bind its native library twice), and, loaded by pf4j
 * from a plugins folder, the {@code huggingface} format made by id reads a dataset from a Hub on loopback.
 */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super(ExpectedJar.of("deeplake-format-huggingface", FormatFactory.class, HuggingFaceFactory.class.getName())
                .onlyClassesUnder("ai/deeplake/formats/huggingface/"));
    }

    @Test
    void pf4jLoadsTheFormatFromTheJarAndReadsADataset() throws IOException {
        byte[] parquet = TestParquet.shapes(dir, HuggingFaceTest.TRAIN_0);
        try (FakeHub hub = new FakeHub().add("acme/shapes", "default", "train", parquet); StartedPlugin plugin = start()) {
            List<FormatFactory> factories = plugin.extensions(FormatFactory.class);
            assertEquals(List.of("huggingface"), factories.stream().map(FormatFactory::id).toList());
            assertSame(plugin.classLoader(), factories.get(0).getClass().getClassLoader());

            // As in the distribution: the calling thread's context class loader knows none of the plugin's classes.
            try (ContextClassLoader platform = ContextClassLoader.platform()) {
                Format format = factories.get(0).create(Map.of("name", "acme/shapes", "endpoint", hub.endpoint(),
                        "cacheDir", dir.resolve("cache").toString()));
                assertEquals(List.of("image"), format.imageColumns());
                assertEquals(ColumnType.CLASS_LABEL, format.schema().orElseThrow().column("label").orElseThrow().type());
                List<Batch> batches = new ArrayList<>();
                format.normalize(batches::add);
                assertEquals(1, batches.size());
                Batch batch = batches.get(0);
                assertArrayEquals(new long[] {0, 1, 2}, batch.longs("label"));
                assertEquals(List.of("circle", "square", "triangle"), List.of(batch.strings("label_name")));
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(HuggingFaceTest.TRAIN_0.get(i).png(), batch.bytes("image")[i]);
                }
            }
        }
    }
}

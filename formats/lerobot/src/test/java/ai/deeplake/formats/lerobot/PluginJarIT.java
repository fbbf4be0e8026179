package ai.deeplake.formats.lerobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.deeplake.Client;
import ai.deeplake.ClientMode;
import ai.deeplake.IngestOptions;
import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.api.IngestError;
import ai.deeplake.plugin.testkit.ContextClassLoader;
import ai.deeplake.plugin.testkit.ExpectedJar;
import ai.deeplake.plugin.testkit.PluginJarContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared jar checks, with the three factories indexed and nothing but the plugin's own classes in
 * the jar (no DuckDB, Jackson, api or pf4j), and a Client makes {@code lerobot-frames} by id from the
 * jar and ingests it through the host's DuckDB.
 */
class PluginJarIT extends PluginJarContract {
    PluginJarIT() {
        super(ExpectedJar.of("deeplake-format-lerobot", FormatFactory.class, LeRobotTasksFactory.class.getName(),
                LeRobotFramesFactory.class.getName(), LeRobotEpisodesFactory.class.getName())
                .onlyClassesUnder("ai/deeplake/formats/lerobot/"));
    }

    /**
     * A Client whose plugins folder holds the jar makes {@code lerobot-frames} by id from the jar (the
     * installed jar wins over this test's class path, which holds the same classes) and ingests it
     * while the context class loader sees no DuckDB, as inside a distribution's plugin.
     */
    @Test
    void clientMakesLeRobotFramesFromTheJarByIdAndIngestsIt() throws Exception {
        Path plugins = pluginsFolder();
        Path dataset = TestDataset.write(dir.resolve("droid"));
        try (Client client = ClientMode.EMBEDDED.connect(dir.resolve("root"), plugins)) {
            Format frames = client.format("lerobot-frames", Map.of("path", dataset.toString(), "chunk-start", "0", "chunk-end", "1"));
            assertEquals(LeRobotFrames.class.getName(), frames.getClass().getName());
            assertNotSame(LeRobotFrames.class.getClassLoader(), frames.getClass().getClassLoader(), "made from the class path, not the jar");

            try (ContextClassLoader platform = ContextClassLoader.platform()) {
                assertEquals(12, client.ingest("frames", IngestOptions.builder().format(frames).build()).rowCount());
            }
            assertEquals(TestDataset.state(2, 3, 7), client.query("SELECT state_gripper FROM frames WHERE \"index\" = 11").get(0)
                    .getFloat("state_gripper"));
            IngestError error = assertThrows(IngestError.class,
                    () -> client.format("lerobot-episodes", Map.of("path", dataset.toString(), "chunk-start", "0")));
            assertEquals("format lerobot-episodes needs the option chunk-end=<chunk number> (chunk-end is inclusive)", error.getMessage());
        }
    }
}

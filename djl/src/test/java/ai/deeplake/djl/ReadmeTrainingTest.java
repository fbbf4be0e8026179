package ai.deeplake.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.Client;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Training with DJL" example compiles verbatim and trains on a frames table. */
class ReadmeTrainingTest {
    private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void exampleCompilesAndTrains() throws Exception {
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Training with DJL\n");
        assertTrue(section >= 0, "README has a Training with DJL section");
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(section), "the section has a ```java block");
        Path source = tmp.resolve("BehaviorCloning.java");
        Files.writeString(source, block.group(1));

        String classpath = System.getProperty("java.class.path");
        int compiled = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", tmp.toString(), "-cp", classpath, source.toString());
        assertEquals(0, compiled, "the README example compiles");

        Path root = tmp.resolve("root");
        try (Client client = Client.builder().root(root).build()) {
            Frames.ingest(client, 2000);
        }
        Path output = tmp.resolve("out.txt");
        Path errors = tmp.resolve("err.txt");
        // A JVM of its own, as an application would run it; it inherits DJL_OFFLINE and ENGINE_CACHE_DIR.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", tmp + File.pathSeparator + classpath, "BehaviorCloning")
                .redirectOutput(output.toFile()).redirectError(errors.toFile());
        pb.environment().put("DEEPLAKE_ROOT", root.toString());
        pb.environment().remove("DEEPLAKE_API_URL");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example finished");
        String out = Files.readString(output);
        assertEquals(0, p.exitValue(), out + Files.readString(errors));

        Matcher loss = Pattern.compile("train loss: (\\S+)").matcher(out);
        assertTrue(loss.find(), out);
        // An untrained MLP scores about 0.67 on these frames (TrainingTest); two epochs leave ~0.01.
        float trained = Float.parseFloat(loss.group(1));
        System.out.println("README example, after 2 epochs: " + loss.group());
        assertTrue(trained < 0.1f, "the example learned: train loss " + trained);
    }
}

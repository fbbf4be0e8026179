package ai.deeplake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java quick start compiles verbatim and runs against an embedded root. */
class ReadmeJavaTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void quickStartCompilesAndRuns() throws IOException, InterruptedException {
        String readme = Files.readString(REPO.resolve("README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README has a ```java block");
        Path source = tmp.resolve("QuickStart.java");
        Files.writeString(source, block.group(1));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("java.class.path");
        int compiled = javac.run(null, null, null, "-d", tmp.toString(), "-cp", classpath, source.toString());
        assertEquals(0, compiled, "the README quick start compiles");

        Path output = tmp.resolve("out.txt");
        Path errors = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", tmp + java.io.File.pathSeparator + classpath, "QuickStart")
                .directory(REPO.toFile()).redirectOutput(output.toFile()).redirectError(errors.toFile());
        pb.environment().put("DEEPLAKE_ROOT", tmp.resolve("root").toString());
        pb.environment().put("DEEPLAKE_PLUGINS", System.getProperty("deeplake.test.plugins"));
        pb.environment().remove("DEEPLAKE_API_URL");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "quick start finished");
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), Files.readString(errors));
        assertTrue(lines.get(0).startsWith("Hello "), lines + "\n" + Files.readString(errors));
        assertTrue(lines.get(2).startsWith("1 chunks mention commits; tables: [docs, vectors]"), lines.toString());
    }
}

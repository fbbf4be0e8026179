package ai.deeplake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM running a main class of the test class path, whose stdout lines the test reads as they come.
 * Started lean (client compiler, serial GC) so that a test can afford many.
 */
final class ChildJvm implements AutoCloseable {
    private static final String END = "\u0000end";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread reader;

    /** Starts {@code main} with {@code args}; its stderr goes to {@code stderr}. */
    ChildJvm(Class<?> main, Path stderr, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        this.stderr = stderr;
        try {
            process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The child died mid-line: what was read is what it said.
            } finally {
                lines.add(END);
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    long pid() {
        return process.pid();
    }

    /**
     * @return the child's next stdout line, also kept for {@link #lines()}
     * @throws AssertionError when the child ends or says nothing for {@code seconds}
     */
    String next(int seconds) {
        try {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null || line.equals(END)) {
                if (line != null) {
                    lines.add(END);
                }
                throw new AssertionError((line == null ? "child said nothing for " + seconds + "s" : "child ended") + "; stderr:\n" + stderr());
            }
            seen.add(line);
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the child with SIGKILL and reads what it wrote before it died. @return every line it wrote */
    List<String> kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        for (String line; (line = lines.poll()) != null;) {
            if (!line.equals(END)) {
                seen.add(line);
            }
        }
        return List.copyOf(seen);
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}

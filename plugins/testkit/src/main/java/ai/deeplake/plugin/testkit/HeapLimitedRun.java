package ai.deeplake.plugin.testkit;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A main class run in a child JVM with a small heap, for tests that prove a chunker streams: it
 * finishes only if the chunker lets go of what it has handed on. The child prints its findings as
 * {@code key=value} pairs, read back with {@link #values(String)}.
 *
 * @param finished whether the child ended within its time limit (it is killed otherwise)
 * @param exitCode the child's exit code, or -1 when it did not finish
 * @param output everything the child printed, stdout and stderr
 */
public record HeapLimitedRun(boolean finished, int exitCode, String output) {

    /**
     * Runs {@code main} with {@code -Xmx<heapMb>m}.
     *
     * @param log where the child's output goes while it runs (a file, so a hung child meets the limit)
     * @param classPathOf classes whose jars or folders make the child's class path, wherever the build put them
     */
    public static HeapLimitedRun run(Path log, int heapMb, Duration limit, List<Class<?>> classPathOf, Class<?> main,
            String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + heapMb + "m", "-cp", classPath(Stream.concat(Stream.of(main), classPathOf.stream())), main.getName()),
                Stream.of(args)).toList();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        return new HeapLimitedRun(finished, finished ? child.exitValue() : -1, Files.readString(log));
    }

    /** @return the {@code key=value} pairs of {@code line} (other words are skipped) */
    public static Map<String, String> values(String line) {
        Map<String, String> values = new HashMap<>();
        for (String pair : line.strip().split("\\s+")) {
            String[] keyValue = pair.split("=", 2);
            if (keyValue.length == 2) {
                values.put(keyValue[0], keyValue[1]);
            }
        }
        return values;
    }

    private static String classPath(Stream<Class<?>> classes) {
        return classes.map(HeapLimitedRun::location).distinct().collect(Collectors.joining(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

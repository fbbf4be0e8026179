package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.IngestResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Video ingest: one generated video through {@code Client.ingest} with the built video plugin jar in
 * the plugins folder, against ffmpeg alone running the same cut command line on the same file in the
 * same run. The difference is what the framework adds: reading the clips, the table writes, the JVM.
 *
 * <p>Usage: {@code VideoIngestBench PLUGIN_JAR [seconds=120] [repetitions=3] [size=320x240]}. Needs
 * ffmpeg on the PATH. The video is ffmpeg's moving {@code testsrc2} pattern at 25 frames per second
 * with sound, a keyframe every 2 s, encoded by x264's fastest preset (about 0.8 Mbit/s at 320x240,
 * 6.6 Mbit/s at 1280x720: camera-like rates). Prints the median wall times, their ratio and the peak
 * heap used during the ingests (sampled every 5 ms). On Linux it also prints the median CPU seconds of
 * each side, child processes (ffmpeg, ffprobe) included: unlike wall time on a loaded machine, they
 * do not depend on what else runs.
 */
public final class VideoIngestBench {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: VideoIngestBench PLUGIN_JAR [seconds=120] [repetitions=3] [size=320x240]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String size = args.length > 3 ? args[3] : "320x240";

        Path dir = Files.createTempDirectory("bench-video");
        try {
            Path plugins = Files.createDirectory(dir.resolve("plugins"));
            Files.copy(jar, plugins.resolve(jar.getFileName()));
            Path video = dir.resolve("video.mp4");
            generate(video, seconds, size);
            double[] ingest = new double[reps];
            double[] ffmpeg = new double[reps];
            double[] ingestCpu = new double[reps];
            double[] ffmpegCpu = new double[reps];
            long rows = 0;
            HeapPeak heap = new HeapPeak();
            List<String> command = List.of();
            try (URLClassLoader pluginJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, VideoIngestBench.class.getClassLoader());
                    Client client = Client.builder().root(dir.resolve("root")).workspace("bench").pluginsDir(plugins).build()) {
                for (int r = -1; r < reps; r++) {
                    // Repetition -1 loads the plugin, warms the JIT and the page cache, and is not counted.
                    String table = "videos" + (r + 1);
                    heap.start();
                    double cpu = cpuSeconds();
                    long start = System.nanoTime();
                    IngestResult result = client.ingest(table, Map.of("path", List.of(video.toString())),
                            IngestOptions.builder().schema(Map.of("path", "FILE")).build());
                    double i = (System.nanoTime() - start) / 1e9;
                    double iCpu = cpuSeconds() - cpu;
                    heap.stop();
                    Path cut = Files.createDirectory(dir.resolve("cut"));
                    command = cutCommand(pluginJar, video, cut);
                    cpu = cpuSeconds();
                    double f = time(command);
                    double fCpu = cpuSeconds() - cpu;
                    TempFolders.delete(cut);
                    rows = result.rowCount();
                    if (rows != (seconds + 9) / 10) {
                        throw new IllegalStateException("ingested " + rows + " rows from " + seconds + " s of video");
                    }
                    if (r >= 0) {
                        ingest[r] = i;
                        ffmpeg[r] = f;
                        ingestCpu[r] = iCpu;
                        ffmpegCpu[r] = fCpu;
                    }
                }
            }
            double clientTime = Stats.median(ingest);
            double ffmpegTime = Stats.median(ffmpeg);
            System.out.printf("Video ingest, %d s of %s 25 fps H.264 + AAC (%.1f MB), %d rows, median of %d, %d cores%n",
                    seconds, size, Files.size(video) / 1e6, rows, reps, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-52s %10s %8s%n", "path", "seconds", "ratio");
            System.out.printf("%-52s %10.3f %8s%n", "ffmpeg alone, the plugin's cut command", ffmpegTime, "1.00");
            System.out.printf("%-52s %10.3f %7.2fx%n", "Client.ingest, FILE schema, plugin jar", clientTime, clientTime / ffmpegTime);
            if (Stats.median(ffmpegCpu) > 0) {
                System.out.printf("CPU seconds, children included: ffmpeg alone %.3f, Client.ingest %.3f (%.2fx)%n",
                        Stats.median(ffmpegCpu), Stats.median(ingestCpu), Stats.median(ingestCpu) / Stats.median(ffmpegCpu));
            }
            System.out.printf("peak heap used during the ingests: %.1f MB (max heap %.0f MB)%n",
                    heap.peak() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
            System.out.println("ffmpeg command: " + String.join(" ", command));
        } finally {
            TempFolders.delete(dir);
        }
    }

    /** Makes the test video with the ffmpeg on the PATH. */
    private static void generate(Path video, int seconds, String size) throws Exception {
        run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=duration=" + seconds + ":size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-c:a", "aac", "-shortest", video.toString()));
    }

    /**
     * Asks the plugin jar for the command it runs on {@code video}, writing into {@code work}, so that
     * both sides run exactly the same ffmpeg command line. The jar is loaded on its own, as pf4j would,
     * rather than put on the bench's class path where the plugin host would find it a second time.
     */
    @SuppressWarnings("unchecked")
    private static List<String> cutCommand(ClassLoader pluginJar, Path video, Path work) throws Exception {
        Class<?> chunker = pluginJar.loadClass("ai.deeplake.plugin.video.VideoChunker");
        return (List<String>) chunker.getMethod("cutCommand", Path.class, Path.class).invoke(null, video, work);
    }

    /** @return the seconds the command takes */
    private static double time(List<String> command) throws Exception {
        long start = System.nanoTime();
        run(command);
        return (System.nanoTime() - start) / 1e9;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    /**
     * @return this process's CPU seconds plus those of its finished children, from /proc/self/stat
     *     (user and system time, fields 14 to 17, in clock ticks of 1/100 s); 0 where there is no /proc
     */
    private static double cpuSeconds() throws Exception {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.exists(stat)) {
            return 0;
        }
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 14; field <= 17; field++) {
            ticks += Long.parseLong(fields[field - 3]);
        }
        return ticks / 100.0;
    }

    /** The highest heap use seen while started, sampled by a daemon thread. */
    private static final class HeapPeak {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean sampling = new AtomicBoolean();
        private Thread sampler;

        void start() {
            sampling.set(true);
            sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() throws InterruptedException {
            sampling.set(false);
            sampler.join();
        }

        long peak() {
            return peak.get();
        }
    }
}

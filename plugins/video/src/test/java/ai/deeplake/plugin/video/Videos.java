package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Test videos made with the ffmpeg on the PATH, and ffprobe checks of what the chunker wrote. Videos
 * are tiny (160x120, 10 frames per second, a keyframe every second) so that the tests stay quick on a
 * shared machine.
 */
final class Videos {
    static final int WIDTH = 160;
    static final int HEIGHT = 120;

    /** Encoder options per container: the codecs each container is usually found with. */
    static final Map<String, List<String>> CODECS = Map.of(
            "mp4", List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"),
            "mov", List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"),
            "mkv", List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libopus"),
            "webm", List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k", "-c:a", "libvorbis"),
            "avi", List.of("-c:v", "mpeg4", "-c:a", "libmp3lame"));

    private Videos() {}

    /** Makes a video with sound of {@code seconds}, encoded as usual for its extension. */
    static Path make(Path file, int seconds) {
        String extension = CutPlan.extension(file);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", source(seconds),
                "-f", "lavfi", "-i", "sine=duration=" + seconds, "-g", "10"));
        args.addAll(CODECS.get(extension));
        args.add("-shortest");
        return ffmpeg(file, args);
    }

    /** @return the lavfi test pattern of that length */
    static String source(int seconds) {
        return "testsrc=duration=" + seconds + ":size=" + WIDTH + "x" + HEIGHT + ":rate=10";
    }

    /** Runs ffmpeg with {@code args} writing {@code out}. */
    static Path ffmpeg(Path out, List<String> args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(args);
        command.add(out.toString());
        run(command);
        return out;
    }

    /**
     * Checks that a clip plays: ffmpeg decodes all of it without an error.
     *
     * @return ffprobe's {@code -of flat} values for the clip's format and first video stream
     */
    static Map<String, String> playableClip(byte[] video, Path dir) {
        try {
            Path file = Files.createTempFile(dir, "clip", ".bin");
            Files.write(file, video);
            String errors = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-xerror", "-i", file.toString(), "-f", "null", "-"));
            assertEquals("", errors, "decoding the clip");
            String out = run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
                    "-show_entries", "format=format_name,duration:stream=codec_name,width,height", "-of", "flat", file.toString()));
            Files.delete(file);
            Map<String, String> values = new HashMap<>();
            out.lines().forEach(line -> {
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
            });
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the byte offsets of the video packets of a file, in file order */
    static List<Long> videoPacketPositions(Path file) {
        return run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pos", "-of", "csv=p=0",
                file.toString())).lines().map(Long::parseLong).toList();
    }

    /** Checks the bytes are a JPEG of the test videos' size. */
    static void assertJpeg(byte[] jpeg) throws IOException {
        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
    }

    /** @return what the command printed, standard error included; it fails when the command fails */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

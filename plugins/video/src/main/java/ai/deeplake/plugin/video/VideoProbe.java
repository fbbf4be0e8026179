package ai.deeplake.plugin.video;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What ffprobe says about a file: its container and the streams the clips are cut from. Probing first
 * turns "not a video" into a clear error before ffmpeg starts writing segments.
 *
 * @param format ffprobe's demuxer name, e.g. {@code "mov,mp4,m4a,3gp,3g2,mj2"} or {@code "matroska,webm"}
 * @param videoCodec the codec of the video stream clips are cut from, the first that is not cover
 *     art (ffmpeg's {@code 0:V:0}), e.g. {@code "h264"}
 * @param audioCodecs the codecs of the audio streams, which go into the clips too
 * @param declaredSeconds how long the container's header says the video stream lasts, when it says
 *     (used to notice truncated files that ffmpeg reads without complaint)
 */
record VideoProbe(String format, String videoCodec, List<String> audioCodecs, OptionalDouble declaredSeconds) {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /**
     * Starts ffprobe on {@code file}; {@link Pending#result()} waits for its answer. Starting it apart
     * lets a cut start at the same time, since starting a process costs about as much as probing.
     *
     * @param work a folder for ffprobe's standard error
     */
    static Pending start(FfmpegLocator.Tools tools, Path file, Path work) throws IOException {
        List<String> command = List.of(tools.ffprobe().toString(), "-v", "error",
                "-show_entries", "stream=codec_type,codec_name,duration,nb_frames,avg_frame_rate"
                        + ":stream_disposition=attached_pic:format=format_name",
                "-of", "flat", "file:" + file.toAbsolutePath());
        return new Pending(file, ToolRun.start("ffprobe on " + file, command, work.resolve("ffprobe.err"), TIMEOUT));
    }

    /** A running ffprobe; closing it kills it if it still runs. */
    static final class Pending implements AutoCloseable {
        private final Path file;
        private final ToolRun run;

        private Pending(Path file, ToolRun run) {
            this.file = file;
            this.run = run;
        }

        /**
         * @return what ffprobe found
         * @throws IngestError naming the file when ffprobe cannot read it or it has no video stream
         */
        VideoProbe result() throws IOException {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line = run.nextLine(); line != null; line = run.nextLine()) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), unquote(line.substring(eq + 1)));
                }
            }
            int exit = run.finish();
            if (exit != 0) {
                String errors = run.errors();
                throw new IngestError("Not a readable video: " + file + ": ffprobe failed (exit code " + exit + "): "
                        + (errors.isEmpty() ? "no message" : errors));
            }
            return parse(file, values);
        }

        @Override
        public void close() {
            run.close();
        }
    }

    /** @param values ffprobe's {@code -of flat} output, unquoted */
    static VideoProbe parse(Path file, Map<String, String> values) {
        Map<Integer, Map<String, String>> streams = new TreeMap<>();
        values.forEach((key, value) -> {
            String[] parts = key.split("\\.", 4);
            if (parts.length == 4 && parts[0].equals("streams") && parts[1].equals("stream")) {
                streams.computeIfAbsent(Integer.parseInt(parts[2]), i -> new LinkedHashMap<>()).put(parts[3], value);
            }
        });
        Map<String, String> video = null;
        List<String> audio = new ArrayList<>();
        for (Map<String, String> stream : streams.values()) {
            String type = stream.get("codec_type");
            if ("video".equals(type) && video == null && !"1".equals(stream.get("disposition.attached_pic"))) {
                video = stream;
            } else if ("audio".equals(type)) {
                audio.add(codec(stream));
            }
        }
        String format = values.getOrDefault("format.format_name", "");
        if (video == null) {
            throw new IngestError("Not a video: " + file + " has no video stream (ffprobe reads it as " + format
                    + " with " + (streams.isEmpty() ? "no streams" : audio.size() + " audio stream(s)") + ")");
        }
        return new VideoProbe(format, codec(video), List.copyOf(audio), declaredSeconds(video));
    }

    /** @return the stream's codec name; ffprobe leaves it out for a codec it does not know */
    private static String codec(Map<String, String> stream) {
        return stream.getOrDefault("codec_name", "unknown");
    }

    /**
     * The longer of the stream's duration and its frame count over its frame rate: an AVI cut short
     * keeps the frame count of its header while ffprobe measures the duration from what is left.
     */
    private static OptionalDouble declaredSeconds(Map<String, String> video) {
        OptionalDouble duration = number(video.get("duration"));
        OptionalDouble frames = number(video.get("nb_frames"));
        OptionalDouble rate = rational(video.get("avg_frame_rate"));
        OptionalDouble counted = frames.isPresent() && rate.isPresent() && rate.getAsDouble() > 0
                ? OptionalDouble.of(frames.getAsDouble() / rate.getAsDouble())
                : OptionalDouble.empty();
        if (duration.isPresent() && counted.isPresent()) {
            return OptionalDouble.of(Math.max(duration.getAsDouble(), counted.getAsDouble()));
        }
        return duration.isPresent() ? duration : counted;
    }

    /** @return the number, empty for ffprobe's "N/A" and for absent values */
    private static OptionalDouble number(String value) {
        try {
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException notANumber) {
            return OptionalDouble.empty();
        }
    }

    private static OptionalDouble rational(String value) {
        int slash = value == null ? -1 : value.indexOf('/');
        if (slash < 0) {
            return number(value);
        }
        OptionalDouble num = number(value.substring(0, slash));
        OptionalDouble den = number(value.substring(slash + 1));
        return num.isPresent() && den.isPresent() && den.getAsDouble() != 0
                ? OptionalDouble.of(num.getAsDouble() / den.getAsDouble())
                : OptionalDouble.empty();
    }

    /** Undoes the quoting of {@code -of flat}: {@code "a \"b\""} becomes {@code a "b"}. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}

package ai.deeplake.plugin.video;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How one video is cut: the single ffmpeg command that writes the clips and their thumbnails.
 *
 * <p>Clips are stream copies ({@code -c copy}, no re-encoding) into the container family the file
 * already is: MP4 (or QuickTime when a codec is not allowed in MP4), Matroska (WebM when the codecs
 * are WebM's) or AVI. A copy can only cut on keyframes, so a clip starts at the first keyframe at or
 * after each multiple of {@value #SEGMENT_SECONDS} s and the real times come from ffmpeg's segment
 * list. Only a file in another container (MPEG-TS, a raw stream... behind a video extension) is
 * re-encoded, to H.264 (MPEG-4 Part 2 when the ffmpeg has no libx264) and AAC in MP4, with keyframes
 * forced at every multiple of {@value #SEGMENT_SECONDS} s so that the cuts are exact.
 *
 * <p>The same ffmpeg run writes one JPEG per clip through a second output: a {@code select} filter
 * keeps the first frame at or after each multiple of {@value #SEGMENT_SECONDS} s, the rule the segment
 * muxer cuts by, and a second segment muxer lists each JPEG with its time. On a copy only keyframes are
 * decoded ({@code -skip_frame nokey}, one thread), which keeps the extra cost small. Both segment lists
 * go to standard output, a line per finished file, so clips can be taken as soon as they are written.
 *
 * @param muxer the segment format ({@code mp4}, {@code mov}, {@code matroska}, {@code webm}, {@code avi})
 * @param extension the clip file extension
 * @param copy whether streams are copied rather than re-encoded
 * @param encoder the video encoder when re-encoding, else null
 */
record CutPlan(String muxer, String extension, boolean copy, String encoder) {
    /** The length of a segment, in seconds. */
    static final int SEGMENT_SECONDS = 10;
    /** The prefix of clip file names in the segment list. */
    static final String CLIP_PREFIX = "clip";
    /** The prefix of thumbnail file names in the segment list. */
    static final String THUMBNAIL_PREFIX = "thumb";

    private static final Set<String> MP4_CODECS = Set.of("h264", "hevc", "av1", "vp9", "mpeg4", "mpeg2video", "mjpeg",
            "aac", "mp3", "ac3", "eac3", "opus", "flac");
    private static final Set<String> WEBM_CODECS = Set.of("vp8", "vp9", "av1", "opus", "vorbis");
    /** Forces a keyframe on the first frame at or after each cut, so re-encoded cuts are exact. */
    private static final String FORCED_KEYFRAMES = "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")";
    /** Every ffmpeg run: no console, only errors on standard error, and any error ends the run. */
    private static final List<String> STRICT = List.of("-nostdin", "-hide_banner", "-v", "error", "-xerror");
    private static final List<String> JPEG = List.of("-c:v", "mjpeg", "-q:v", "3");
    /** The first video stream that is not cover art: the one {@link VideoProbe} describes. */
    private static final String VIDEO = "0:V:0";
    /** Keeps the first frame at or after each cut: the segment muxer's own rule. */
    private static final String THUMBNAIL_FILTER = "select='gte(t," + SEGMENT_SECONDS + "*selected_n)'";

    /**
     * @param fileExtension the file's lower-case extension, which decides between MP4 and QuickTime and
     *     between WebM and Matroska when the codecs allow both
     * @param encoders whether this ffmpeg has an encoder, asked only when the file must be re-encoded
     */
    static CutPlan choose(VideoProbe probe, String fileExtension, Predicate<String> encoders) {
        Set<String> demuxers = Set.of(probe.format().split(","));
        List<String> codecs = new ArrayList<>(probe.audioCodecs());
        codecs.add(probe.videoCodec());
        if (demuxers.contains("mov")) {
            boolean mp4 = !fileExtension.equals("mov") && MP4_CODECS.containsAll(codecs);
            return mp4 ? copy("mp4", "mp4") : copy("mov", "mov");
        }
        if (demuxers.contains("matroska")) {
            boolean webm = fileExtension.equals("webm") && WEBM_CODECS.containsAll(codecs);
            return webm ? copy("webm", "webm") : copy("matroska", "mkv");
        }
        if (demuxers.contains("avi")) {
            return copy("avi", "avi");
        }
        return new CutPlan("mp4", "mp4", false, encoders.test("libx264") ? "libx264" : "mpeg4");
    }

    /**
     * @return the plan {@link #choose} gives a file whose content is what its extension says, in codecs
     *     its container usually holds: what a cut can start with before ffprobe has answered
     */
    static Optional<CutPlan> expectedFor(String fileExtension) {
        return Optional.ofNullable(switch (fileExtension) {
            case "mp4" -> copy("mp4", "mp4");
            case "mov" -> copy("mov", "mov");
            case "mkv" -> copy("matroska", "mkv");
            case "webm" -> copy("webm", "webm");
            case "avi" -> copy("avi", "avi");
            default -> null;
        });
    }

    private static CutPlan copy(String muxer, String extension) {
        return new CutPlan(muxer, extension, true, null);
    }

    /** @return the ffmpeg command that cuts {@code input} into clips and thumbnails in {@code work} */
    List<String> command(Path ffmpeg, Path input, Path work) {
        List<String> c = new ArrayList<>(List.of(ffmpeg.toString()));
        c.addAll(STRICT);
        if (copy) {
            c.addAll(List.of("-threads", "1", "-skip_frame", "nokey"));
        }
        c.addAll(List.of("-i", "file:" + input.toAbsolutePath(), "-map", VIDEO, "-map", "0:a?"));
        if (copy) {
            c.addAll(List.of("-c", "copy"));
        } else {
            // Even sizes and 4:2:0 so that any player can play the clip.
            c.addAll(List.of("-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p", "-c:v", encoder));
            c.addAll(encoder.equals("libx264") ? List.of("-preset", "veryfast", "-crf", "23") : List.of("-q:v", "4"));
            c.addAll(List.of("-force_key_frames", FORCED_KEYFRAMES, "-c:a", "aac"));
        }
        c.addAll(segmentOutput(muxer, work, CLIP_PREFIX + "%05d." + extension));
        c.addAll(List.of("-map", VIDEO, "-vf", THUMBNAIL_FILTER, "-fps_mode", "passthrough",
                // The stream's own time base, so that listed thumbnail times are not rounded to frames.
                "-enc_time_base", "-1"));
        c.addAll(JPEG);
        c.addAll(segmentOutput("mjpeg", work, THUMBNAIL_PREFIX + "%05d.jpg"));
        return c;
    }

    /** @return the ffmpeg command that writes the first frame of {@code clip} to {@code jpeg} */
    static List<String> thumbnailCommand(Path ffmpeg, Path clip, Path jpeg) {
        List<String> c = new ArrayList<>(List.of(ffmpeg.toString()));
        c.addAll(STRICT);
        c.addAll(List.of("-i", "file:" + clip.toAbsolutePath(), "-map", "0:v:0", "-frames:v", "1"));
        c.addAll(JPEG);
        c.addAll(List.of("-f", "mjpeg", jpeg.toAbsolutePath().toString()));
        return c;
    }

    /**
     * The options of a segment output, listing each finished file on standard output. Each file's
     * timestamps start at 0, so a clip plays from its start. Negative timestamps are left alone so that
     * the listed times are the video's own: by default all of them would be shifted by the audio
     * encoder delay of files that have one.
     *
     * @param namePattern the file name with a {@code %05d} for the segment number
     */
    private static List<String> segmentOutput(String format, Path work, String namePattern) {
        // The path is a printf format: a '%' in the folder's name must not be read as one.
        String pattern = work.toAbsolutePath().toString().replace("%", "%%") + File.separator + namePattern;
        return List.of("-f", "segment", "-segment_time", String.valueOf(SEGMENT_SECONDS), "-segment_format", format,
                "-reset_timestamps", "1", "-avoid_negative_ts", "disabled",
                "-segment_list", "pipe:1", "-segment_list_type", "csv", pattern);
    }

    /** @return the lower-case extension of a file name, "" when it has none */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

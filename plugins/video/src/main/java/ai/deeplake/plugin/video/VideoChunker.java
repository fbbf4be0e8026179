package ai.deeplake.plugin.video;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.api.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.pf4j.Extension;

/**
 * The video {@link Chunker}: one row per {@value CutPlan#SEGMENT_SECONDS}-second segment of a
 * {@code .mp4 .mov .avi .mkv .webm} file, cut by ffmpeg.
 *
 * <p>Rows have the columns {@value #CHUNK_INDEX} (INT64, from 0), {@value #START_TIME} and
 * {@value #END_TIME} (FLOAT64 seconds, as ffmpeg measured the segment; the file's timeline, so the
 * first segment starts at 0), {@value #VIDEO_DATA} (VIDEO: the segment as a playable clip in the
 * file's own container family), {@value #THUMBNAIL} (IMAGE: a JPEG of the segment's first frame, at
 * the video's size) and {@value #TEXT} (TEXT: always null, since no transcript is made; the column is
 * there so that video tables have the seed's columns and a transcript can be added later).
 *
 * <p>Streams are copied, not re-encoded, whenever the container allows it (see {@link CutPlan}), so a
 * cut can only fall on a keyframe: a segment starts at the first keyframe at or after each multiple of
 * 10 s, and a video with sparse keyframes has longer segments. Its 25 s video with a keyframe every
 * second gives the rows 0-10, 10-20 and 20-25.
 *
 * <p>ffprobe checks the file first: one that is not a video, has no video stream or is cut short
 * raises {@link IngestError} naming the file and ffmpeg's reason. Segments are written to a folder
 * under {@link IngestSettings#tempDir()} and handed out one row per batch as ffmpeg finishes them, so
 * at most one clip is in memory here; the folder is deleted when the file is done or has failed, and
 * ffmpeg is killed if the ingest thread is interrupted or ffmpeg stalls.
 *
 * <p>ffmpeg and ffprobe are found as {@link FfmpegLocator} describes: {@value FfmpegLocator#PROPERTY}
 * or {@value FfmpegLocator#ENV}, the {@code PATH}, or the {@code org.bytedeco:ffmpeg} artifact on the
 * application's class path. ffmpeg 5.1 or later is needed. The instance keeps no state, so one serves
 * every worker thread.
 */
@Extension
public final class VideoChunker implements Chunker {
    /** The column holding the segment's position in its file, counted from 0. */
    public static final String CHUNK_INDEX = "chunk_index";
    /** The column holding the second the segment starts at. */
    public static final String START_TIME = "start_time";
    /** The column holding the second the segment ends at. */
    public static final String END_TIME = "end_time";
    /** The column holding the segment as a playable video file. */
    public static final String VIDEO_DATA = "video_data";
    /** The column holding a JPEG frame of the segment. */
    public static final String THUMBNAIL = "thumbnail";
    /** The column kept for a transcript; always null. */
    public static final String TEXT = "text";

    /** A copy runs far faster than this; a re-encode lists a thumbnail at least every 10 s of video. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    /** How much shorter than its header says a video may read before it counts as truncated. */
    private static final double TRUNCATION_TOLERANCE_SECONDS = 1.0;

    private static final Set<String> EXTENSIONS = Set.of("mp4", "mov", "avi", "mkv", "webm");
    private static final Schema SCHEMA = Schema.builder()
            .add(CHUNK_INDEX, ColumnType.INT64)
            .add(START_TIME, ColumnType.FLOAT64)
            .add(END_TIME, ColumnType.FLOAT64)
            .add(VIDEO_DATA, ColumnType.VIDEO)
            .add(THUMBNAIL, ColumnType.IMAGE)
            .add(TEXT, ColumnType.TEXT)
            .build();

    private final FfmpegLocator locator;

    /** A chunker that finds ffmpeg in this process's environment at each file. */
    public VideoChunker() {
        this(FfmpegLocator.fromSystem());
    }

    VideoChunker(FfmpegLocator locator) {
        this.locator = locator;
    }

    @Override
    public String name() {
        return "video";
    }

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public void chunk(Path file, IngestSettings settings, Consumer<Batch> out) throws IOException {
        FfmpegLocator.Tools tools = locator.locate();
        try (WorkFolder work = WorkFolder.create(settings.tempDir())) {
            VideoProbe probe = VideoProbe.of(tools, file, work.path());
            CutPlan plan = CutPlan.choose(probe, CutPlan.extension(file), encoder -> hasEncoder(tools, encoder, work.path()));
            cut(tools, file, probe, plan, work.path(), out);
        }
    }

    /**
     * The ffmpeg command {@link #chunk} runs for a file, for benchmarks and for reproducing a failure by
     * hand. It probes the file to choose between a copy and a re-encode, and writes to {@code work}.
     *
     * @return the program and its arguments
     * @throws IngestError when ffmpeg is missing or the file is not a video
     */
    public static List<String> cutCommand(Path file, Path work) throws IOException {
        FfmpegLocator.Tools tools = FfmpegLocator.fromSystem().locate();
        VideoProbe probe = VideoProbe.of(tools, file, work);
        CutPlan plan = CutPlan.choose(probe, CutPlan.extension(file), encoder -> hasEncoder(tools, encoder, work));
        return plan.command(tools.ffmpeg(), file, probe.videoIndex(), work);
    }

    private void cut(FfmpegLocator.Tools tools, Path file, VideoProbe probe, CutPlan plan, Path work, Consumer<Batch> out)
            throws IOException {
        List<String> command = plan.command(tools.ffmpeg(), file, probe.videoIndex(), work);
        SegmentList list = new SegmentList();
        double end = 0;
        try (ToolRun run = ToolRun.start("ffmpeg cutting " + file, command, work.resolve("ffmpeg.err"), STALL_TIMEOUT)) {
            String line;
            do {
                line = run.nextLine();
                if (line == null) {
                    list.end();
                } else {
                    list.add(line);
                }
                for (Optional<SegmentList.Clip> clip = list.next(); clip.isPresent(); clip = list.next()) {
                    out.accept(row(tools, clip.get(), work));
                    end = clip.get().clip().end();
                }
            } while (line != null);
            int exit = run.finish();
            String errors = run.errors();
            if (exit != 0 || !errors.isEmpty()) {
                throw new IngestError("Failed to cut " + file + ": ffmpeg " + (exit != 0 ? "exited with code " + exit : "reported errors")
                        + ": " + (errors.isEmpty() ? "no message" : errors) + " (command: " + String.join(" ", command) + ")");
            }
        }
        if (list.handedOut() == 0) {
            throw new IngestError("Not a readable video: " + file + ": ffmpeg found no video frames in it");
        }
        if (probe.declaredSeconds().isPresent() && end + TRUNCATION_TOLERANCE_SECONDS < probe.declaredSeconds().getAsDouble()) {
            throw new IngestError(String.format(Locale.ROOT, "Truncated video: %s: its header says the video lasts %.2f s,"
                    + " but ffmpeg could read only %.2f s of it", file, probe.declaredSeconds().getAsDouble(), end));
        }
    }

    /** Reads one clip and its thumbnail into a one-row batch, then deletes both files. */
    private static Batch row(FfmpegLocator.Tools tools, SegmentList.Clip clip, Path work) throws IOException {
        Path video = work.resolve(clip.clip().file());
        Path thumbnail = clip.thumbnail() != null ? work.resolve(clip.thumbnail().file()) : thumbnailOf(tools, video, work);
        byte[] videoBytes = Files.readAllBytes(video);
        byte[] jpeg = Files.readAllBytes(thumbnail);
        Files.delete(video);
        Files.delete(thumbnail);
        return Batch.builder()
                .column(CHUNK_INDEX, new long[] {clip.index()})
                .column(START_TIME, new double[] {clip.clip().start()})
                .column(END_TIME, new double[] {clip.clip().end()})
                .column(VIDEO_DATA, new byte[][] {videoBytes})
                .column(THUMBNAIL, new byte[][] {jpeg})
                .column(TEXT, new String[] {null})
                .build();
    }

    /**
     * Makes a thumbnail from a clip's first frame, for a clip the main run made none for. It costs
     * another ffmpeg run, so it is the exception.
     */
    static Path thumbnailOf(FfmpegLocator.Tools tools, Path clip, Path work) throws IOException {
        Path jpeg = work.resolve(clip.getFileName() + ".jpg");
        List<String> command = CutPlan.thumbnailCommand(tools.ffmpeg(), clip, jpeg);
        try (ToolRun run = ToolRun.start("ffmpeg making a thumbnail of " + clip.getFileName(), command,
                work.resolve("thumbnail.err"), STALL_TIMEOUT)) {
            int exit = run.finish();
            if (exit != 0 || !Files.isRegularFile(jpeg) || Files.size(jpeg) == 0) {
                throw new IngestError("Failed to make a thumbnail of " + clip.getFileName() + ": ffmpeg exited with code "
                        + exit + ": " + run.errors());
            }
        }
        return jpeg;
    }

    /** @return whether this ffmpeg lists the encoder; asked only when a file must be re-encoded */
    private static boolean hasEncoder(FfmpegLocator.Tools tools, String encoder, Path work) {
        List<String> command = List.of(tools.ffmpeg().toString(), "-hide_banner", "-encoders");
        try (ToolRun run = ToolRun.start("ffmpeg -encoders", command, work.resolve("encoders.err"), STALL_TIMEOUT)) {
            boolean found = false;
            for (String line = run.nextLine(); line != null; line = run.nextLine()) {
                found |= List.of(line.strip().split("\\s+")).contains(encoder);
            }
            run.finish();
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

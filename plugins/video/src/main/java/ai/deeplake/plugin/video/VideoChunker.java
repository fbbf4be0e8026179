package ai.deeplake.plugin.video;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.api.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
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
 * 10 s, and a video with sparse keyframes has longer segments. A 25 s video with a keyframe every
 * second gives the rows 0-10, 10-20 and 20-25.
 *
 * <p>ffprobe checks the file before any row is handed out: one that is not a video, has no video
 * stream or is cut short raises {@link IngestError} naming the file and ffmpeg's reason. Segments are written to a folder
 * under {@link IngestSettings#tempDir()} and handed out one row per batch as ffmpeg finishes them, so
 * at most one clip is in memory here; the folder is deleted when the file is done or has failed, and
 * ffmpeg is killed if the ingest thread is interrupted or ffmpeg stalls.
 *
 * <p>It needs the {@code ffmpeg} and {@code ffprobe} programs, 5.1 or later, and looks for them in
 * this order:
 *
 * <ol>
 *   <li>the folder (or the {@code ffmpeg} program) named by the system property
 *       {@value FfmpegLocator#PROPERTY} or the environment variable {@value FfmpegLocator#ENV};
 *   <li>the {@code PATH} ({@code apt-get install ffmpeg}, {@code brew install ffmpeg}...);
 *   <li>the programs packed in the {@code org.bytedeco:ffmpeg} Maven artifact, when the application
 *       has it on its class path: {@code org.bytedeco:ffmpeg:8.1.2-1.5.14} together with the same
 *       artifact with the classifier of its platform ({@code linux-x86_64}, {@code macosx-arm64},
 *       {@code windows-x86_64}...), or {@code org.bytedeco:ffmpeg-platform} for every platform. They
 *       belong on the application's class path (the {@code lib/} folder of the distribution), not in
 *       the plugin: the plugin finds them through its parent class loader. The first use extracts the
 *       programs to {@code ~/.javacpp/cache}.
 * </ol>
 *
 * <p>The instance keeps no state, so one serves every worker thread.
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
        String extension = CutPlan.extension(file);
        Optional<CutPlan> expected = CutPlan.expectedFor(extension);
        // The cut the extension suggests starts with ffprobe, not after it: on a small video, starting
        // a process costs about as much as the work. Its rows wait until ffprobe agrees.
        try (WorkFolder work = WorkFolder.create(settings.tempDir());
                VideoProbe.Pending probing = VideoProbe.start(tools, file, work.path());
                Cut early = expected.isPresent() ? Cut.start(tools, file, expected.get(), work.path()) : null) {
            VideoProbe probe = probing.result();
            CutPlan plan = CutPlan.choose(probe, extension, encoder -> hasEncoder(tools, encoder, work.path()));
            if (early != null && early.plan().equals(plan)) {
                early.emit(probe, out);
                return;
            }
            if (early != null) {
                early.close();
            }
            try (Cut cut = Cut.start(tools, file, plan, work.path())) {
                cut.emit(probe, out);
            }
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
        try (VideoProbe.Pending probing = VideoProbe.start(tools, file, work)) {
            CutPlan plan = CutPlan.choose(probing.result(), CutPlan.extension(file), encoder -> hasEncoder(tools, encoder, work));
            return plan.command(tools.ffmpeg(), file, work);
        }
    }

    /** @return whether this ffmpeg lists the encoder; asked only when a file must be re-encoded */
    private static boolean hasEncoder(FfmpegLocator.Tools tools, String encoder, Path work) {
        List<String> command = List.of(tools.ffmpeg().toString(), "-hide_banner", "-encoders");
        try (ToolRun run = ToolRun.start("ffmpeg -encoders", command, work.resolve("encoders.err"), Cut.STALL_TIMEOUT)) {
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

package ai.deeplake.plugin.video;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One ffmpeg run cutting a file by a {@link CutPlan} into a folder of its own, turned into rows as
 * its segment lists come in. Closing it kills ffmpeg if it still runs and deletes the folder, so a
 * cut started on a guess can be dropped when ffprobe says otherwise.
 */
final class Cut implements AutoCloseable {
    /** A copy runs far faster than this; a re-encode lists a thumbnail at least every 10 s of video. */
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    /** How much shorter than its header says a video may read before it counts as truncated. */
    private static final double TRUNCATION_TOLERANCE_SECONDS = 1.0;

    private final FfmpegLocator.Tools tools;
    private final Path file;
    private final CutPlan plan;
    private final Path folder;
    private final List<String> command;
    private final ToolRun run;

    private Cut(FfmpegLocator.Tools tools, Path file, CutPlan plan, Path folder, List<String> command, ToolRun run) {
        this.tools = tools;
        this.file = file;
        this.plan = plan;
        this.folder = folder;
        this.command = command;
        this.run = run;
    }

    /** Starts ffmpeg cutting {@code file} into a new folder under {@code work}. */
    static Cut start(FfmpegLocator.Tools tools, Path file, CutPlan plan, Path work) throws IOException {
        Path folder = Files.createTempDirectory(work, plan.muxer() + "-");
        List<String> command = plan.command(tools.ffmpeg(), file, folder);
        ToolRun run = ToolRun.start("ffmpeg cutting " + file, command, folder.resolve("ffmpeg.err"), STALL_TIMEOUT);
        return new Cut(tools, file, plan, folder, command, run);
    }

    CutPlan plan() {
        return plan;
    }

    /**
     * Hands each clip to {@code out} as a one-row batch as soon as ffmpeg has finished it and its
     * thumbnail, then checks that ffmpeg succeeded and read the whole video.
     *
     * @param probe what ffprobe said about the file, for the length its header declares
     * @throws IngestError naming the file when ffmpeg fails, finds no frames or reads less than the
     *     header declares; rows already handed out stay handed out
     */
    void emit(VideoProbe probe, Consumer<Batch> out) throws IOException {
        SegmentList list = new SegmentList();
        double end = 0;
        String line;
        do {
            line = run.nextLine();
            if (line == null) {
                list.end();
            } else {
                list.add(line);
            }
            for (Optional<SegmentList.Clip> clip = list.next(); clip.isPresent(); clip = list.next()) {
                out.accept(row(clip.get()));
                end = clip.get().clip().end();
            }
        } while (line != null);
        int exit = run.finish();
        String errors = run.errors();
        if (exit != 0 || !errors.isEmpty()) {
            throw new IngestError("Failed to cut " + file + ": ffmpeg " + (exit != 0 ? "exited with code " + exit : "reported errors")
                    + ": " + (errors.isEmpty() ? "no message" : errors) + " (command: " + String.join(" ", command) + ")");
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
    private Batch row(SegmentList.Clip clip) throws IOException {
        Path video = folder.resolve(clip.clip().file());
        Path thumbnail = clip.thumbnail() != null ? folder.resolve(clip.thumbnail().file()) : thumbnailOf(tools, video, folder);
        byte[] videoBytes = Files.readAllBytes(video);
        byte[] jpeg = Files.readAllBytes(thumbnail);
        Files.delete(video);
        Files.delete(thumbnail);
        return Batch.builder()
                .column(VideoChunker.CHUNK_INDEX, new long[] {clip.index()})
                .column(VideoChunker.START_TIME, new double[] {clip.clip().start()})
                .column(VideoChunker.END_TIME, new double[] {clip.clip().end()})
                .column(VideoChunker.VIDEO_DATA, new byte[][] {videoBytes})
                .column(VideoChunker.THUMBNAIL, new byte[][] {jpeg})
                .column(VideoChunker.TEXT, new String[] {null})
                .build();
    }

    /**
     * Makes a thumbnail from a clip's first frame, for a clip the cut made none for. It costs another
     * ffmpeg run, so it is the exception.
     *
     * @return the JPEG file, in {@code folder}
     */
    static Path thumbnailOf(FfmpegLocator.Tools tools, Path clip, Path folder) throws IOException {
        Path jpeg = folder.resolve(clip.getFileName() + ".jpg");
        List<String> command = CutPlan.thumbnailCommand(tools.ffmpeg(), clip, jpeg);
        try (ToolRun run = ToolRun.start("ffmpeg making a thumbnail of " + clip.getFileName(), command,
                folder.resolve("thumbnail.err"), STALL_TIMEOUT)) {
            int exit = run.finish();
            if (exit != 0 || !Files.isRegularFile(jpeg) || Files.size(jpeg) == 0) {
                throw new IngestError("Failed to make a thumbnail of " + clip.getFileName() + ": ffmpeg exited with code "
                        + exit + ": " + run.errors());
            }
        }
        return jpeg;
    }

    @Override
    public void close() throws IOException {
        run.close();
        WorkFolder.deleteTree(folder);
    }
}

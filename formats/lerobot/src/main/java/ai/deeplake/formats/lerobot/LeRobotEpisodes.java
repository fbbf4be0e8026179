package ai.deeplake.formats.lerobot;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The episodes table of a LeRobot v2 dataset: one row per episode of {@code meta/episodes.jsonl}
 * whose chunk is in {@code [chunkStart, chunkEnd]} (both included), with its camera videos as bytes.
 *
 * <p>Columns: episode_index (INT64), task (TEXT: the episode's tasks joined by {@code "; "}), length
 * (INT64, frames), exterior_1_video, exterior_2_video, wrist_video (VIDEO, the
 * {@code videos/chunk-XXX/<camera>/episode_XXXXXX.mp4} file). Which camera fills which column is
 * described on {@link #cameras()}; a column without a camera holds nulls. A camera's missing video file is an error naming the file.
 *
 * <p>Each episode is its own batch, so only one episode's videos are in memory at a time.
 */
public final class LeRobotEpisodes implements Format {
    private static final Schema SCHEMA = schemaOf();

    private final LeRobotLayout layout;
    private final ChunkRange chunks;
    private final Map<String, String> cameras;

    /**
     * @param datasetDir the dataset's root folder (holding {@code meta/}, {@code data/} and {@code videos/})
     * @param chunkStart first chunk to read
     * @param chunkEnd last chunk to read, included
     * @throws IngestError when the range is empty or negative, or the folder or {@code meta/info.json} is missing
     */
    public LeRobotEpisodes(Path datasetDir, int chunkStart, int chunkEnd) {
        this.chunks = new ChunkRange(chunkStart, chunkEnd);
        this.layout = LeRobotLayout.open(datasetDir);
        this.cameras = CameraColumns.of(layout.videoKeys());
    }

    private static Schema schemaOf() {
        Schema.Builder b = Schema.builder().add("episode_index", ColumnType.INT64).add("task", ColumnType.TEXT)
                .add("length", ColumnType.INT64);
        CameraColumns.COLUMNS.forEach(c -> b.add(c, ColumnType.VIDEO));
        return b.build();
    }

    /**
     * @return video column -> camera key of {@code meta/info.json}, for the columns that get a camera:
     *     a key holding {@code wrist} goes to wrist_video, {@code exterior..1} to exterior_1_video,
     *     {@code exterior..2} to exterior_2_video (DROID's {@code observation.images.exterior_image_1_left},
     *     {@code ..._2_left}, {@code wrist_image_left}); other cameras fill the free columns in
     *     info.json's order; cameras beyond three are left out
     */
    public Map<String, String> cameras() {
        return cameras;
    }

    @Override
    public Optional<Schema> schema() {
        return Optional.of(SCHEMA);
    }

    @Override
    public void normalize(Consumer<Batch> out) {
        for (List<LeRobotLayout.Episode> episodes : layout.episodes(chunks).values()) {
            for (LeRobotLayout.Episode episode : episodes) {
                out.accept(row(episode));
            }
        }
    }

    private Batch row(LeRobotLayout.Episode episode) {
        Batch.Builder b = Batch.builder()
                .column("episode_index", new long[] {episode.index()})
                .column("task", new String[] {String.join("; ", episode.tasks())})
                .column("length", new long[] {episode.length()});
        for (String column : CameraColumns.COLUMNS) {
            String camera = cameras.get(column);
            b.column(column, new byte[][] {camera == null ? null : video(episode.index(), camera)});
        }
        return b.build();
    }

    private byte[] video(int episode, String camera) {
        Path file = layout.videoFile(episode, camera);
        if (!Files.isRegularFile(file)) {
            throw new IngestError(file + ": missing video of camera " + camera + " for episode " + episode);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IngestError(file + ": cannot read video: " + e.getMessage(), e);
        }
    }
}

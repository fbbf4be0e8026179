package ai.deeplake.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.Client;
import ai.deeplake.Dataset;
import ai.deeplake.Row;
import ai.deeplake.api.TableError;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records, sizes, views and batch iteration of a {@link DeeplakeDataset} against the table it reads. */
class DeeplakeDatasetTest {
    private static final int ROWS = 2000;

    @TempDir
    static Path root;
    static Client client;
    NDManager manager;

    @BeforeAll
    static void ingest() {
        client = Client.builder().root(root).build();
        Frames.ingest(client, ROWS);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private static DeeplakeDataset.Builder frames() {
        return DeeplakeDataset.builder(client.openTable("frames"));
    }

    @Test
    void recordsAreTheTableRowsAsFloat32() {
        DeeplakeDataset ds = frames().features(Frames.STATES).labels(Frames.ACTIONS).setSampling(32, false).build();
        assertEquals(ROWS, ds.size());
        assertEquals(8, ds.featureSize());
        assertEquals(7, ds.labelSize());

        Dataset table = client.openTable("frames");
        for (long i : new long[] {0, 1234, ROWS - 1}) {
            Record record = ds.get(manager, i);
            NDArray states = record.getData().singletonOrThrow();
            NDArray actions = record.getLabels().singletonOrThrow();
            assertEquals(new Shape(8), states.getShape());
            assertEquals(new Shape(7), actions.getShape());
            assertEquals(DataType.FLOAT32, states.getDataType());
            assertEquals(DataType.FLOAT32, actions.getDataType());
            Row row = table.get(i);
            assertArrayEquals(floats(row, Frames.STATES), states.toFloatArray());
            assertArrayEquals(floats(row, Frames.ACTIONS), actions.toFloatArray());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(manager, ROWS));
    }

    private static float[] floats(Row row, String... columns) {
        float[] values = new float[columns.length];
        for (int c = 0; c < columns.length; c++) {
            values[c] = (float) row.getDouble(columns[c]);
        }
        return values;
    }

    @Test
    void vectorsBooleansAndIntegersStackInTheOrderNamed() {
        DeeplakeDataset ds = frames().features("observation", "frame").labels("done").setSampling(1, false).build();
        assertEquals(5, ds.featureSize());
        assertEquals(1, ds.labelSize());
        Record last = ds.get(manager, 199);
        assertArrayEquals(new float[] {199, -199, 1, 1, 199}, last.getData().head().toFloatArray());
        assertArrayEquals(new float[] {1}, last.getLabels().head().toFloatArray());
        assertArrayEquals(new float[] {0}, ds.get(manager, 198).getLabels().head().toFloatArray());
    }

    @Test
    void viewsKeepTheirRowsAndOrder() {
        // The view's column list is replaced by the features; its WHERE stays.
        Dataset early = client.openTable("frames").query("SELECT task WHERE episode_index < 3");
        DeeplakeDataset firstEpisodes = DeeplakeDataset.builder(early).features("frame").setSampling(8, false).build();
        assertEquals(3 * Frames.FRAMES_PER_EPISODE, firstEpisodes.size());
        assertEquals(0, firstEpisodes.labelSize());
        assertTrue(firstEpisodes.get(manager, 0).getLabels().isEmpty());

        Dataset shuffled = client.openTable("frames").shuffled(11);
        DeeplakeDataset mixed = DeeplakeDataset.builder(shuffled).features("frame").setSampling(8, false).build();
        for (long i = 0; i < 5; i++) {
            assertEquals(shuffled.get(i).getLong("frame"), (long) mixed.get(manager, i).getData().head().getFloat(0));
        }
    }

    @Test
    void shuffledBatchesCoverEveryRowOnce() throws Exception {
        DeeplakeDataset ds = frames().features("frame").labels(Frames.ACTIONS).setSampling(64, true).build();
        List<Integer> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Batch batch : ds.getData(manager)) {
            try (batch) {
                NDArray frames = batch.getData().singletonOrThrow();
                assertEquals(new Shape(batch.getSize(), 1), frames.getShape());
                assertEquals(new Shape(batch.getSize(), 7), batch.getLabels().singletonOrThrow().getShape());
                for (float frame : frames.toFloatArray()) {
                    seen.add((int) frame);
                }
                sizes.add(batch.getSize());
            }
        }
        assertEquals(ROWS, seen.size());
        assertEquals(new HashSet<>(IntStream.range(0, ROWS).boxed().toList()), new HashSet<>(seen));
        assertNotEquals(IntStream.range(0, ROWS).boxed().toList(), seen, "the sampler shuffles");
        assertEquals(ROWS / 64 + 1, sizes.size());
        assertEquals(ROWS % 64, sizes.get(sizes.size() - 1));
    }

    @Test
    void samplesComeFromMemoryOnceRead() throws Exception {
        client.ingest("gone", Map.of("x", List.of(1.0, 2.0, 3.0), "y", List.of(10L, 20L, 30L)));
        DeeplakeDataset ds = DeeplakeDataset.builder(client.openTable("gone")).features("x").labels("y")
                .setSampling(2, true).build();
        ds.prepare();
        // Without the table, any query would fail: the records and batches below read none.
        client.dropTable("gone");
        assertArrayEquals(new float[] {30}, ds.get(manager, 2).getLabels().head().toFloatArray());
        int rows = 0;
        for (Batch batch : ds.getData(manager)) {
            try (batch) {
                rows += batch.getSize();
            }
        }
        assertEquals(3, rows);
    }

    @Test
    void rejectsTextColumnsAndMissingFeatures() {
        DeeplakeDataset text = frames().features("state_x", "task").setSampling(1, false).build();
        TableError error = assertThrows(TableError.class, text::size);
        assertTrue(error.getMessage().contains("'task'"), error.getMessage());

        assertThrows(TableError.class, () -> frames().labels(Frames.ACTIONS).setSampling(1, false).build());
        assertThrows(NullPointerException.class, () -> frames().features("state_x").build(), "no sampling set");
    }
}

package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.TableError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Datasets for training: sizes, random access, batches, views, shuffling, prefetch. */
public abstract class DatasetSuite extends ClientFixture {
    private static final int ROWS = 1000;

    @BeforeEach
    void fill() {
        List<Long> episode = new ArrayList<>();
        List<Double> state = new ArrayList<>();
        List<float[]> action = new ArrayList<>();
        List<String> task = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            episode.add((long) (i / 100));
            state.add(i * 0.5);
            action.add(new float[] {i, -i});
            task.add("task-" + i);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("frame", new ArrayList<>(java.util.stream.LongStream.range(0, ROWS).boxed().toList()));
        data.put("episode_index", episode);
        data.put("state_x", state);
        data.put("action", action);
        data.put("task", task);
        client.ingest("frames", data);
    }

    private static List<Long> frames(Iterable<Batch> batches, List<Integer> sizes) {
        List<Long> seen = new ArrayList<>();
        for (Batch b : batches) {
            sizes.add(b.size());
            for (long f : b.longs("frame")) {
                seen.add(f);
            }
        }
        return seen;
    }

    @Test
    void sizeRandomAccessAndColumns() {
        Dataset ds = client.openTable("frames");
        assertEquals(ROWS, ds.size());
        assertEquals(0L, ds.get(0).getLong("frame"));
        assertEquals(777L, ds.get(777).getLong("frame"));
        assertEquals(388.5, ds.get(777).getDouble("state_x"));
        assertArrayEquals(new float[] {999, -999}, ds.get(999).getFloatArray("action"));
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(ROWS));
        Batch first = ds.column("task").batches(10).iterator().next();
        assertEquals(List.of("task"), first.columnNames());
        assertEquals("task-9", first.strings("task")[9]);
        assertThrows(TableError.class, () -> client.openTable("nope"));
    }

    @Test
    void batchesCoverEveryRowOnceWithAShortLastBatch() {
        List<Integer> sizes = new ArrayList<>();
        List<Long> seen = frames(client.openTable("frames").batches(256), sizes);
        assertEquals(List.of(256, 256, 256, 232), sizes);
        assertEquals(java.util.stream.LongStream.range(0, ROWS).boxed().toList(), seen);
        Batch b = client.openTable("frames").batches(300).iterator().next();
        assertEquals(300, b.vectors("action").length);
        assertArrayEquals(new float[] {5, -5}, b.vectors("action")[5]);
        assertEquals(2.5, b.doubles("state_x")[5]);
        assertEquals(0L, b.longs("episode_index")[99]);
    }

    @Test
    void viewsNarrowColumnsAndRows() {
        Dataset view = client.openTable("frames").query("SELECT frame, state_x WHERE episode_index < 2 AND task <> 'task-5'");
        assertEquals(199, view.size());
        List<Integer> sizes = new ArrayList<>();
        List<Long> seen = frames(view.batches(64), sizes);
        assertEquals(199, seen.size());
        assertTrue(!seen.contains(5L) && seen.contains(199L) && !seen.contains(200L));
        assertEquals(List.of("frame", "state_x"), view.batches(8).iterator().next().columnNames());
        assertEquals(List.of(150L), frames(view.query("SELECT frame WHERE frame = 150").batches(10), new ArrayList<>()));
        assertThrows(TableError.class, () -> view.query("SELECT * FROM frames"));
    }

    @Test
    void shuffledIsAReproduciblePermutation() {
        Dataset ds = client.openTable("frames");
        List<Long> a = frames(ds.shuffled(7).batches(100), new ArrayList<>());
        List<Long> b = frames(ds.shuffled(7).batches(33), new ArrayList<>());
        List<Long> c = frames(ds.shuffled(8).batches(100), new ArrayList<>());
        assertEquals(a, b, "same seed, same order");
        assertNotEquals(a, c, "another seed, another order");
        Set<Long> unique = new HashSet<>(a);
        assertEquals(ROWS, unique.size(), "a permutation: every row once");
        assertNotEquals(java.util.stream.LongStream.range(0, ROWS).boxed().toList(), a);
        assertEquals(a.get(123), ds.shuffled(7).get(123).getLong("frame"), "random access follows the shuffled order");
    }

    @Test
    void prefetchGivesTheSameBatchesAndStreamGivesRows() {
        Dataset ds = client.openTable("frames").shuffled(3);
        assertEquals(frames(ds.batches(50), new ArrayList<>()), frames(ds.prefetch(4).batches(50), new ArrayList<>()));
        try (var rows = client.openTable("frames").query("SELECT frame WHERE frame >= 990").stream()) {
            assertEquals(List.of(990L, 991L, 992L, 993L, 994L, 995L, 996L, 997L, 998L, 999L), rows.map(r -> r.getLong("frame")).toList());
        }
    }

    @Test
    void rowsOfSeveralCommitBlocksReadInIngestOrder() {
        int n = 7000;
        client.ingest("big", Map.of("frame", new ArrayList<>(java.util.stream.LongStream.range(0, n).boxed().toList())));
        List<Long> seen = frames(client.openTable("big").batches(1000), new ArrayList<>());
        assertEquals(java.util.stream.LongStream.range(0, n).boxed().toList(), seen, "blocks commit in order, embedded and remote");
        assertEquals(6543L, client.openTable("big").get(6543).getLong("frame"));
    }
}

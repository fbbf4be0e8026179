package ai.deeplake.formats.lerobot;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.Schema;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The tasks table of a LeRobot v2 dataset: one row per line of {@code meta/tasks.jsonl}, with the
 * columns task_index (INT64) and task (TEXT).
 */
public final class LeRobotTasks implements Format {
    private static final int BATCH = 2000;
    private static final Schema SCHEMA = Schema.builder().add("task_index", ColumnType.INT64).add("task", ColumnType.TEXT).build();

    private final LeRobotLayout layout;

    /**
     * @param datasetDir the dataset's root folder (holding {@code meta/})
     * @throws ai.deeplake.api.IngestError when the folder or {@code meta/info.json} is missing
     */
    public LeRobotTasks(Path datasetDir) {
        this.layout = LeRobotLayout.open(datasetDir);
    }

    @Override
    public void normalize(Consumer<Batch> out) {
        long[] indexes = new long[BATCH];
        String[] tasks = new String[BATCH];
        int[] n = {0};
        layout.forEachTask(task -> {
            indexes[n[0]] = task.index();
            tasks[n[0]] = task.task();
            if (++n[0] == BATCH) {
                out.accept(batch(indexes.clone(), tasks.clone()));
                n[0] = 0;
            }
        });
        if (n[0] > 0) {
            out.accept(batch(Arrays.copyOf(indexes, n[0]), Arrays.copyOf(tasks, n[0])));
        }
    }

    private static Batch batch(long[] indexes, String[] tasks) {
        return Batch.builder().column("task_index", indexes).column("task", tasks).build();
    }

    @Override
    public Optional<Schema> schema() {
        return Optional.of(SCHEMA);
    }
}

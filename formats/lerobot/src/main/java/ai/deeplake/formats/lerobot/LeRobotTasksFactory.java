package ai.deeplake.formats.lerobot;

import ai.deeplake.api.Format;
import java.nio.file.Path;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code lerobot-tasks} format: {@link LeRobotTasks}. */
@Extension
public final class LeRobotTasksFactory extends LeRobotFormatFactory {
    @Override
    public String id() {
        return "lerobot-tasks";
    }

    @Override
    public String description() {
        return "LeRobot v2 tasks (meta/tasks.jsonl); option path=<dataset folder>";
    }

    @Override
    Format create(Path datasetDir, Map<String, String> options) {
        return new LeRobotTasks(datasetDir);
    }
}

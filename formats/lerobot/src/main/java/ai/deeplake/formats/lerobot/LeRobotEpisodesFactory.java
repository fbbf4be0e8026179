package ai.deeplake.formats.lerobot;

import ai.deeplake.api.Format;
import java.nio.file.Path;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code lerobot-episodes} format: {@link LeRobotEpisodes}. */
@Extension
public final class LeRobotEpisodesFactory extends LeRobotFormatFactory {
    @Override
    public String id() {
        return "lerobot-episodes";
    }

    @Override
    public String description() {
        return "LeRobot v2 episodes with their camera videos; options path=<dataset folder>, chunk-start, chunk-end (inclusive)";
    }

    @Override
    Format create(Path datasetDir, Map<String, String> options) {
        return new LeRobotEpisodes(datasetDir, chunk(options, CHUNK_START), chunk(options, CHUNK_END));
    }
}

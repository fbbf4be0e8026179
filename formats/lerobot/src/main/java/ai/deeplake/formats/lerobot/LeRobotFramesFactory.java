package ai.deeplake.formats.lerobot;

import ai.deeplake.api.Format;
import java.nio.file.Path;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code lerobot-frames} format: {@link LeRobotFrames}. */
@Extension
public final class LeRobotFramesFactory extends LeRobotFormatFactory {
    @Override
    public String id() {
        return "lerobot-frames";
    }

    @Override
    public String description() {
        return "LeRobot v2 frames, state/action split into columns; options path=<dataset folder>, chunk-start, chunk-end (inclusive)";
    }

    @Override
    Format create(Path datasetDir, Map<String, String> options) {
        return new LeRobotFrames(datasetDir, chunk(options, CHUNK_START), chunk(options, CHUNK_END));
    }
}

package ai.deeplake.formats.lerobot;

import ai.deeplake.ClientMode;

/** {@link LeRobotIngestSuite} on an embedded workspace. */
class LeRobotIngestTest extends LeRobotIngestSuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}

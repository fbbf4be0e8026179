package ai.deeplake.djl;

import ai.deeplake.Client;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A LeRobot-like frames table for behaviour cloning: 8 state columns and 7 action columns, where
 * each action is a fixed (seeded) linear map of the state plus a little noise, so a small network
 * can learn it in a few hundred steps. Also an episode index, a frame number, a 4-value
 * observation embedding, a {@code done} flag on each episode's last frame and a task text.
 */
final class Frames {
    static final String[] STATES = {"state_x", "state_y", "state_z", "state_roll", "state_pitch", "state_yaw",
        "state_gripper", "state_base"};
    static final String[] ACTIONS = {"action_x", "action_y", "action_z", "action_roll", "action_pitch", "action_yaw",
        "action_gripper"};
    static final int FRAMES_PER_EPISODE = 100;

    private Frames() {}

    /** Ingests {@code rows} frames into table {@code frames}. */
    static void ingest(Client client, int rows) {
        Random random = new Random(7);
        double[][] map = new double[ACTIONS.length][STATES.length];
        for (double[] weights : map) {
            for (int s = 0; s < weights.length; s++) {
                weights[s] = random.nextGaussian() * 0.5;
            }
        }
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (String name : List.of("frame", "episode_index", "observation", "done", "task")) {
            columns.put(name, new ArrayList<>());
        }
        for (String name : STATES) {
            columns.put(name, new ArrayList<>());
        }
        for (String name : ACTIONS) {
            columns.put(name, new ArrayList<>());
        }
        for (int i = 0; i < rows; i++) {
            double[] state = new double[STATES.length];
            for (int s = 0; s < state.length; s++) {
                state[s] = random.nextDouble() * 2 - 1;
                columns.get(STATES[s]).add(state[s]);
            }
            for (int a = 0; a < ACTIONS.length; a++) {
                double action = random.nextGaussian() * 0.01;
                for (int s = 0; s < state.length; s++) {
                    action += map[a][s] * state[s];
                }
                columns.get(ACTIONS[a]).add(action);
            }
            columns.get("frame").add((long) i);
            columns.get("episode_index").add((long) (i / FRAMES_PER_EPISODE));
            columns.get("observation").add(new float[] {i, -i, i % 3, 1});
            columns.get("done").add(i % FRAMES_PER_EPISODE == FRAMES_PER_EPISODE - 1);
            columns.get("task").add("task-" + i % 5);
        }
        client.ingest("frames", columns);
    }
}

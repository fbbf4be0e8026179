/**
 * The LeRobot format plugin ({@code deeplake-format-lerobot}): a LeRobot v2 robotics dataset as three
 * tables, {@link ai.deeplake.formats.lerobot.LeRobotTasks tasks},
 * {@link ai.deeplake.formats.lerobot.LeRobotFrames frames} (the state and action vectors split into
 * named columns, read from Parquet through the host's DuckDB) and
 * {@link ai.deeplake.formats.lerobot.LeRobotEpisodes episodes} (one row per episode with its camera
 * videos), chosen on the command line by the ids {@code lerobot-tasks}, {@code lerobot-frames} and
 * {@code lerobot-episodes}.
 */
package ai.deeplake.formats.lerobot;

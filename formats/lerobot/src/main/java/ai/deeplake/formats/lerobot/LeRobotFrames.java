package ai.deeplake.formats.lerobot;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The frames table of a LeRobot v2 dataset: one row per frame of the episodes whose chunk is in
 * {@code [chunkStart, chunkEnd]} (both included), read from {@code data/chunk-XXX/episode_XXXXXX.parquet}
 * through DuckDB.
 *
 * <p>Columns: index, episode_index, frame_index, task_index (INT64), timestamp (FLOAT32), then the
 * {@code observation.state} vector split into {@code state_<name>} and the {@code action} vector into
 * {@code action_<name>} (FLOAT32). The names come from {@code features[...].names} of
 * {@code meta/info.json}; without them they are DROID's: state_x, state_y, state_z, state_roll,
 * state_pitch, state_yaw, state_pad, state_gripper and action_x .. action_yaw, action_gripper. A
 * vector of another length than its names is an error naming the episode's file.
 *
 * <p>Rows stream from DuckDB and are handed on in batches of {@value #BATCH}, so memory stays bounded
 * whatever the chunk's size.
 */
public final class LeRobotFrames implements Format {
    static final int BATCH = 2000;
    private static final List<String> INTS = List.of("index", "episode_index", "frame_index", "task_index");
    private static final String TIMESTAMP = "timestamp";

    private final LeRobotLayout layout;
    private final ChunkRange chunks;
    /** timestamp, then the state and action columns: every FLOAT32 column, in order */
    private final List<String> floatColumns;

    /**
     * @param datasetDir the dataset's root folder (holding {@code meta/} and {@code data/})
     * @param chunkStart first chunk to read
     * @param chunkEnd last chunk to read, included
     * @throws IngestError when the range is empty or negative, or the folder or {@code meta/info.json} is missing
     */
    public LeRobotFrames(Path datasetDir, int chunkStart, int chunkEnd) {
        this.chunks = new ChunkRange(chunkStart, chunkEnd);
        this.layout = LeRobotLayout.open(datasetDir);
        List<String> floats = new ArrayList<>();
        floats.add(TIMESTAMP);
        layout.stateNames().forEach(n -> floats.add("state_" + n));
        layout.actionNames().forEach(n -> floats.add("action_" + n));
        this.floatColumns = List.copyOf(floats);
    }

    @Override
    public Optional<Schema> schema() {
        Schema.Builder b = Schema.builder();
        INTS.forEach(name -> b.add(name, ColumnType.INT64));
        floatColumns.forEach(name -> b.add(name, ColumnType.FLOAT32));
        return Optional.of(b.build());
    }

    @Override
    public void normalize(Consumer<Batch> out) {
        Map<Integer, List<LeRobotLayout.Episode>> byChunk = layout.episodes(chunks);
        try (Connection db = Parquet.open()) {
            for (Map.Entry<Integer, List<LeRobotLayout.Episode>> chunk : byChunk.entrySet()) {
                List<Path> files = chunk.getValue().stream().map(e -> layout.dataFile(e.index())).toList();
                Path folder = files.get(0).getParent();
                try {
                    requireFrameColumns(db, files);
                    stream(db, files, out);
                } catch (SQLException e) {
                    throw new IngestError(folder + ": reading the frames of chunk " + chunk.getKey() + " failed: " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new IngestError(layout.dir() + ": cannot open DuckDB to read Parquet: " + e.getMessage(), e);
        }
    }

    private static void requireFrameColumns(Connection db, List<Path> files) throws SQLException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IngestError(file + ": missing; meta/episodes.jsonl lists this episode");
            }
        }
        Map<String, Set<String>> columns = Parquet.columns(db, files);
        List<String> required = new ArrayList<>(INTS);
        required.addAll(List.of(TIMESTAMP, LeRobotLayout.STATE, LeRobotLayout.ACTION));
        for (Path file : files) {
            Set<String> has = columns.getOrDefault(file.toString(), Set.of());
            for (String name : required) {
                if (!has.contains(name)) {
                    throw new IngestError(file + ": no column '" + name + "'; LeRobot frames need " + required);
                }
            }
        }
    }

    private void stream(Connection db, List<Path> files, Consumer<Batch> out) throws SQLException {
        int states = layout.stateNames().size();
        int actions = layout.actionNames().size();
        StringBuilder sql = new StringBuilder("SELECT \"index\", episode_index, frame_index, task_index, \"timestamp\", len(\"")
                .append(LeRobotLayout.STATE).append("\"), len(").append(LeRobotLayout.ACTION).append(')');
        for (int i = 1; i <= states; i++) {
            sql.append(", \"").append(LeRobotLayout.STATE).append("\"[").append(i).append(']');
        }
        for (int i = 1; i <= actions; i++) {
            sql.append(", ").append(LeRobotLayout.ACTION).append('[').append(i).append(']');
        }
        sql.append(" FROM read_parquet(").append(Parquet.files(files)).append(')');
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            Rows rows = new Rows();
            while (rs.next()) {
                checkLength(rs, 6, LeRobotLayout.STATE, states);
                checkLength(rs, 7, LeRobotLayout.ACTION, actions);
                rows.add(rs);
                if (rows.size == BATCH) {
                    out.accept(rows.take());
                }
            }
            if (rows.size > 0) {
                out.accept(rows.take());
            }
        }
    }

    private void checkLength(ResultSet rs, int column, String vector, int expected) throws SQLException {
        int length = rs.getInt(column);
        boolean missing = rs.wasNull();
        if (missing || length != expected) {
            List<String> names = vector.equals(LeRobotLayout.STATE) ? layout.stateNames() : layout.actionNames();
            throw new IngestError(layout.dataFile(rs.getInt(2)) + ": " + vector + " of frame " + rs.getLong(3) + " has "
                    + (missing ? "no" : String.valueOf(length)) + " values, expected " + expected + " " + names);
        }
    }

    /** One batch being filled: an array per column, handed over whole when full. */
    private final class Rows {
        private long[][] ints;
        private float[][] floats;
        private BitSet[] nulls;
        private int size;

        Rows() {
            reset();
        }

        private void reset() {
            ints = new long[INTS.size()][BATCH];
            floats = new float[floatColumns.size()][BATCH];
            nulls = new BitSet[INTS.size() + floatColumns.size()];
            size = 0;
        }

        /** Result columns: the ints 1-4, timestamp 5, the two lengths 6-7, then the vector entries. */
        void add(ResultSet rs) throws SQLException {
            for (int c = 0; c < ints.length; c++) {
                ints[c][size] = rs.getLong(c + 1);
                markNull(rs, c);
            }
            for (int c = 0; c < floats.length; c++) {
                floats[c][size] = rs.getFloat(c == 0 ? 5 : c + 7);
                markNull(rs, ints.length + c);
            }
            size++;
        }

        private void markNull(ResultSet rs, int column) throws SQLException {
            if (rs.wasNull()) {
                if (nulls[column] == null) {
                    nulls[column] = new BitSet();
                }
                nulls[column].set(size);
            }
        }

        /** Hands a full batch's arrays over (no copy) and starts new ones; a partial batch is copied. */
        Batch take() {
            boolean full = size == BATCH;
            Batch.Builder b = Batch.builder();
            for (int c = 0; c < ints.length; c++) {
                b.column(INTS.get(c), full ? ints[c] : Arrays.copyOf(ints[c], size), nulls[c]);
            }
            for (int c = 0; c < floats.length; c++) {
                b.column(floatColumns.get(c), full ? floats[c] : Arrays.copyOf(floats[c], size), nulls[ints.length + c]);
            }
            if (full) {
                reset();
            } else {
                nulls = new BitSet[nulls.length];
                size = 0;
            }
            return b.build();
        }
    }
}

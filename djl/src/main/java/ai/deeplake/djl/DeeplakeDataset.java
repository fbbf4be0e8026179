package ai.deeplake.djl;

import ai.deeplake.Dataset;
import ai.deeplake.api.TableError;
import ai.deeplake.core.Sql;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A DJL {@link RandomAccessDataset} over a Deeplake table or view, so that a DJL {@code Trainer}
 * can train on it: each record holds one float32 feature vector and one float32 label vector.
 * Scalar numeric (and boolean, as 0/1) columns are stacked into one vector in the order named; a
 * vector column (EMBEDDING) adds its values as they are.
 *
 * <pre>{@code
 * DeeplakeDataset frames = DeeplakeDataset.builder(client.openTable("frames"))
 *         .features("state_x", "state_y", "state_z")
 *         .labels("action_x", "action_y")
 *         .setSampling(32, true)
 *         .build();
 * EasyTrain.fit(trainer, 2, frames, null);
 * }</pre>
 *
 * <p><b>Reading.</b> On {@link #prepare(Progress)} (which {@code getData}, {@code size} and
 * {@code get} call if needed) the dataset reads the named columns of the view once, in the view's
 * order, as columnar batches, and keeps them as float32 rows on the Java heap: 4 bytes per value,
 * nothing of the other columns. Every later {@link #get(NDManager, long)}, in any order and for any
 * number of epochs, is then a copy from memory, never a query. Random access straight through
 * {@link Dataset#get(long)} would not do: it keeps one 256-row block, so a shuffling sampler jumps
 * to another block on nearly every sample, and each block is a LIMIT/OFFSET query. The rows are
 * those of the view when it was read; rows ingested later are not seen. For a view too large for
 * the heap, narrow it ({@code dataset.query("SELECT * WHERE episode_index < 100")}), or stream it
 * with {@link Dataset#batches(int)} instead of random access.
 */
public final class DeeplakeDataset extends RandomAccessDataset {
    /** Rows per batch when reading the view: few round trips, modest batches. */
    private static final int READ_BATCH = 4096;

    private final Dataset source;
    private final List<String> featureNames;
    private final List<String> labelNames;
    private volatile Cache cache;

    private DeeplakeDataset(Builder builder) {
        super(builder);
        this.source = builder.source;
        this.featureNames = builder.features;
        this.labelNames = builder.labels;
    }

    /**
     * @param dataset a table from {@code client.openTable(name)} or a view of one ({@code query},
     *     {@code shuffled}); its WHERE conditions and order are kept, its column list is replaced by
     *     the features and labels
     * @return a builder; name the features, then set the sampling
     */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** @return the feature columns, in the order their values appear in a feature vector */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return the label columns, in the order their values appear in a label vector; empty when there are none */
    public List<String> labelNames() {
        return labelNames;
    }

    /** @return values per feature vector (reads the view if it is not read yet, to learn vector lengths) */
    public int featureSize() {
        return cache(null).features.width();
    }

    /** @return values per label vector, 0 without labels (reads the view if it is not read yet) */
    public int labelSize() {
        Cache c = cache(null);
        return c.labels == null ? 0 : c.labels.width();
    }

    /**
     * @return the row's features (shape {@code (featureSize)}) and labels (shape {@code (labelSize)},
     *     or no arrays without labels) as float32 arrays attached to {@code manager}
     */
    @Override
    public Record get(NDManager manager, long index) {
        Cache c = cache(null);
        Objects.checkIndex(index, c.features.rows());
        NDList data = new NDList(manager.create(c.features.row(index), new Shape(c.features.width())));
        NDList labels = c.labels == null ? new NDList()
                : new NDList(manager.create(c.labels.row(index), new Shape(c.labels.width())));
        return new Record(data, labels);
    }

    /** @return the number of rows in the view (reads it if it is not read yet) */
    @Override
    protected long availableSize() {
        return cache(null).features.rows();
    }

    /** Reads the view's feature and label columns into memory, once; later calls return at once. */
    @Override
    public void prepare(Progress progress) {
        cache(progress);
    }

    private Cache cache(Progress progress) {
        Cache c = cache;
        if (c == null) {
            synchronized (this) {
                c = cache;
                if (c == null) {
                    c = read(progress);
                    cache = c;
                }
            }
        }
        return c;
    }

    private Cache read(Progress progress) {
        Set<String> columns = new LinkedHashSet<>(featureNames);
        columns.addAll(labelNames);
        Dataset view = source.query("SELECT " + columns.stream().map(Sql::quote).collect(Collectors.joining(", ")));
        if (progress != null) {
            progress.reset("Reading " + source.table(), view.size());
        }
        FloatRows features = new FloatRows(featureNames);
        FloatRows labels = labelNames.isEmpty() ? null : new FloatRows(labelNames);
        long read = 0;
        for (ai.deeplake.api.Batch batch : view.batches(READ_BATCH)) {
            features.append(batch, read);
            if (labels != null) {
                labels.append(batch, read);
            }
            read += batch.size();
            if (progress != null) {
                progress.increment(batch.size());
            }
        }
        if (progress != null) {
            progress.end();
        }
        return new Cache(features, labels);
    }

    /** The view's rows, read once; immutable after, so concurrent {@code get}s need no lock. */
    private record Cache(FloatRows features, FloatRows labels) {}

    /** Builds a {@link DeeplakeDataset}: features are required, labels optional, sampling as for any DJL dataset. */
    public static final class Builder extends BaseBuilder<Builder> {
        private final Dataset source;
        private List<String> features = List.of();
        private List<String> labels = List.of();

        private Builder(Dataset source) {
            this.source = Objects.requireNonNull(source, "dataset");
        }

        /**
         * @param columns the columns stacked into each record's data array: numeric or boolean
         *     scalars, or vectors such as one EMBEDDING column
         * @return this builder
         */
        public Builder features(String... columns) {
            this.features = names(columns);
            return this;
        }

        /**
         * @param columns the columns stacked into each record's label array, as for {@link #features}
         * @return this builder
         */
        public Builder labels(String... columns) {
            this.labels = names(columns);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @return the dataset; nothing is read until it is prepared or first used
         * @throws TableError without features
         * @throws NullPointerException when {@code setSampling} was not called
         */
        public DeeplakeDataset build() {
            if (features.isEmpty()) {
                throw new TableError("A DJL dataset needs at least one feature column: call features(...)");
            }
            return new DeeplakeDataset(this);
        }

        private static List<String> names(String... columns) {
            List<String> names = Arrays.asList(columns);
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    throw new TableError("Column names must not be blank, got " + names);
                }
            }
            return List.copyOf(names);
        }
    }
}

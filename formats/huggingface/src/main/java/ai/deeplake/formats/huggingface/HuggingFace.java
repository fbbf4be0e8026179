package ai.deeplake.formats.huggingface;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * A HuggingFace Hub dataset, read through the Parquet files the Hub converts every dataset to.
 *
 * <p>The dataset is named {@code name[:config][@split]}: {@code mnist}, {@code mnist@test},
 * {@code nyu-mll/glue:mrpc@validation}. Without a config the dataset's only configuration, or else
 * its {@code default} one, is read; without a split every split of the configuration is. The same
 * text works as {@code client.ingest("t", Map.of("_huggingface", "mnist@test"))} and as the
 * {@code name} option of the {@code huggingface} format id; {@link Builder#config} and
 * {@link Builder#split} override what the name says.
 *
 * <p>How it works: {@code GET {endpoint}/api/datasets/{name}/parquet} lists the files as
 * {@code {config: {split: [url, ...]}}}; each file of the chosen splits is downloaded into
 * {@code {cacheDir}/{name}/{config}/{split}/} (to a {@code .part} file first, resumed with an HTTP
 * {@code Range} request after an interruption, unless the file's ETag changed; a completed file is reused and never fetched again)
 * and read with DuckDB.
 *
 * <p>Columns, in the files' order: an Image feature becomes IMAGE (the image file's bytes); a
 * ClassLabel becomes CLASS_LABEL (the label number) followed by a TEXT column {@code <name>_name}
 * with the label's name (null for -1, "no label"), so the names are in the table and can be queried;
 * a float sequence becomes EMBEDDING (every row the same length, else an {@link IngestError} naming
 * the column); text TEXT; integers INT32/INT64; floats FLOAT32/FLOAT64; booleans BOOL; Audio BINARY;
 * other nested values JSON. A last TEXT column {@code split} tells the split each row came from, so
 * that several splits can go into one table.
 *
 * <p>Defaults: endpoint {@code HF_ENDPOINT}, else {@code https://huggingface.co}; token
 * {@code HF_TOKEN}, sent as {@code Authorization: Bearer}; cache folder
 * {@code $DEEPLAKE_ROOT/cache/huggingface}, else {@code ~/.deeplake/cache/huggingface}. Made by a
 * client ({@code {"_huggingface": ...}} or {@code client.format("huggingface", options)}), the
 * format gets the client's root and environment instead. Network failures, HTTP errors (401, 404...) and downloads that are not
 * Parquet are {@link IngestError}s naming the dataset and the URL.
 */
public final class HuggingFace implements Format {
    /** The public Hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._=-]+");
    /** One client for every dataset: its connection pool and threads are shared. */
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(60)).build();

    private final DatasetRef ref;
    private final String endpoint;
    private final String token;
    private final Path cacheDir;
    private final long maxRows;
    private final DownloadProgress progress;
    private Plan plan;

    /** @param dataset {@code name[:config][@split]}, e.g. {@code "mnist"} */
    public HuggingFace(String dataset) {
        this(builder(dataset));
    }

    private HuggingFace(Builder b) {
        DatasetRef named = DatasetRef.parse(b.dataset);
        this.ref = new DatasetRef(named.name(), b.config != null ? b.config : named.config(), b.split != null ? b.split : named.split());
        this.endpoint = b.endpoint != null ? b.endpoint : env("HF_ENDPOINT", DEFAULT_ENDPOINT);
        this.token = b.token != null ? b.token : env("HF_TOKEN", null);
        this.cacheDir = b.cacheDir != null ? b.cacheDir
                : Path.of(env("DEEPLAKE_ROOT", Path.of(System.getProperty("user.home"), ".deeplake").toString()), "cache", "huggingface");
        this.maxRows = b.maxRows;
        this.progress = b.progress != null ? b.progress : new LoggedProgress();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** @param dataset {@code name[:config][@split]} */
    public static Builder builder(String dataset) {
        return new Builder(dataset);
    }

    /** @return the dataset as named: {@code name[:config][@split]} with the builder's config and split */
    public String dataset() {
        return ref.toString();
    }

    /** @return the folder downloads are cached in */
    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * The columns, known once the dataset's file list and first Parquet file are fetched (which this
     * call does, the first time).
     */
    @Override
    public Optional<Schema> schema() {
        return Optional.of(plan().schema());
    }

    /** @return each CLASS_LABEL column's label names, by label number (fetches the first file, like {@link #schema()}) */
    public Map<String, List<String>> labelNames() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        plan().columns().stream().filter(c -> c.type() == ColumnType.CLASS_LABEL).forEach(c -> names.put(c.name(), c.labelNames()));
        return Collections.unmodifiableMap(names);
    }

    @Override
    public void normalize(Consumer<Batch> out) {
        Plan p = plan();
        long left = maxRows;
        try (ParquetReader reader = new ParquetReader(ref.name())) {
            for (RemoteFile file : p.files()) {
                if (left <= 0) {
                    break;
                }
                Path local = p.hub().download(file.url(), file.local(), progress);
                List<ColumnPlan> columns = reader.plan(local);
                if (!columns.equals(p.columns())) {
                    throw new IngestError("HuggingFace dataset '" + ref + "': " + file.url() + " has other columns than the first file: "
                            + columns.stream().map(c -> c.name() + " " + c.type()).toList() + " vs "
                            + p.columns().stream().map(c -> c.name() + " " + c.type()).toList());
                }
                left -= reader.read(local, columns, file.split(), left, out);
            }
        }
    }

    private synchronized Plan plan() {
        if (plan == null) {
            HubClient hub = new HubClient(HTTP, endpoint, token, ref.name());
            List<RemoteFile> files = files(hub.parquetFiles());
            RemoteFile first = files.get(0);
            List<ColumnPlan> columns;
            try (ParquetReader reader = new ParquetReader(ref.name())) {
                columns = reader.plan(hub.download(first.url(), first.local(), progress));
            }
            plan = new Plan(hub, files, columns);
        }
        return plan;
    }

    /** @return the files of the chosen config and splits, in the Hub's order */
    private List<RemoteFile> files(Map<String, Map<String, List<String>>> byConfig) {
        if (byConfig.isEmpty()) {
            throw new IngestError("HuggingFace dataset '" + ref + "' has no Parquet files on " + endpoint
                    + " (the Hub has not converted it, or it is empty)");
        }
        String config = ref.config();
        if (config == null) {
            config = byConfig.size() == 1 ? byConfig.keySet().iterator().next() : byConfig.containsKey("default") ? "default" : null;
            if (config == null) {
                throw new IngestError("HuggingFace dataset '" + ref + "' has configs " + byConfig.keySet()
                        + ": choose one, as name:config (or the config option)");
            }
        } else if (!byConfig.containsKey(config)) {
            throw new IngestError("HuggingFace dataset '" + ref + "' has no config '" + config + "'; it has " + byConfig.keySet());
        }
        Map<String, List<String>> splits = byConfig.get(config);
        if (ref.split() != null && !splits.containsKey(ref.split())) {
            throw new IngestError("HuggingFace dataset '" + ref + "' has no split '" + ref.split() + "' in config '" + config
                    + "'; it has " + splits.keySet());
        }
        Path folder = cacheDir;
        for (String segment : ref.name().split("/")) {
            folder = folder.resolve(safe(segment));
        }
        folder = folder.resolve(safe(config));
        List<RemoteFile> files = new ArrayList<>();
        for (Map.Entry<String, List<String>> split : splits.entrySet()) {
            if (ref.split() == null || ref.split().equals(split.getKey())) {
                for (String url : split.getValue()) {
                    String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("[?#].*", "");
                    files.add(new RemoteFile(split.getKey(), url, folder.resolve(safe(split.getKey())).resolve(safe(name))));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IngestError("HuggingFace dataset '" + ref + "' lists no Parquet files for config '" + config + "'"
                    + (ref.split() == null ? "" : " and split '" + ref.split() + "'"));
        }
        return files;
    }

    /** @return a cache path segment from a name the Hub gave, which must not climb out of the cache */
    private String safe(String segment) {
        if (!SAFE_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
            throw new IngestError("HuggingFace dataset '" + ref + "': '" + segment + "' cannot name a folder or file in the cache");
        }
        return segment;
    }

    /** One Parquet file of the dataset: where it is on the Hub and where it is cached. */
    private record RemoteFile(String split, String url, Path local) {}

    /** What the first look at the dataset decided: its files and how their columns are read. */
    private record Plan(HubClient hub, List<RemoteFile> files, List<ColumnPlan> columns) {
        Schema schema() {
            Schema.Builder b = Schema.builder();
            for (ColumnPlan c : columns) {
                b.add(c.name(), c.type(), c.size());
                if (c.type() == ColumnType.CLASS_LABEL) {
                    b.add(ColumnPlan.labelNameColumn(c.name()), ColumnType.TEXT);
                }
            }
            return b.add(ParquetReader.SPLIT_COLUMN, ColumnType.TEXT).build();
        }
    }

    /** Options of a {@link HuggingFace} dataset; anything not set comes from the environment, then the defaults. */
    public static final class Builder {
        private final String dataset;
        private String config;
        private String split;
        private String endpoint;
        private String token;
        private Path cacheDir;
        private long maxRows = Long.MAX_VALUE;
        private DownloadProgress progress;

        private Builder(String dataset) {
            this.dataset = dataset;
        }

        /** The configuration (subset); wins over a {@code :config} in the name. */
        public Builder config(String config) {
            this.config = config;
            return this;
        }

        /** The split; wins over an {@code @split} in the name. */
        public Builder split(String split) {
            this.split = split;
            return this;
        }

        /** The Hub's base URL; falls back to {@code HF_ENDPOINT}, then {@value HuggingFace#DEFAULT_ENDPOINT}. */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** A Hub token for private and gated datasets; falls back to {@code HF_TOKEN}. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Where downloads are cached; falls back to {@code $DEEPLAKE_ROOT/cache/huggingface}, then {@code ~/.deeplake/cache/huggingface}. */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        /** Reads at most this many rows (files past them are not downloaded). */
        public Builder maxRows(long maxRows) {
            if (maxRows < 1) {
                throw new IngestError("maxRows must be at least 1, got " + maxRows);
            }
            this.maxRows = maxRows;
            return this;
        }

        /** Hears the downloads' progress, instead of the default log lines. */
        public Builder onDownload(DownloadProgress progress) {
            this.progress = progress;
            return this;
        }

        public HuggingFace build() {
            return new HuggingFace(this);
        }
    }
}

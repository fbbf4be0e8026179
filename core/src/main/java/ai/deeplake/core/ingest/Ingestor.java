package ai.deeplake.core.ingest;

import ai.deeplake.IngestOptions;
import ai.deeplake.IngestResult;
import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.api.Schema;
import ai.deeplake.core.Backend;
import ai.deeplake.core.Sql;
import ai.deeplake.core.TableWriter;
import ai.deeplake.core.plugin.PluginHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The ingestion pipeline, the same for every backend: decides the schema, turns column data, files
 * (through the chunker plugins) or a format into batches, and writes them with the commit policy of
 * {@link IngestSink}. A failure undoes the whole call through {@link TableWriter#abort()}.
 */
public final class Ingestor {
    private static final String HUGGINGFACE_KEY = "_huggingface";
    private static final String HUGGINGFACE_ID = "huggingface";

    private final Backend backend;
    private final Supplier<PluginHost> plugins;
    private final Path tempDir;
    private final Map<String, String> huggingFaceDefaults;

    /**
     * @param plugins the plugin host, asked for only when files are ingested
     * @param tempDir where chunkers may write temporary files
     * @param huggingFaceDefaults options the {@code huggingface} format gets unless the caller gives them
     *     (its cache folder, the client's Hub endpoint and token)
     */
    public Ingestor(Backend backend, Supplier<PluginHost> plugins, Path tempDir, Map<String, String> huggingFaceDefaults) {
        this.backend = backend;
        this.plugins = plugins;
        this.tempDir = tempDir;
        this.huggingFaceDefaults = Map.copyOf(huggingFaceDefaults);
    }

    /**
     * Makes an installed format by its id; the {@code huggingface} format also gets the client's
     * defaults for the options the caller left out.
     */
    public Format format(String id, Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>(options);
        if (HUGGINGFACE_ID.equals(id)) {
            huggingFaceDefaults.forEach(all::putIfAbsent);
        }
        return plugins.get().format(id, all);
    }

    /** Ingests column data, files (a FILE column) or, when {@code options.format()} is set, a format. */
    public IngestResult ingest(String table, Map<String, ?> data, IngestOptions options) {
        Sql.tableName(table);
        IngestSettings settings = options.settings(tempDir);
        Map<String, ColumnType> explicit = explicitTypes(options.schema());
        long rows;
        if (options.format() != null) {
            rows = ingestFormat(table, options.format(), explicit, options);
        } else if (data == null) {
            throw new IngestError("Either data or format is required");
        } else if (data.isEmpty()) {
            throw new IngestError("data must not be empty");
        } else if (data.containsKey(HUGGINGFACE_KEY)) {
            Format huggingFace = format(HUGGINGFACE_ID, Map.of("name", String.valueOf(data.get(HUGGINGFACE_KEY))));
            rows = ingestFormat(table, huggingFace, explicit, options);
        } else {
            Map<String, List<?>> columns = columns(data);
            rows = explicit.containsValue(ColumnType.FILE)
                    ? ingestFiles(table, columns, explicit, settings, options)
                    : ingestColumns(table, columns, explicit, options);
        }
        for (String column : options.index()) {
            backend.createIndex(table, column);
        }
        return new IngestResult(table, rows, "al://" + backend.workspace() + "/" + table);
    }

    private static Map<String, ColumnType> explicitTypes(Map<String, String> schema) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        schema.forEach((column, name) -> types.put(column, ColumnType.of(name).orElseThrow(() -> new IngestError(
                "Unknown type '" + name + "' for column '" + column + "'; known types: " + List.of(ColumnType.values())))));
        return types;
    }

    /** @return the data as lists, checked to be of equal length */
    private static Map<String, List<?>> columns(Map<String, ?> data) {
        Map<String, List<?>> columns = new LinkedHashMap<>();
        String first = null;
        for (Map.Entry<String, ?> e : data.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IngestError("Column names must not be empty");
            }
            if (!(e.getValue() instanceof List<?> values)) {
                throw new IngestError("Column '" + e.getKey() + "' must be a list of values, got "
                        + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
            }
            if (first != null && values.size() != columns.get(first).size()) {
                throw new IngestError("Columns must have the same length: '" + first + "' has " + columns.get(first).size()
                        + " values, '" + e.getKey() + "' has " + values.size());
            }
            first = first == null ? e.getKey() : first;
            columns.put(e.getKey(), values);
        }
        if (columns.get(first).isEmpty()) {
            throw new IngestError("data must not be empty: the columns have no values");
        }
        return columns;
    }

    private long ingestColumns(String table, Map<String, List<?>> columns, Map<String, ColumnType> explicit, IngestOptions options) {
        Schema schema = SchemaInference.forColumns(columns, explicit);
        int total = columns.values().iterator().next().size();
        return write(table, schema, total, options, List.of(), sink -> {
            for (int from = 0; from < total; from += IngestSink.COMMIT_EVERY) {
                sink.accept(ColumnData.batch(schema, columns, from, Math.min(total, from + IngestSink.COMMIT_EVERY)));
            }
        });
    }

    private long ingestFiles(String table, Map<String, List<?>> columns, Map<String, ColumnType> explicit,
            IngestSettings settings, IngestOptions options) {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, List<?>> e : columns.entrySet()) {
            if (explicit.get(e.getKey()) != ColumnType.FILE) {
                throw new IngestError("Column '" + e.getKey() + "' is not a FILE column; a file ingest takes only FILE columns");
            }
            for (Object path : e.getValue()) {
                files.add(existingFile(path));
            }
        }
        PluginHost host = plugins.get();
        List<FileSource.Job> jobs = new ArrayList<>();
        Set<Chunker> chunkers = new LinkedHashSet<>();
        for (Path file : files) {
            Chunker chunker = host.chunkerFor(file);
            chunkers.add(chunker);
            jobs.add(new FileSource.Job(file, chunker));
        }
        Schema schema = fileSchema(chunkers);
        List<String> imageColumns = chunkers.stream().flatMap(c -> c.imageColumns().stream()).distinct().toList();
        return write(table, schema, -1, options, imageColumns, sink -> new FileSource(jobs, settings).run(sink, options.onFileProgress()));
    }

    private static Path existingFile(Object path) {
        if (!(path instanceof String) && !(path instanceof Path)) {
            throw new IngestError("File paths must be strings or Paths, got " + (path == null ? "null" : path.getClass().getSimpleName()));
        }
        Path p = Path.of(path.toString());
        if (!Files.exists(p)) {
            throw new IngestError("File not found: " + p);
        }
        if (!Files.isRegularFile(p)) {
            throw new IngestError("Not a file: " + p + " (pass the files of a folder one by one)");
        }
        return p;
    }

    /** @return id and file_id, then the union of the chunkers' columns in order of first appearance */
    private static Schema fileSchema(Set<Chunker> chunkers) {
        Map<String, Schema.Column> union = new LinkedHashMap<>();
        union.put("id", new Schema.Column("id", ColumnType.TEXT, 0));
        union.put("file_id", new Schema.Column("file_id", ColumnType.TEXT, 0));
        for (Chunker chunker : chunkers) {
            for (Schema.Column c : chunker.schema().columns()) {
                Schema.Column before = union.putIfAbsent(c.name(), c);
                if (before != null && before.type().kind() != c.type().kind()) {
                    throw new IngestError("Chunkers disagree on column '" + c.name() + "': " + before.typeName() + " vs "
                            + c.typeName() + " (" + chunker.name() + ")");
                }
            }
        }
        return new Schema(List.copyOf(union.values()));
    }

    private long ingestFormat(String table, Format format, Map<String, ColumnType> explicit, IngestOptions options) {
        FormatSink first = new FormatSink(table, format, explicit, options);
        try {
            format.normalize(first);
        } catch (IOException e) {
            first.fail(new IngestError("Format " + format.getClass().getSimpleName() + " failed to read its data: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            first.fail(e);
        }
        return first.finish();
    }

    /** Opens the table on the first batch, whose columns decide the schema. */
    private final class FormatSink implements Consumer<Batch> {
        private final String table;
        private final Format format;
        private final Map<String, ColumnType> explicit;
        private final IngestOptions options;
        private IngestSink sink;

        FormatSink(String table, Format format, Map<String, ColumnType> explicit, IngestOptions options) {
            this.table = table;
            this.format = format;
            this.explicit = explicit;
            this.options = options;
        }

        @Override
        public void accept(Batch batch) {
            if (batch.size() == 0) {
                return;
            }
            if (sink == null) {
                Schema schema = SchemaInference.forBatches(batch, format.schema(), explicit);
                sink = openSink(table, schema, -1, options, format.imageColumns());
            }
            sink.accept(batch);
        }

        void fail(RuntimeException e) {
            if (sink == null) {
                throw e;
            }
            completeOrUndo(sink, () -> {
                throw e;
            });
        }

        long finish() {
            if (sink == null) {
                throw new IngestError("Format " + format.getClass().getSimpleName() + " yielded no rows");
            }
            return completeOrUndo(sink, sink::finish);
        }
    }

    private long write(String table, Schema schema, long total, IngestOptions options, List<String> imageColumns,
            Consumer<Consumer<Batch>> source) {
        IngestSink sink = openSink(table, schema, total, options, imageColumns);
        return completeOrUndo(sink, () -> {
            source.accept(sink);
            return sink.finish();
        });
    }

    private IngestSink openSink(String table, Schema schema, long total, IngestOptions options, List<String> imageColumns) {
        TableWriter writer = backend.openWriter(table, schema);
        return new IngestSink(writer, schema, options.onProgress(), total,
                Thumbnails.forIngest(backend, table, imageColumns, options.workers()));
    }

    /** Runs the rest of an ingest; on any failure undoes everything it wrote. Closes the sink. */
    private static long completeOrUndo(IngestSink sink, LongSupplier rest) {
        try {
            return rest.getAsLong();
        } catch (RuntimeException e) {
            sink.abort(e);
            throw e;
        } finally {
            sink.close();
        }
    }
}

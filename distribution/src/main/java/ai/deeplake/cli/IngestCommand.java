package ai.deeplake.cli;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.IngestResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deeplake ingest TABLE PATH...}: files and folders (recursively) through the chunker plugins. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Ingest files and folders into a table.")
final class IngestCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Table to create or append to.")
    String table;

    @Parameters(index = "1..*", arity = "0..*", description = "Files, folders (read recursively) or globs such as 'docs/**/*.pdf'; with --format, the dataset folder.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--format", description = "Ingest a dataset with an installed format (see `deeplake plugins`), e.g. coco, lerobot-frames, huggingface.")
    String format;

    @Option(names = {"-o", "--option"}, description = "A format option, key=value (repeatable); a PATH given with --format is the option 'path'.")
    Map<String, String> formatOptions = new LinkedHashMap<>();

    @Option(names = "--schema", description = "Type of a column of a --format ingest, col=TYPE (repeatable), e.g. embedding=EMBEDDING(512); beats the format's own.")
    Map<String, String> schema = new LinkedHashMap<>();

    @Option(names = "--index", description = "Column to index after the ingest (repeatable).")
    List<String> index = new ArrayList<>();

    @Option(names = "--chunk-size", defaultValue = "1000", description = "Text chunk size in characters (default ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--chunk-overlap", defaultValue = "200", description = "Text chunk overlap (default ${DEFAULT-VALUE}).")
    int chunkOverlap;

    @Option(names = "--pdf-dpi", defaultValue = "150", description = "PDF render resolution (default ${DEFAULT-VALUE}).")
    int pdfDpi;

    @Option(names = "--workers", defaultValue = "4", description = "Files processed in parallel (default ${DEFAULT-VALUE}).")
    int workers;

    @Override
    public Integer call() {
        if (format != null) {
            return ingestFormat();
        }
        if (paths.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing PATH: files or folders to ingest (or --format)");
        }
        if (!schema.isEmpty()) {
            // A file ingest's columns are the chunker plugins'; a type given here would be silently ignored.
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--schema applies to --format ingests; a file ingest takes its columns from the chunker plugins");
        }
        List<String> files = FileArguments.expand(paths);
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), System.console() != null);
        IngestOptions options = IngestOptions.builder().schema(Map.of("path", "FILE")).index(index)
                .chunkSize(chunkSize).chunkOverlap(chunkOverlap).pdfDpi(pdfDpi).workers(workers)
                .onProgress((rows, total) -> progress.rows(rows)).onFileProgress(progress::files).build();
        try (Client client = connection.connect()) {
            IngestResult r;
            try {
                r = client.ingest(table, Map.of("path", files), options);
            } finally {
                progress.finish();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("Ingested %d rows from %d files into table '%s' in %.1f s (%s)%n", r.rowCount(), files.size(), r.tableName(),
                    seconds, r.datasetPath());
        }
        return 0;
    }

    private int ingestFormat() {
        Map<String, String> options = new LinkedHashMap<>(formatOptions);
        if (!paths.isEmpty()) {
            options.putIfAbsent("path", paths.get(0));
        }
        long start = System.nanoTime();
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), System.console() != null);
        try (Client client = connection.connect()) {
            IngestOptions ingest = IngestOptions.builder().format(client.format(format, options)).schema(schema).index(index)
                    .workers(workers)
                    .onProgress((rows, total) -> progress.rows(rows)).build();
            IngestResult r;
            try {
                r = client.ingest(table, ingest);
            } finally {
                progress.finish();
            }
            spec.commandLine().getOut().printf("Ingested %d rows with format %s into table '%s' in %.1f s (%s)%n", r.rowCount(), format,
                    r.tableName(), (System.nanoTime() - start) / 1e9, r.datasetPath());
        }
        return 0;
    }
}

package ai.deeplake.cli;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.IngestResult;
import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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

    @Parameters(index = "1..*", arity = "0..*", description = "Files or folders (folders are read recursively); with --format, the dataset folder.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", description = "Ingest a dataset with an installed format (see `deeplake plugins`), e.g. coco, lerobot-frames, huggingface.")
    String format;

    @Option(names = {"-o", "--option"}, description = "A format option, key=value (repeatable); a PATH given with --format is the option 'path'.")
    Map<String, String> formatOptions = new LinkedHashMap<>();

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
        List<String> files = files(paths);
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
            options.putIfAbsent("path", paths.get(0).toString());
        }
        long start = System.nanoTime();
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), System.console() != null);
        try (Client client = connection.connect()) {
            IngestOptions ingest = IngestOptions.builder().format(client.format(format, options)).index(index).workers(workers)
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

    /** @return the files named, folders expanded recursively, in a stable order */
    static List<String> files(List<Path> paths) {
        List<String> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IngestError("File not found: " + p);
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(f -> files.add(f.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("Reading folder " + p + " failed", e);
                }
            } else {
                files.add(p.toString());
            }
        }
        if (files.isEmpty()) {
            throw new IngestError("No files found in " + paths);
        }
        return files;
    }
}

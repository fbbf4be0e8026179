package ai.deeplake.cli;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The PATH arguments of {@code deeplake ingest} as files: a file as it is, a folder's files
 * recursively, a glob ({@code 'docs/**}{@code /*.pdf'}, quoted so the shell leaves it alone) as the
 * files it matches. Hidden files inside folders and globs are skipped, as a shell would.
 */
final class FileArguments {
    private static final String GLOB_CHARACTERS = "*?[{";

    private FileArguments() {}

    /** @return the files named, each once, folders and globs expanded in sorted order */
    static List<String> expand(List<String> arguments) {
        Set<String> files = new LinkedHashSet<>();
        for (String argument : arguments) {
            Path p = Path.of(argument);
            if (Files.isDirectory(p)) {
                files.addAll(walk(p, f -> true));
            } else if (Files.exists(p)) {
                files.add(argument);
            } else if (isGlob(argument)) {
                List<String> matched = glob(argument);
                if (matched.isEmpty()) {
                    throw new IngestError("No files match " + argument);
                }
                files.addAll(matched);
            } else {
                throw new IngestError("File not found: " + argument);
            }
        }
        if (files.isEmpty()) {
            throw new IngestError("No files found in " + arguments);
        }
        return List.copyOf(files);
    }

    private static boolean isGlob(String argument) {
        return argument.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0);
    }

    /** Walks from the glob's folder part (the segments before the first wildcard) and matches the rest. */
    private static List<String> glob(String glob) {
        String[] segments = glob.split("/", -1);
        StringBuilder base = new StringBuilder();
        for (int i = 0; i < segments.length - 1 && !isGlob(segments[i]); i++) {
            base.append(segments[i]).append('/');
        }
        Path folder = Path.of(base.isEmpty() ? "" : base.toString());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<PathMatcher> matchers = variants(glob).stream().map(v -> FileSystems.getDefault().getPathMatcher("glob:" + v)).toList();
        return walk(folder, f -> matchers.stream().anyMatch(m -> m.matches(f)));
    }

    /** @return the glob with each {@code **}{@code /} kept or dropped, so that, as in bash, it also matches no folder */
    static List<String> variants(String glob) {
        int at = glob.indexOf("**/");
        if (at < 0) {
            return List.of(glob);
        }
        List<String> out = new ArrayList<>();
        for (String rest : variants(glob.substring(at + 3))) {
            out.add(glob.substring(0, at + 3) + rest);
            out.add(glob.substring(0, at) + rest);
        }
        return out;
    }

    private static List<String> walk(Path folder, Predicate<Path> keep) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).filter(keep)
                    .sorted().map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading folder " + folder + " failed", e);
        }
    }
}

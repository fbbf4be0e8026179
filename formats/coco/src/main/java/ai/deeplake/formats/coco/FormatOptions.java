package ai.deeplake.formats.coco;

import ai.deeplake.api.IngestError;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code key=value} options a {@link ai.deeplake.api.FormatFactory} gets, read with errors that
 * name the format and the option. {@code path} (the PATH the command line passes with
 * {@code --format}) stands for {@code images} when that is not given.
 */
final class FormatOptions {
    private final String format;
    private final Map<String, String> options;

    /** @throws IngestError naming an option the format does not take */
    FormatOptions(String format, Map<String, String> options, Set<String> known) {
        this.format = format;
        this.options = Map.copyOf(options);
        for (String key : options.keySet()) {
            if (!known.contains(key) && !key.equals("path")) {
                throw new IngestError("format " + format + " has no option '" + key + "' (options: " + new TreeSet<>(known) + ")");
            }
        }
    }

    /** @return the images folder: option {@code images}, else {@code path} */
    Path images() {
        String value = options.getOrDefault("images", options.get("path"));
        if (value == null || value.isBlank()) {
            throw new IngestError("format " + format + " needs the option images=<folder of the images> (or a PATH)");
        }
        return Path.of(value);
    }

    /** @return a path option that must be given */
    Path requiredPath(String key, String what) {
        return path(key).orElseThrow(() -> new IngestError("format " + format + " needs the option " + key + "=<" + what + ">"));
    }

    /** @return a path option, when given */
    Optional<Path> path(String key) {
        String value = options.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** @return a whole-number option of at least {@code min}, when given */
    Optional<Integer> integer(String key, int min) {
        String value = options.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below, with the option named
        }
        throw new IngestError("format " + format + ": option " + key + " must be a whole number of at least " + min + ", not '" + value + "'");
    }

    /** @return a true/false option, when given */
    Optional<Boolean> flag(String key) {
        String value = options.get(key);
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Optional.of(true);
            case "false", "no", "0" -> Optional.of(false);
            default -> throw new IngestError("format " + format + ": option " + key + " must be true or false, not '" + value + "'");
        };
    }

    /** @return the option's raw text, when given */
    Optional<String> text(String key) {
        return Optional.ofNullable(options.get(key));
    }
}

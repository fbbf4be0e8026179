package ai.deeplake.formats.huggingface;

import ai.deeplake.api.IngestError;

/**
 * A dataset as users name it: {@code name[:config][@split]}, e.g. {@code mnist}, {@code mnist@test},
 * {@code nyu-mll/glue:mrpc@validation}. Hub repository names hold neither {@code :} nor {@code @}.
 *
 * @param name the Hub repository, {@code owner/name} or a bare name
 * @param config the configuration (subset), or null for the dataset's only or {@code default} one
 * @param split the split, or null for every split of the configuration
 */
record DatasetRef(String name, String config, String split) {

    DatasetRef {
        if (name == null || name.isBlank()) {
            throw new IngestError("HuggingFace dataset name must not be empty");
        }
    }

    /** @throws IngestError when the reference has an empty name, config or split */
    static DatasetRef parse(String reference) {
        if (reference == null) {
            throw new IngestError("HuggingFace dataset name must not be empty");
        }
        String rest = reference.trim();
        String split = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            split = part(reference, rest.substring(at + 1), "split");
            rest = rest.substring(0, at);
        }
        String config = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            config = part(reference, rest.substring(colon + 1), "config");
            rest = rest.substring(0, colon);
        }
        return new DatasetRef(rest, config, split);
    }

    private static String part(String reference, String value, String what) {
        if (value.isBlank()) {
            throw new IngestError("HuggingFace dataset '" + reference + "': empty " + what + " (write name[:config][@split])");
        }
        return value;
    }

    @Override
    public String toString() {
        return name + (config == null ? "" : ":" + config) + (split == null ? "" : "@" + split);
    }
}

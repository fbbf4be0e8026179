package ai.deeplake.core.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/** Which of the project's own plugins handles which file extension, for "install X" messages. */
final class KnownPlugins {
    /** The plugin whose chunker takes every extension nobody else claims. */
    static final String FALLBACK = "deeplake-plugin-binary";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "deeplake-plugin-text"), Map.entry("md", "deeplake-plugin-text"),
            Map.entry("csv", "deeplake-plugin-text"), Map.entry("json", "deeplake-plugin-text"),
            Map.entry("xml", "deeplake-plugin-text"), Map.entry("html", "deeplake-plugin-text"),
            Map.entry("jpg", "deeplake-plugin-image"), Map.entry("jpeg", "deeplake-plugin-image"),
            Map.entry("png", "deeplake-plugin-image"), Map.entry("gif", "deeplake-plugin-image"),
            Map.entry("bmp", "deeplake-plugin-image"), Map.entry("webp", "deeplake-plugin-image"),
            Map.entry("pdf", "deeplake-plugin-pdf"),
            Map.entry("mp4", "deeplake-plugin-video"), Map.entry("mov", "deeplake-plugin-video"),
            Map.entry("avi", "deeplake-plugin-video"), Map.entry("mkv", "deeplake-plugin-video"),
            Map.entry("webm", "deeplake-plugin-video"));

    private static final Map<String, String> FORMATS = Map.of(
            "coco", "deeplake-format-coco", "coco-panoptic", "deeplake-format-coco",
            "lerobot-tasks", "deeplake-format-lerobot", "lerobot-frames", "deeplake-format-lerobot",
            "lerobot-episodes", "deeplake-format-lerobot", "huggingface", "deeplake-format-huggingface");

    private KnownPlugins() {}

    /** @return the plugin of ours that provides the format of that id */
    static Optional<String> forFormat(String id) {
        return Optional.ofNullable(FORMATS.get(id));
    }

    /** @return each of our chunker plugins with the extensions it handles, sorted */
    static Map<String, List<String>> byPlugin() {
        Map<String, List<String>> plugins = new TreeMap<>();
        BY_EXTENSION.forEach((ext, plugin) -> plugins.computeIfAbsent(plugin, p -> new ArrayList<>()).add(ext));
        plugins.values().forEach(java.util.Collections::sort);
        plugins.put(FALLBACK, List.of("any other"));
        return plugins;
    }

    /** @return the plugin of ours that handles files with this (lower-case) extension */
    static Optional<String> forExtension(String extension) {
        return Optional.ofNullable(BY_EXTENSION.get(extension));
    }
}

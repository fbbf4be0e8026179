package ai.deeplake.plugin.testkit;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a plugin jar must hold, for {@link PluginJarContract}.
 *
 * @param id the plugin id as written in the module's pom
 * @param extensionPoint the type the plugin's extensions implement, e.g. {@code Chunker.class}
 * @param extensions the fully qualified names of every extension the jar indexes; names, not classes,
 *     since some modules keep the plugin's classes off the test class path on purpose
 * @param hostPackages jar entry prefixes the host supplies and the jar must not hold; a copy would be
 *     loaded a second time by the plugin-first class loader and hide the extensions
 * @param classesUnder the entry prefix every class in the jar must start with; empty when the plugin
 *     packs libraries of its own
 */
public record ExpectedJar(String id, Class<?> extensionPoint, List<String> extensions, List<String> hostPackages,
        String classesUnder) {
    private static final List<String> ALWAYS_HOST = List.of("ai/deeplake/api/", "org/pf4j/");

    public ExpectedJar {
        extensions = List.copyOf(extensions);
        hostPackages = List.copyOf(hostPackages);
    }

    /** A jar with these extensions that leaves the api and pf4j out and may pack libraries. */
    public static ExpectedJar of(String id, Class<?> extensionPoint, String... extensions) {
        return new ExpectedJar(id, extensionPoint, List.of(extensions), ALWAYS_HOST, "");
    }

    /** The same, with these host packages left out too. */
    public ExpectedJar alsoHost(String... packages) {
        return new ExpectedJar(id, extensionPoint, extensions,
                Stream.concat(hostPackages.stream(), Stream.of(packages)).toList(), classesUnder);
    }

    /** The same, holding no class outside {@code prefix}: nothing of anyone else's is packed in. */
    public ExpectedJar onlyClassesUnder(String prefix) {
        return new ExpectedJar(id, extensionPoint, extensions, hostPackages, prefix);
    }
}

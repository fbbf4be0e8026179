package ai.deeplake.core.plugin;

import com.google.inject.Injector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.ExtensionFactory;

/**
 * Creates pf4j extensions through the host's Guice injector, so a plugin's classes may take
 * {@code @Inject} constructors, and keeps one instance per class (extensions are stateless).
 */
final class GuiceExtensionFactory implements ExtensionFactory {
    private final Injector injector;
    private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

    GuiceExtensionFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        return extensionClass.cast(instances.computeIfAbsent(extensionClass, injector::getInstance));
    }
}

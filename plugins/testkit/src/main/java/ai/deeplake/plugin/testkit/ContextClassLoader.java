package ai.deeplake.plugin.testkit;

/**
 * Sets the calling thread's context class loader until closed, e.g. to the platform loader to play a
 * host (the distribution) whose context class loader knows none of the plugin's classes.
 */
public final class ContextClassLoader implements AutoCloseable {
    private final Thread thread = Thread.currentThread();
    private final ClassLoader before = thread.getContextClassLoader();

    private ContextClassLoader(ClassLoader loader) {
        thread.setContextClassLoader(loader);
    }

    /** Makes {@code loader} the context class loader until {@link #close()}. */
    public static ContextClassLoader set(ClassLoader loader) {
        return new ContextClassLoader(loader);
    }

    /** Makes the platform class loader, which sees no plugin and no host library, the context class loader. */
    public static ContextClassLoader platform() {
        return set(ClassLoader.getPlatformClassLoader());
    }

    @Override
    public void close() {
        thread.setContextClassLoader(before);
    }
}

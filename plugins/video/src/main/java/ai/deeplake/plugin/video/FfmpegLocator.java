package ai.deeplake.plugin.video;

import ai.deeplake.api.IngestError;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the {@code ffmpeg} and {@code ffprobe} programs, in this order:
 *
 * <ol>
 *   <li>an explicit location: the system property {@value #PROPERTY}, else the environment variable
 *       {@value #ENV}, naming the folder holding both programs or the {@code ffmpeg} program itself
 *       ({@code ffprobe} is then looked for beside it). A location set but wrong is an error, never
 *       silently replaced by another ffmpeg;
 *   <li>the folders of the {@code PATH};
 *   <li>the programs shipped in the {@code org.bytedeco:ffmpeg} Maven artifact when it is on the class
 *       path with the jar of this platform ({@link #BYTEDECO_HINT}): JavaCPP's {@code Loader.load}
 *       extracts them to its cache
 *       ({@code ~/.javacpp/cache}). It is called by reflection so that this plugin does not carry 30 MB
 *       of native programs; the artifact stays in the application, whose class loader also keeps
 *       JavaCPP's native state in one place.
 * </ol>
 *
 * <p>Its inputs are passed in, so that a test can search an empty {@code PATH}.
 */
final class FfmpegLocator {
    /** The environment variable naming ffmpeg's folder or program. */
    static final String ENV = "DEEPLAKE_FFMPEG";
    /** The system property naming ffmpeg's folder or program; it wins over {@value #ENV}. */
    static final String PROPERTY = "deeplake.ffmpeg";
    /** The Maven artifact that packs ffmpeg for the JVM; the build tests this version. */
    static final String BYTEDECO_ARTIFACT = "org.bytedeco:ffmpeg:8.1.2-1.5.14";
    /** The Maven coordinates a user adds to get ffmpeg without installing it, for this platform. */
    static final String BYTEDECO_HINT = BYTEDECO_ARTIFACT + " and " + BYTEDECO_ARTIFACT + ":" + javacppPlatform();

    /** The programs to run, and where they were found (for messages). */
    record Tools(Path ffmpeg, Path ffprobe, String origin) {}

    private final String pathVariable;
    private final String explicitLocation;
    private final String explicitSetting;
    private final ClassLoader classLoader;

    /**
     * @param pathVariable the {@code PATH} to search, may be null
     * @param explicitLocation the folder or program the user named, or null
     * @param explicitSetting where {@code explicitLocation} came from, for messages
     * @param classLoader where to look for the {@code org.bytedeco:ffmpeg} classes
     */
    FfmpegLocator(String pathVariable, String explicitLocation, String explicitSetting, ClassLoader classLoader) {
        this.pathVariable = pathVariable;
        this.explicitLocation = explicitLocation == null || explicitLocation.isBlank() ? null : explicitLocation.strip();
        this.explicitSetting = explicitSetting;
        this.classLoader = classLoader;
    }

    /** @return a locator reading this process's {@code PATH}, {@value #PROPERTY} and {@value #ENV} */
    static FfmpegLocator fromSystem() {
        String property = System.getProperty(PROPERTY);
        boolean fromProperty = property != null && !property.isBlank();
        return new FfmpegLocator(System.getenv("PATH"), fromProperty ? property : System.getenv(ENV),
                fromProperty ? "system property " + PROPERTY : "environment variable " + ENV,
                FfmpegLocator.class.getClassLoader());
    }

    /**
     * @return the programs to run
     * @throws IngestError saying how to get ffmpeg when it is nowhere, or what is wrong with an
     *     explicit location
     */
    Tools locate() {
        if (explicitLocation != null) {
            return explicit();
        }
        Optional<Path> ffmpeg = onPath("ffmpeg");
        Optional<Path> ffprobe = onPath("ffprobe");
        if (ffmpeg.isPresent() && ffprobe.isPresent()) {
            return new Tools(ffmpeg.get(), ffprobe.get(), "PATH");
        }
        Optional<Tools> shipped = fromClassPath();
        if (shipped.isPresent()) {
            return shipped.get();
        }
        String onPath = ffmpeg.map(p -> "; the PATH has " + p + " but no ffprobe")
                .or(() -> ffprobe.map(p -> "; the PATH has " + p + " but no ffmpeg"))
                .orElse("");
        throw new IngestError("ffmpeg not found: the video chunker needs the ffmpeg and ffprobe programs, and they are neither on the PATH ("
                + pathVariable + ") nor in an org.bytedeco:ffmpeg artifact on the class path" + onPath
                + ". Install them (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg), add the Maven artifacts "
                + BYTEDECO_HINT + " to the application's class path, or set " + ENV + " (or -D" + PROPERTY + ") to the folder holding them");
    }

    private Tools explicit() {
        Path given = Path.of(explicitLocation);
        Path folder = Files.isDirectory(given) ? given : given.toAbsolutePath().getParent();
        Path ffmpeg = Files.isDirectory(given) ? folder.resolve(executableName("ffmpeg")) : given;
        Path ffprobe = folder.resolve(Files.isDirectory(given) ? executableName("ffprobe")
                : given.getFileName().toString().replace("ffmpeg", "ffprobe"));
        for (Path program : List.of(ffmpeg, ffprobe)) {
            if (!Files.isExecutable(program) || Files.isDirectory(program)) {
                throw new IngestError(explicitSetting + " is " + explicitLocation + ", but there is no executable " + program
                        + " (it must name the folder holding ffmpeg and ffprobe, or the ffmpeg program)");
            }
        }
        return new Tools(ffmpeg, ffprobe, explicitSetting);
    }

    private Optional<Path> onPath(String program) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, executableName(program));
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return JavaCPP's name for this platform, the classifier of its natives: {@code linux-x86_64}... */
    private static String javacppPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : os.replaceAll("\\W", "");
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    private static String executableName(String program) {
        return System.getProperty("os.name").startsWith("Windows") ? program + ".exe" : program;
    }

    /** @return the programs of the {@code org.bytedeco:ffmpeg} artifact, when it is on the class path */
    private Optional<Tools> fromClassPath() {
        Class<?> loader;
        try {
            loader = Class.forName("org.bytedeco.javacpp.Loader", false, classLoader);
        } catch (ClassNotFoundException absent) {
            return Optional.empty();
        }
        Path ffmpeg = extract(loader, "org.bytedeco.ffmpeg.ffmpeg");
        Path ffprobe = extract(loader, "org.bytedeco.ffmpeg.ffprobe");
        return ffmpeg == null || ffprobe == null ? Optional.empty() : Optional.of(new Tools(ffmpeg, ffprobe, "org.bytedeco:ffmpeg"));
    }

    /** @return the extracted program, or null when the artifact lacks it or this platform's natives */
    private Path extract(Class<?> loader, String programClass) {
        try {
            Class<?> program = Class.forName(programClass, false, classLoader);
            Object path = loader.getMethod("load", Class.class).invoke(null, program);
            return path == null ? null : Path.of(path.toString());
        } catch (ClassNotFoundException absent) {
            return null;
        } catch (InvocationTargetException e) {
            // JavaCPP throws UnsatisfiedLinkError when the jar of this platform's natives is missing.
            throw new IngestError(BYTEDECO_ARTIFACT + " is on the class path but could not extract "
                    + programClass + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IngestError("the org.bytedeco JavaCPP Loader on the class path has no usable load(Class) method: " + e, e);
        }
    }
}

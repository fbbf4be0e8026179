package ai.deeplake.plugin.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh folder for one file's segments, deleted with everything in it on {@link #close()}: after
 * the file is done and after a failure alike (a failure to delete is then added to the failure as a
 * suppressed exception rather than hiding it).
 */
final class WorkFolder implements AutoCloseable {
    private final Path path;

    private WorkFolder(Path path) {
        this.path = path;
    }

    /** @param tempDir the folder to create it in; created when missing */
    static WorkFolder create(Path tempDir) throws IOException {
        Files.createDirectories(tempDir);
        return new WorkFolder(Files.createTempDirectory(tempDir, "deeplake-video-"));
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        deleteTree(path);
    }

    /** Deletes a folder and everything in it; a folder already gone is fine. */
    static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // Already deleted.
        }
    }
}

package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegLocatorTest {
    /** No org.bytedeco classes: the platform class loader sees only the JDK. */
    private static final ClassLoader JDK_ONLY = ClassLoader.getPlatformClassLoader();
    private static final FfmpegLocator.Tools INSTALLED = FfmpegLocator.fromSystem().locate();

    @TempDir
    Path dir;

    /** Copies a program, keeping it executable (JUnit warns about links out of its temporary folder). */
    private static void install(Path program, Path folder) throws IOException {
        Files.copy(program, folder.resolve(program.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }

    @Test
    void saysHowToGetFfmpegWhenItIsNowhere() {
        FfmpegLocator locator = new FfmpegLocator(dir.toString(), null, null, JDK_ONLY);
        IngestError e = assertThrows(IngestError.class, locator::locate);
        assertTrue(e.getMessage().startsWith("ffmpeg not found: "), e.getMessage());
        for (String hint : new String[] {"apt-get install ffmpeg", "org.bytedeco:ffmpeg", "DEEPLAKE_FFMPEG", dir.toString()}) {
            assertTrue(e.getMessage().contains(hint), "mentions " + hint + ": " + e.getMessage());
        }
    }

    @Test
    void saysWhichProgramThePathLacks() throws IOException {
        install(INSTALLED.ffmpeg(), dir);
        FfmpegLocator locator = new FfmpegLocator(dir.toString(), null, null, JDK_ONLY);
        IngestError e = assertThrows(IngestError.class, locator::locate);
        assertTrue(e.getMessage().contains("the PATH has " + dir.resolve("ffmpeg") + " but no ffprobe"), e.getMessage());
    }

    @Test
    void findsBothProgramsOnThePath() {
        String path = dir + java.io.File.pathSeparator + INSTALLED.ffmpeg().getParent();
        FfmpegLocator.Tools tools = new FfmpegLocator(path, null, null, JDK_ONLY).locate();
        assertEquals(INSTALLED.ffmpeg().getParent(), tools.ffmpeg().getParent());
        assertEquals(tools.ffmpeg().getParent(), tools.ffprobe().getParent());
        assertEquals("PATH", tools.origin());
    }

    @Test
    void anExplicitFolderOrProgramWinsOverThePath() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("bin"));
        install(INSTALLED.ffmpeg(), folder);
        install(INSTALLED.ffprobe(), folder);
        String path = INSTALLED.ffmpeg().getParent().toString();

        FfmpegLocator.Tools byFolder = new FfmpegLocator(path, folder.toString(), "DEEPLAKE_FFMPEG", JDK_ONLY).locate();
        assertEquals(folder.resolve("ffmpeg"), byFolder.ffmpeg());
        assertEquals(folder.resolve("ffprobe"), byFolder.ffprobe());

        FfmpegLocator.Tools byProgram = new FfmpegLocator(path, folder.resolve("ffmpeg").toString(), "DEEPLAKE_FFMPEG", JDK_ONLY).locate();
        assertEquals(folder.resolve("ffprobe"), byProgram.ffprobe());
        assertEquals("DEEPLAKE_FFMPEG", byProgram.origin());
    }

    @Test
    void aWrongExplicitLocationIsAnErrorNotAFallback() {
        String path = INSTALLED.ffmpeg().getParent().toString();
        FfmpegLocator locator = new FfmpegLocator(path, dir.toString(), "environment variable DEEPLAKE_FFMPEG", JDK_ONLY);
        IngestError e = assertThrows(IngestError.class, locator::locate);
        assertTrue(e.getMessage().startsWith("environment variable DEEPLAKE_FFMPEG is " + dir + ", but there is no executable "
                + dir.resolve("ffmpeg")), e.getMessage());
    }
}

package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VideoChunkerTest {
    private final VideoChunker chunker = new VideoChunker();

    @TempDir
    Path dir;

    private Path temp;
    private IngestSettings settings;

    @BeforeEach
    void settings() throws IOException {
        temp = Files.createDirectory(dir.resolve("tmp"));
        settings = new IngestSettings(1000, 200, 150, 1, temp);
    }

    @AfterEach
    void leavesNoTempFilesNorProcesses() throws IOException {
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "left in the temp folder");
        }
        List<String> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().orElse("?")).toList();
        assertEquals(List.of(), children, "child processes still running");
    }

    @Test
    void describesItself() {
        assertEquals("video", chunker.name());
        assertEquals(Set.of("mp4", "mov", "avi", "mkv", "webm"), chunker.extensions());
        assertEquals(List.of("chunk_index", "start_time", "end_time", "video_data", "thumbnail", "text"), chunker.schema().names());
        assertEquals(List.of(ColumnType.INT64, ColumnType.FLOAT64, ColumnType.FLOAT64, ColumnType.VIDEO, ColumnType.IMAGE, ColumnType.TEXT),
                chunker.schema().columns().stream().map(c -> c.type()).toList());
    }

    @Test
    void cutsTwentyFiveSecondsIntoThreeSegments() throws IOException {
        List<Batch> batches = chunk(Videos.make(dir.resolve("a.mp4"), 25));

        assertEquals(3, batches.size(), "one row per batch, one batch per segment");
        assertArrayEquals(new long[] {0, 1, 2}, longs(batches, b -> b.longs("chunk_index")[0]));
        assertTimes(new double[] {0, 10, 20}, doubles(batches, b -> b.doubles("start_time")[0]));
        assertTimes(new double[] {10, 20, 25}, doubles(batches, b -> b.doubles("end_time")[0]));
        double[] lengths = {10, 10, 5};
        for (int i = 0; i < 3; i++) {
            Batch row = batches.get(i);
            assertEquals(1, row.size());
            Map<String, String> clip = Videos.playableClip(row.bytes("video_data")[0], dir);
            assertEquals("h264", clip.get("streams.stream.0.codec_name"));
            assertEquals(lengths[i], Double.parseDouble(clip.get("format.duration")), 0.5, "clip " + i + " length");
            Videos.assertJpeg(row.bytes("thumbnail")[0]);
            assertNull(row.strings("text")[0]);
        }
    }

    @Test
    void takesTheRealCutTimesWhenKeyframesAreSparse() throws IOException {
        // A keyframe every 15 s: a copy can cut at 15 s only, then at no later keyframe before the end.
        Path sparse = Videos.ffmpeg(dir.resolve("sparse.mp4"), List.of("-f", "lavfi", "-i", Videos.source(30),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "150", "-keyint_min", "150", "-sc_threshold", "0"));

        List<Batch> batches = chunk(sparse);

        assertArrayEquals(new long[] {0, 1}, longs(batches, b -> b.longs("chunk_index")[0]));
        assertTimes(new double[] {0, 15}, doubles(batches, b -> b.doubles("start_time")[0]));
        assertTimes(new double[] {15, 30}, doubles(batches, b -> b.doubles("end_time")[0]));
        for (Batch row : batches) {
            Videos.assertJpeg(row.bytes("thumbnail")[0]);
        }
    }

    static Stream<Arguments> containers() {
        return Stream.of(
                Arguments.of("mp4", "mov,mp4,m4a,3gp,3g2,mj2", "h264"),
                Arguments.of("mov", "mov,mp4,m4a,3gp,3g2,mj2", "h264"),
                Arguments.of("mkv", "matroska,webm", "h264"),
                Arguments.of("webm", "matroska,webm", "vp8"),
                Arguments.of("avi", "avi", "mpeg4"));
    }

    @ParameterizedTest(name = ".{0}")
    @MethodSource("containers")
    void copiesEachContainerWithoutReencoding(String extension, String format, String codec) throws IOException {
        List<Batch> batches = chunk(Videos.make(dir.resolve("v." + extension), 12));

        assertEquals(2, batches.size());
        assertTimes(new double[] {0, 10}, doubles(batches, b -> b.doubles("start_time")[0]));
        assertTimes(new double[] {10, 12}, doubles(batches, b -> b.doubles("end_time")[0]));
        for (Batch row : batches) {
            Map<String, String> clip = Videos.playableClip(row.bytes("video_data")[0], dir);
            assertEquals(format, clip.get("format.format_name"));
            assertEquals(codec, clip.get("streams.stream.0.codec_name"));
            Videos.assertJpeg(row.bytes("thumbnail")[0]);
        }
    }

    @Test
    void reencodesAContainerItCannotCopyWithExactCuts() throws IOException {
        // An MPEG-TS stream behind an .mp4 name: not a container family the clips can be copied into.
        Path ts = Videos.ffmpeg(dir.resolve("ts.mp4"), List.of("-f", "lavfi", "-i", Videos.source(12),
                "-c:v", "mpeg2video", "-g", "25", "-f", "mpegts"));

        List<Batch> batches = chunk(ts);

        assertEquals(2, batches.size());
        assertTimes(new double[] {0, 10}, doubles(batches, b -> b.doubles("start_time")[0]));
        for (Batch row : batches) {
            Map<String, String> clip = Videos.playableClip(row.bytes("video_data")[0], dir);
            assertEquals("mov,mp4,m4a,3gp,3g2,mj2", clip.get("format.format_name"));
            assertEquals("h264", clip.get("streams.stream.0.codec_name"));
            Videos.assertJpeg(row.bytes("thumbnail")[0]);
        }
        assertEquals(10, Double.parseDouble(Videos.playableClip(batches.get(0).bytes("video_data")[0], dir).get("format.duration")), 0.15);
    }

    @Test
    void rejectsAFileWithoutVideo() {
        Path audio = Videos.ffmpeg(dir.resolve("sound.mp4"), List.of("-f", "lavfi", "-i", "sine=duration=3", "-c:a", "aac"));
        assertRejected(audio, "has no video stream");
    }

    @Test
    void rejectsGarbage() throws IOException {
        byte[] text = "this is not a video, just text named like one\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
        assertRejected(Files.write(dir.resolve("garbage.mp4"), text), "Not a readable video");
    }

    @Test
    void rejectsAnMp4WithoutItsIndex() throws IOException {
        // ffmpeg writes the moov index last: cut off, the file has none.
        assertRejected(truncate(Videos.make(dir.resolve("cut.mp4"), 6), 0.5), "moov atom not found");
    }

    @Test
    void rejectsAnMp4CutShortInItsData() throws IOException {
        Path whole = Videos.make(dir.resolve("whole.mp4"), 12);
        Path faststart = Videos.ffmpeg(dir.resolve("faststart.mp4"), List.of("-i", whole.toString(), "-c", "copy", "-movflags", "+faststart"));
        assertRejected(truncate(faststart, 0.5), "Failed to cut");
    }

    @ParameterizedTest(name = ".{0}")
    @ValueSource(strings = {"mkv", "webm"})
    void rejectsAMatroskaFileCutShort(String extension) throws IOException {
        assertRejected(truncate(Videos.make(dir.resolve("cut." + extension), 12), 0.5), "File ended prematurely");
    }

    @Test
    void rejectsAnAviCutShortBetweenPackets() throws IOException {
        // Cut between two packets, what is left of an AVI reads without an error; but its header
        // still counts every frame.
        Path avi = Videos.make(dir.resolve("cut.avi"), 12);
        long packet50 = Videos.videoPacketPositions(avi).get(49);
        byte[] bytes = Files.readAllBytes(avi);
        assertRejected(Files.write(avi, Arrays.copyOf(bytes, (int) packet50)), "Truncated video");
    }

    @Test
    void stopsFfmpegAndCleansUpWhenTheConsumerFails() throws IOException {
        Path video = Videos.make(dir.resolve("long.mp4"), 40);
        List<Batch> seen = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> chunker.chunk(video, settings, batch -> {
            seen.add(batch);
            throw new IllegalStateException("the table writer failed");
        }));
        assertEquals("the table writer failed", failure.getMessage());
        assertEquals(1, seen.size());
        // leavesNoTempFilesNorProcesses() checks that ffmpeg is gone and its folder deleted.
    }

    @Test
    void interruptingTheIngestStopsTheToolItWaitsFor() throws Exception {
        // ffprobe waits for a writer that never comes to a named pipe: interrupting is the only way out.
        Path fifo = dir.resolve("pipe.mp4");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread ingest = new Thread(() -> {
            try {
                chunk(fifo);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        ingest.start();
        while (ProcessHandle.current().children().findAny().isEmpty()) {
            Thread.sleep(10);
        }
        ingest.interrupt();
        ingest.join(10_000);
        assertInstanceOf(InterruptedIOException.class, thrown.get());
        // leavesNoTempFilesNorProcesses() checks that ffprobe is gone and the folder deleted.
    }

    @Test
    void makesAThumbnailFromTheClipWhenTheRunMadeNone() throws IOException {
        Path clip = Videos.make(dir.resolve("clip.mp4"), 2);
        Path jpeg = Cut.thumbnailOf(FfmpegLocator.fromSystem().locate(), clip, dir);
        Videos.assertJpeg(Files.readAllBytes(jpeg));
    }

    private void assertRejected(Path file, String reason) {
        IngestError e = assertThrows(IngestError.class, () -> chunk(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), "says why (" + reason + "): " + e.getMessage());
    }

    private static Path truncate(Path file, double keep) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * keep)));
    }

    private List<Batch> chunk(Path file) throws IOException {
        List<Batch> batches = new ArrayList<>();
        chunker.chunk(file, settings, batches::add);
        return batches;
    }

    private static long[] longs(List<Batch> batches, ToLongFunction<Batch> value) {
        return batches.stream().mapToLong(value).toArray();
    }

    private static double[] doubles(List<Batch> batches, ToDoubleFunction<Batch> value) {
        return batches.stream().mapToDouble(value).toArray();
    }

    /**
     * Cuts land on keyframes, one per second from frame 0 here; in the AVI a frame the encoder
     * dropped moves them one frame (0.1 s) later, and audio may start a few milliseconds early.
     */
    private static void assertTimes(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, Arrays.toString(actual));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0.15, Arrays.toString(actual));
        }
    }
}

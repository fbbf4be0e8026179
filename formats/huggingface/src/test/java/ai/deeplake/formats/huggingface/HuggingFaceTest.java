package ai.deeplake.formats.huggingface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import ai.deeplake.formats.huggingface.TestParquet.Shape;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format on its own against a Hub on loopback: columns and values, split and config choice, cache, resume, errors. */
class HuggingFaceTest {
    static final String SHAPES = "acme/shapes";
    static final List<Shape> TRAIN_0 = List.of(
            new Shape(8, 6, Color.RED, 0, new float[] {0.1f, 0.2f, 0.3f, 0.4f}, "a red circle"),
            new Shape(5, 9, Color.GREEN, 1, new float[] {1f, 2f, 3f, 4f}, "a green square"),
            new Shape(7, 7, Color.BLUE, 2, new float[] {-1f, 0f, 1f, 2.5f}, "a blue triangle"));
    static final List<Shape> TRAIN_1 = List.of(
            new Shape(4, 4, Color.YELLOW, 1, new float[] {9f, 8f, 7f, 6f}, "a yellow square"),
            new Shape(3, 10, Color.BLACK, 0, new float[] {0f, 0f, 0f, 1f}, "a black circle"));
    static final List<Shape> TEST_0 = List.of(
            new Shape(6, 2, Color.CYAN, 2, new float[] {5f, 5f, 5f, 5f}, "a cyan triangle"),
            new Shape(2, 6, Color.MAGENTA, -1, new float[] {4f, 3f, 2f, 1f}, "unlabelled"));

    @TempDir
    Path dir;
    FakeHub hub;
    byte[] train0;

    @BeforeEach
    void serveShapes() throws IOException {
        Path scratch = Files.createDirectory(dir.resolve("scratch"));
        train0 = TestParquet.shapes(scratch, TRAIN_0);
        hub = new FakeHub().add(SHAPES, "default", "train", train0, TestParquet.shapes(scratch, TRAIN_1))
                .add(SHAPES, "default", "test", TestParquet.shapes(scratch, TEST_0));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HuggingFace.Builder shapes(String name) {
        return HuggingFace.builder(name).endpoint(hub.endpoint()).cacheDir(dir.resolve("cache"));
    }

    static List<Batch> read(HuggingFace format) {
        List<Batch> batches = new ArrayList<>();
        format.normalize(batches::add);
        return batches;
    }

    @Test
    void mapsFeaturesToColumnTypesAndReadsEveryValue() {
        HuggingFace format = shapes(SHAPES).build();
        Schema schema = format.schema().orElseThrow();
        assertEquals(List.of("image", "label", "label_name", "embedding", "caption", "score", "flag", "split"), schema.names());
        assertEquals(List.of(ColumnType.IMAGE, ColumnType.CLASS_LABEL, ColumnType.TEXT, ColumnType.EMBEDDING, ColumnType.TEXT,
                ColumnType.FLOAT64, ColumnType.BOOL, ColumnType.TEXT), schema.columns().stream().map(Schema.Column::type).toList());
        assertEquals(4, schema.column("embedding").orElseThrow().size(), "the Sequence feature's length fixes the vector size");
        assertEquals(List.of("image"), format.imageColumns());
        assertEquals(Map.of("label", TestParquet.LABELS), format.labelNames());

        List<Batch> batches = read(format);
        assertEquals(List.of(3, 2, 2), batches.stream().map(Batch::size).toList(), "one batch per file: train 0, train 1, test 0");
        List<Shape> expected = Stream.of(TRAIN_0, TRAIN_1, TEST_0).flatMap(List::stream).toList();
        List<String> splits = List.of("train", "train", "train", "train", "train", "test", "test");
        int row = 0;
        for (Batch b : batches) {
            for (int i = 0; i < b.size(); i++, row++) {
                Shape shape = expected.get(row);
                assertArrayEquals(shape.png(), b.bytes("image")[i], "image bytes of row " + row);
                assertEquals(shape.label(), b.longs("label")[i]);
                assertEquals(shape.label() < 0 ? null : TestParquet.LABELS.get((int) shape.label()), b.strings("label_name")[i]);
                assertArrayEquals(shape.embedding(), b.vectors("embedding")[i]);
                assertEquals(shape.caption(), b.strings("caption")[i]);
                assertEquals(splits.get(row), b.strings("split")[i]);
            }
        }
        assertEquals(0.5, batches.get(0).doubles("score")[2], "score is the row number / 4 within the file");
        assertArrayEquals(new boolean[] {true, false, true}, batches.get(0).booleans("flag"));
    }

    @Test
    void withoutFeatureMetadataAnImageStructIsStillAnImage() {
        byte[] png = TRAIN_0.get(0).png();
        hub.add("acme/plain", "default", "train", TestParquet.withoutFeatures(dir, png));
        HuggingFace format = shapes("acme/plain").build();
        Schema schema = format.schema().orElseThrow();
        assertEquals(List.of(ColumnType.IMAGE, ColumnType.INT32, ColumnType.TEXT), schema.columns().stream().map(Schema.Column::type).toList());
        Batch batch = read(format).get(0);
        assertArrayEquals(png, batch.bytes("image")[0]);
        assertEquals(7, batch.longs("label")[0]);
    }

    @Test
    void nameChoosesTheSplitAndTheBuilderOverridesIt() {
        List<Batch> test = read(shapes(SHAPES + "@test").build());
        assertEquals(List.of("a cyan triangle", "unlabelled"), List.of(test.get(0).strings("caption")));
        List<Batch> train = read(shapes(SHAPES + "@test").split("train").build());
        assertEquals(5, train.stream().mapToInt(Batch::size).sum());
        IngestError missing = assertThrows(IngestError.class, () -> shapes(SHAPES + "@validation").build().schema());
        assertEquals("HuggingFace dataset 'acme/shapes@validation' has no split 'validation' in config 'default'; it has [train, test]",
                missing.getMessage());
    }

    @Test
    void aDatasetOfSeveralConfigsNeedsOneChosen() {
        byte[] file = TestParquet.vectors(dir, 2, 2);
        hub.add("acme/multi", "small", "train", file).add("acme/multi", "large", "train", file);
        IngestError none = assertThrows(IngestError.class, () -> shapes("acme/multi").build().schema());
        assertEquals("HuggingFace dataset 'acme/multi' has configs [small, large]: choose one, as name:config (or the config option)",
                none.getMessage());
        assertEquals(2, read(shapes("acme/multi:large").build()).get(0).size());
        assertEquals(2, read(shapes("acme/multi").config("small").build()).get(0).size());
        IngestError unknown = assertThrows(IngestError.class, () -> shapes("acme/multi:medium").build().schema());
        assertTrue(unknown.getMessage().contains("has no config 'medium'; it has [small, large]"), unknown.getMessage());
    }

    @Test
    void maxRowsStopsEarlyAndLeavesLaterFilesUnfetched() {
        List<Batch> batches = read(shapes(SHAPES).maxRows(2).build());
        assertEquals(1, batches.size());
        assertEquals(List.of("a red circle", "a green square"), List.of(batches.get(0).strings("caption")));
        assertTrue(hub.requests("/train/1.parquet").isEmpty(), "the second file is not downloaded");
    }

    @Test
    void completedDownloadsAreReusedAndNotFetchedAgain() {
        read(shapes(SHAPES).build());
        assertEquals(1, hub.requests("/train/0.parquet").size());
        Path cached = dir.resolve("cache/acme/shapes/default/train/0.parquet");
        assertTrue(Files.isRegularFile(cached), "cached at {cacheDir}/{name}/{config}/{split}/{file}");

        List<Batch> again = read(shapes(SHAPES).build());
        assertEquals(7, again.stream().mapToInt(Batch::size).sum());
        for (String file : List.of("/train/0.parquet", "/train/1.parquet", "/test/0.parquet")) {
            assertEquals(1, hub.requests(file).size(), file + " is downloaded once, then read from the cache");
        }
        assertEquals(2, hub.requests("/acme/shapes/parquet").size(), "each run asks for the file list");
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws IOException {
        Path part = dir.resolve("cache/acme/shapes/default/train/0.parquet.part");
        Files.createDirectories(part.getParent());
        int half = train0.length / 2;
        Files.write(part, Arrays.copyOf(train0, half));
        List<long[]> progress = new ArrayList<>();

        List<Batch> batches = read(shapes(SHAPES + "@train").onDownload((url, done, total) -> {
            if (url.endsWith("/train/0.parquet")) {
                progress.add(new long[] {done, total});
            }
        }).build());

        List<RecordedRequest> fetches = hub.requests("/train/0.parquet");
        assertEquals(1, fetches.size());
        assertEquals("bytes=" + half + "-", fetches.get(0).getHeaders().get("Range"));
        assertArrayEquals(train0, Files.readAllBytes(part.resolveSibling("0.parquet")), "the resumed file equals the Hub's");
        assertFalse(Files.exists(part));
        assertEquals(5, batches.stream().mapToInt(Batch::size).sum());
        assertArrayEquals(new long[] {half, train0.length}, progress.get(0), "progress starts where the part ended");
        assertArrayEquals(new long[] {train0.length, train0.length}, progress.get(progress.size() - 1));
    }

    @Test
    void aDroppedConnectionKeepsThePartAndTheNextRunResumesIt() throws IOException {
        hub.breakNext("/train/0.parquet");
        IngestError dropped = assertThrows(IngestError.class, () -> read(shapes(SHAPES + "@train").build()));
        Path part = dir.resolve("cache/acme/shapes/default/train/0.parquet.part");
        assertTrue(dropped.getMessage().startsWith("HuggingFace dataset 'acme/shapes', " + hub.fileUrl(SHAPES, "default", "train", 0)
                + ": download failed: "), dropped.getMessage());
        assertTrue(dropped.getMessage().endsWith("(what arrived is kept in " + part + " and resumed next time)"), dropped.getMessage());
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept < train0.length, kept + " bytes kept of " + train0.length);

        assertEquals(5, read(shapes(SHAPES + "@train").build()).stream().mapToInt(Batch::size).sum());
        List<RecordedRequest> fetches = hub.requests("/train/0.parquet");
        assertEquals(2, fetches.size());
        assertEquals("bytes=" + kept + "-", fetches.get(1).getHeaders().get("Range"));
        assertEquals(FakeHub.etag(train0), fetches.get(1).getHeaders().get("If-Range"), "resumed only if the file is unchanged");
        assertArrayEquals(train0, Files.readAllBytes(part.resolveSibling("0.parquet")));
    }

    @Test
    void aPartOfAFileThatChangedSinceIsReplacedNotResumed() throws IOException {
        Path part = dir.resolve("cache/acme/shapes/default/train/0.parquet.part");
        Files.createDirectories(part.getParent());
        Files.write(part, new byte[] {'P', 'A', 'R', '1', 9, 9, 9});
        Files.writeString(part.resolveSibling("0.parquet.part.etag"), "\"an-older-version\"");
        read(shapes(SHAPES + "@train").build());
        RecordedRequest fetch = hub.requests("/train/0.parquet").get(0);
        assertEquals("\"an-older-version\"", fetch.getHeaders().get("If-Range"));
        assertArrayEquals(train0, Files.readAllBytes(part.resolveSibling("0.parquet")));
        assertFalse(Files.exists(part.resolveSibling("0.parquet.part.etag")), "the ETag goes once the file is complete");
    }

    @Test
    void aServerThatIgnoresTheRangeGetsTheWholeFileWritten() throws IOException {
        hub.ignoreRange();
        Path part = dir.resolve("cache/acme/shapes/default/train/0.parquet.part");
        Files.createDirectories(part.getParent());
        Files.write(part, new byte[] {1, 2, 3, 4, 5});
        read(shapes(SHAPES + "@train").build());
        assertEquals("bytes=5-", hub.requests("/train/0.parquet").get(0).getHeaders().get("Range"));
        assertArrayEquals(train0, Files.readAllBytes(part.resolveSibling("0.parquet")), "the part is replaced, not appended to");
    }

    @Test
    void theTokenIsSentAsABearerHeader() {
        hub.requireToken("hf_secret");
        IngestError denied = assertThrows(IngestError.class, () -> shapes(SHAPES).build().schema());
        assertTrue(denied.getMessage().startsWith("HuggingFace dataset 'acme/shapes', " + hub.endpoint()
                + "/api/datasets/acme/shapes/parquet: HTTP 401: not authorized"), denied.getMessage());
        assertTrue(denied.getMessage().contains("set HF_TOKEN"), denied.getMessage());

        assertEquals(7, read(shapes(SHAPES).token("hf_secret").build()).stream().mapToInt(Batch::size).sum());
        assertEquals("Bearer hf_secret", hub.requests("/test/0.parquet").get(0).getHeaders().get("Authorization"));
    }

    @Test
    void anUnknownDatasetIsA404NamingTheUrl() {
        IngestError e = assertThrows(IngestError.class, () -> shapes("acme/nothing").build().schema());
        assertTrue(e.getMessage().startsWith("HuggingFace dataset 'acme/nothing', " + hub.endpoint()
                + "/api/datasets/acme/nothing/parquet: HTTP 404: not found"), e.getMessage());
    }

    @Test
    void anUnreachableHubIsANetworkErrorNamingTheUrl() {
        String endpoint = hub.endpoint();
        hub.close();
        IngestError e = assertThrows(IngestError.class, () -> shapes(SHAPES).endpoint(endpoint).build().schema());
        assertTrue(e.getMessage().startsWith("HuggingFace dataset 'acme/shapes', " + endpoint
                + "/api/datasets/acme/shapes/parquet: cannot reach the Hub: java.net.ConnectException"), e.getMessage());
    }

    @Test
    void aDownloadThatIsNotParquetIsRejectedAndNotCached() {
        String path = "/api/datasets/acme/shapes/parquet/default/test/0.parquet";
        hub.fix(path, new MockResponse.Builder().addHeader("Content-Type", "text/html").body("<html><body>Rate limited</body></html>").build());
        IngestError e = assertThrows(IngestError.class, () -> read(shapes(SHAPES + "@test").build()));
        assertEquals("HuggingFace dataset 'acme/shapes', " + hub.endpoint() + path
                + ": the download is not a Parquet file (38 bytes starting with '<html><body>Rate limited</body></html>')", e.getMessage());
        Path folder = dir.resolve("cache/acme/shapes/default/test");
        assertFalse(Files.exists(folder.resolve("0.parquet")) || Files.exists(folder.resolve("0.parquet.part")),
                "nothing of the bad download stays in the cache");
    }

    @Test
    void aServerErrorAndAMalformedListingNameTheUrlAndStatus() {
        String listing = "/api/datasets/acme/shapes/parquet";
        hub.fix(listing, new MockResponse.Builder().code(503).body("upstream unavailable").build());
        IngestError status = assertThrows(IngestError.class, () -> shapes(SHAPES).build().schema());
        assertEquals("HuggingFace dataset 'acme/shapes', " + hub.endpoint() + listing + ": HTTP 503 (upstream unavailable)",
                status.getMessage());

        hub.fix(listing, new MockResponse.Builder().body("[\"not\", \"a map\"]").build());
        IngestError shape = assertThrows(IngestError.class, () -> shapes(SHAPES).build().schema());
        assertTrue(shape.getMessage().startsWith("HuggingFace dataset 'acme/shapes', " + hub.endpoint() + listing
                + ": the Hub's answer is not a {config: {split: [urls]}} list of Parquet files"), shape.getMessage());
    }

    @Test
    void raggedFloatSequencesAreAnErrorNamingTheColumn() {
        hub.add("acme/ragged", "default", "train", TestParquet.vectors(dir, 3, 3, 2));
        HuggingFace format = shapes("acme/ragged").build();
        assertEquals(ColumnType.EMBEDDING, format.schema().orElseThrow().column("vec").orElseThrow().type());
        IngestError e = assertThrows(IngestError.class, () -> read(format));
        assertEquals("HuggingFace dataset 'acme/ragged': column 'vec' is ragged: a vector of 2 values after vectors of 3;"
                + " an EMBEDDING has one fixed length", e.getMessage());
    }

    @Test
    void referencesParseNameConfigAndSplit() {
        assertEquals(new DatasetRef("mnist", null, null), DatasetRef.parse("mnist"));
        assertEquals(new DatasetRef("nyu-mll/glue", "mrpc", "validation"), DatasetRef.parse("nyu-mll/glue:mrpc@validation"));
        assertEquals(new DatasetRef("mnist", null, "test"), DatasetRef.parse("mnist@test"));
        assertNull(DatasetRef.parse("a/b:c").split());
        IngestError e = assertThrows(IngestError.class, () -> DatasetRef.parse("mnist:@test"));
        assertEquals("HuggingFace dataset 'mnist:@test': empty config (write name[:config][@split])", e.getMessage());
    }

    @Test
    void theFactoryChecksItsOptions() {
        HuggingFaceFactory factory = new HuggingFaceFactory();
        assertEquals("huggingface", factory.id());
        IngestError noName = assertThrows(IngestError.class, () -> factory.create(Map.of()));
        assertTrue(noName.getMessage().startsWith("huggingface format: the option 'name' is required"), noName.getMessage());
        IngestError unknown = assertThrows(IngestError.class, () -> factory.create(Map.of("name", "x", "path", "/tmp")));
        assertTrue(unknown.getMessage().startsWith("huggingface format: unknown options [path]"), unknown.getMessage());
        HuggingFace format = (HuggingFace) factory.create(Map.of("name", SHAPES + "@train", "endpoint", hub.endpoint(),
                "cacheDir", dir.resolve("c").toString(), "maxRows", "4"));
        assertEquals(4, read(format).stream().mapToInt(Batch::size).sum());
        assertEquals(dir.resolve("c"), format.cacheDir());
    }
}

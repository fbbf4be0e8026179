package ai.deeplake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built archive as a user meets it: bin/deeplake in a copy of the unpacked distribution. */
class DistributionIT {
    private static final Path DIST = Path.of(System.getProperty("deeplake.dist"));

    @TempDir
    Path tmp;

    private CommandRun run(Path home, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().remove("DEEPLAKE_PLUGINS");
        pb.environment().remove("DEEPLAKE_API_URL");
        pb.environment().put("DEEPLAKE_ROOT", tmp.resolve("root").toString());
        return CommandRun.run(pb, Files.createTempFile(tmp, "run", ".out"), Duration.ofMinutes(5));
    }

    /** @return a private copy of the unpacked distribution, so a test may remove plugins from it */
    private Path unpacked() throws IOException {
        Path home = tmp.resolve("deeplake");
        try (Stream<Path> files = Files.walk(DIST)) {
            for (Path p : files.toList()) {
                Path target = home.resolve(DIST.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return home;
    }

    @Test
    void aThousandFilesShowAProgressBarOnATerminalAndASummary() throws Exception {
        Path home = unpacked();
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(docs.resolve("f" + i + ".txt"), "file " + i + " about deeplake");
        }
        // script(1) gives the command a pseudo-terminal, as a person's shell would.
        CommandRun r = run(home, Map.of(), "script", "-qec", home.resolve("bin/deeplake") + " ingest many " + docs, "/dev/null");
        assertEquals(0, r.code(), r.out());
        // The bar: files, rows, rate and ETA, redrawn in place; then the summary: rows, files, seconds, table.
        assertTrue(Pattern.compile("\r\\[#{30}] 1000/1000 files  1,000 rows  [\\d,]+ rows/s  ETA \\d+:\\d\\d").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^Ingested 1000 rows from 1000 files into table 'many' in \\d+\\.\\d s \\(al://default/many\\)\r?$")
                .matcher(r.out()).find(), r.out());
    }

    /** @return a one-page PDF, written by hand: the test class path has no PDF library */
    private static byte[] onePagePdf() {
        String[] objects = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 50 Td (hello deeplake) Tj ET\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        StringBuilder xref = new StringBuilder("xref\n0 " + (objects.length + 1) + "\n0000000000 65535 f \n");
        for (int i = 0; i < objects.length; i++) {
            xref.append(String.format("%010d 00000 n \n", pdf.length()));
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int start = pdf.length();
        pdf.append(xref).append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(start)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void removingAPluginNamesItAndTheOthersKeepWorking() throws Exception {
        Path home = unpacked();
        Path pdf = Files.write(tmp.resolve("a.pdf"), onePagePdf());
        CommandRun before = run(home, Map.of(), home.resolve("bin/deeplake").toString(), "ingest", "pages", pdf.toString());
        assertTrue(before.out().contains("Ingested 1 rows from 1 files into table 'pages'"), "a valid PDF: " + before.out());
        try (Stream<Path> jars = Files.list(home.resolve("plugins"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith("deeplake-plugin-pdf")).toList()) {
                Files.delete(jar);
            }
        }
        CommandRun failed = run(home, Map.of(), home.resolve("bin/deeplake").toString(), "ingest", "pages", pdf.toString());
        assertEquals(1, failed.code());
        assertEquals(List.of("IngestError: no chunker for .pdf files — install the deeplake-plugin-pdf plugin"),
                failed.out().lines().filter(l -> !l.startsWith("WARNING")).toList());
        CommandRun plugins = run(home, Map.of(), home.resolve("bin/deeplake").toString(), "plugins");
        assertTrue(plugins.out().contains("Not installed:") && plugins.out().contains("deeplake-plugin-pdf"), plugins.out());
        Path txt = Files.writeString(tmp.resolve("ok.txt"), "text still works");
        CommandRun ok = run(home, Map.of(), home.resolve("bin/deeplake").toString(), "ingest", "notes", txt.toString());
        assertEquals(0, ok.code(), ok.out());
    }

    @Test
    void theExampleThirdPartyFormatBuildsAndIsLoadedByTheCommandLine() throws Exception {
        Path example = Path.of("..", "examples", "third-party-format").toAbsolutePath().normalize();
        // Built exactly as its README section says; deeplake-api comes from the local repository, where
        // the build's install phase put it before this module's integration tests run.
        CommandRun build = run(example, Map.of(), "mvn", "-q", "-B", "-ntp", "-f", example.resolve("pom.xml").toString(), "package");
        assertEquals(0, build.code(), build.out());
        Path home = unpacked();
        try (Stream<Path> jars = Files.list(example.resolve("target"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith(".jar")).toList()) {
                Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
            }
        }
        Path images = Files.createDirectories(tmp.resolve("pets"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(40, 20, 1), "png", images.resolve("cat.png").toFile());
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(20, 40, 1), "png", images.resolve("dog.png").toFile());
        Path csv = Files.writeString(images.resolve("labels.csv"), "path,label\ncat.png,cat\ndog.png,dog\n");
        String deeplake = home.resolve("bin/deeplake").toString();

        CommandRun plugins = run(home, Map.of(), deeplake, "plugins");
        assertTrue(plugins.out().contains("image-csv-format 1.0.0") && plugins.out().contains("format  image-csv"), plugins.out());
        CommandRun ingest = run(home, Map.of(), deeplake, "ingest", "pets", "--format", "image-csv", csv.toString());
        assertEquals(0, ingest.code(), ingest.out());
        assertTrue(ingest.out().contains("Ingested 2 rows with format image-csv into table 'pets'"), ingest.out());
        CommandRun query = run(home, Map.of(), deeplake, "query", "SELECT label, filename FROM pets ORDER BY label", "--csv");
        assertEquals(List.of("label,filename", "cat,cat.png", "dog,dog.png"), query.out().lines().filter(l -> !l.startsWith("WARNING")).toList());
        CommandRun badType = run(home, Map.of(), deeplake, "ingest", "pets2", "--format", "image-csv", csv.toString(), "--schema", "label=NOPE");
        assertEquals(1, badType.code(), badType.out());
        assertTrue(badType.out().contains("IngestError: Unknown type 'NOPE' for column 'label'"), "--schema reaches the ingest: " + badType.out());
        CommandRun thumbs = run(home, Map.of(), deeplake, "query", "SELECT COUNT(*) AS n FROM thumbnails", "--csv");
        assertTrue(thumbs.out().contains("\n8"), "4 thumbnails per image: " + thumbs.out());
    }

    @Test
    void theCocoFormatShipsInPluginsAndRemovingItNamesThePlugin() throws Exception {
        Path home = unpacked();
        Path images = Files.createDirectories(tmp.resolve("coco/val2017"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 6, 1), "png", images.resolve("1.png").toFile());
        Files.createDirectories(tmp.resolve("coco/annotations"));
        Files.writeString(tmp.resolve("coco/annotations/instances_val2017.json"), """
                {"images": [{"id": 1, "file_name": "1.png", "width": 8, "height": 6}],
                 "annotations": [{"id": 9, "image_id": 1, "category_id": 2, "bbox": [1, 1, 4, 3], "area": 12, "iscrowd": 0,
                                  "segmentation": [[1, 1, 5, 1, 5, 4, 1, 4]]}],
                 "categories": [{"id": 2, "name": "box"}]}""");
        String deeplake = home.resolve("bin/deeplake").toString();
        CommandRun ingest = run(home, Map.of(), deeplake, "ingest", "coco_val", "--format", "coco", images.toString());
        assertEquals(0, ingest.code(), ingest.out());
        assertTrue(ingest.out().contains("Ingested 1 rows with format coco into table 'coco_val'"), ingest.out());
        CommandRun query = run(home, Map.of(), deeplake, "query", "SELECT coco_image_id, num_objects, filename FROM coco_val", "--csv");
        assertEquals(List.of("coco_image_id,num_objects,filename", "1,1,1.png"),
                query.out().lines().filter(l -> !l.startsWith("WARNING")).toList());

        try (Stream<Path> jars = Files.list(home.resolve("plugins"))) {
            for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith("deeplake-format-coco")).toList()) {
                Files.delete(jar);
            }
        }
        CommandRun failed = run(home, Map.of(), deeplake, "ingest", "again", "--format", "coco", images.toString());
        assertEquals(1, failed.code());
        assertTrue(failed.out().contains("no format 'coco'") && failed.out().contains("deeplake-format-coco"), failed.out());
        Path txt = Files.writeString(tmp.resolve("ok.txt"), "files still ingest");
        assertEquals(0, run(home, Map.of(), deeplake, "ingest", "notes", txt.toString()).code());
    }
}

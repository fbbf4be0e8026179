package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.IngestResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF ingest: a generated N-page PDF (text and vector graphics on every page) through
 * {@code Client.ingest} with the PDF plugin jar loaded by pf4j, against PDFBox alone in the same run.
 *
 * <p>The reference opens the file once and, on one thread, renders each page with
 * {@code PDFRenderer.renderImageWithDPI(page, dpi, ImageType.RGB)} and encodes it with
 * {@code ImageIO.write(image, "png", ...)} into memory; a second reference also extracts each page's
 * text with {@code PDFTextStripper}, as the plugin does. Neither writes anything to a table.
 * {@code Client.ingest} does all of that (pages rendered on {@code min(workers, cores)} threads) and
 * stores the rows. Afterwards a 200-page PDF is ingested while the heap is watched (see
 * {@link HeapWatch}).
 *
 * <p>Usage: {@code PdfIngestBench PLUGIN_JAR [pages=100] [dpi=150] [repetitions=3]}, where
 * {@code PLUGIN_JAR} is {@code plugins/pdf/target/deeplake-plugin-pdf-VERSION.jar}. Prints the median
 * of the repetitions, after one uncounted warm-up of each path.
 */
public final class PdfIngestBench {
    private static final int HEAP_PAGES = 200;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PdfIngestBench PLUGIN_JAR [pages=100] [dpi=150] [repetitions=3]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int dpi = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        Path work = Files.createTempDirectory("bench-pdf");
        try {
            run(work, jar, pages, dpi, reps);
        } finally {
            TempFolders.delete(work);
        }
    }

    private static void run(Path work, Path jar, int pages, int dpi, int reps) throws Exception {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        // One client for every run, as an application keeps one: the plugin's classes (its own copy of
        // PDFBox) load once and stay warm, like the reference's.
        try (Client client = Client.builder().root(work.resolve("root")).workspace("bench").pluginsDir(plugins).build()) {
            Path pdf = generate(work.resolve("bench.pdf"), pages);
            double[] ingest = new double[reps];
            double[] render = new double[reps];
            double[] renderText = new double[reps];
            for (int r = -1; r < reps; r++) {
                // Repetition -1 warms the JIT and is not counted.
                double c = timeIngest(client, pdf, pages, dpi, "docs" + (r + 1));
                double p = timeReference(pdf, dpi, false);
                double t = timeReference(pdf, dpi, true);
                if (r >= 0) {
                    ingest[r] = c;
                    render[r] = p;
                    renderText[r] = t;
                }
            }
            double ingestRate = pages / Stats.median(ingest);
            double renderRate = pages / Stats.median(render);
            double renderTextRate = pages / Stats.median(renderText);
            System.out.printf("PDF ingest, %d Letter pages at %d DPI, median of %d, %d cores, JDK %s%n",
                    pages, dpi, reps, Runtime.getRuntime().availableProcessors(), Runtime.version());
            System.out.printf("%-66s %9s %10s%n", "path", "pages/s", "ingest is");
            System.out.printf("%-66s %9.1f %10s%n", "Client.ingest (plugin jar via pf4j, rows stored)", ingestRate, "");
            System.out.printf("%-66s %9.1f %9.2fx%n", "PDFBox alone, one thread: render + ImageIO PNG", renderRate, ingestRate / renderRate);
            System.out.printf("%-66s %9.1f %9.2fx%n", "PDFBox alone, one thread: render + ImageIO PNG + PDFTextStripper",
                    renderTextRate, ingestRate / renderTextRate);

            Path longPdf = generate(work.resolve("long.pdf"), HEAP_PAGES);
            HeapWatch watch = HeapWatch.start();
            timeIngest(client, longPdf, HEAP_PAGES, dpi, "heap");
            watch.stop();
            long pngBytes = client.query("SELECT sum(octet_length(image)) AS bytes FROM heap").get(0).getLong("bytes");
            System.out.printf("Heap while ingesting %d pages at %d DPI (%d MB of PNG stored; -Xmx %d MB): live %d MB before; "
                            + "after a full GC every 200 ms, live %d MB median, %d MB at most; used %d MB at most (sampled every 5 ms)%n",
                    HEAP_PAGES, dpi, pngBytes >> 20, Runtime.getRuntime().maxMemory() >> 20,
                    watch.baseLive() >> 20, watch.live(0.5) >> 20, watch.live(1) >> 20, watch.peakUsed() >> 20);
        }
    }

    /** Writes {@code pages} Letter pages of text lines, a bar chart, a line chart and a grid. */
    static Path generate(Path file, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDFont font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(13);
                    content.newLineAtOffset(54, 740);
                    for (int line = 0; line < 30; line++) {
                        content.showText("Page " + i + ", line " + line + ": the quick brown fox jumps over the lazy dog while "
                                + "measurements " + (i * 31 + line) + " and " + (line * 7 + 3) + " are recorded.");
                        content.newLine();
                    }
                    content.endText();
                    for (int bar = 0; bar < 12; bar++) {
                        content.setNonStrokingColor(bar / 12f, 0.3f + (i % 5) / 10f, 1 - bar / 12f);
                        content.addRect(54 + bar * 40, 80, 30, 20 + (bar * 37 + i * 11) % 200);
                        content.fill();
                    }
                    content.setStrokingColor(0.1f, 0.1f, 0.1f);
                    content.setLineWidth(1.2f);
                    content.moveTo(54, 330);
                    for (int x = 0; x <= 100; x++) {
                        content.lineTo(54 + x * 5, 330 + (float) (30 * Math.sin((x + i) / 6.0) + 10 * Math.cos(x / 2.0)));
                    }
                    content.stroke();
                    content.setLineWidth(0.3f);
                    for (int g = 0; g <= 10; g++) {
                        content.moveTo(54, 290 + g * 8);
                        content.lineTo(554, 290 + g * 8);
                        content.moveTo(54 + g * 50, 290);
                        content.lineTo(54 + g * 50, 370);
                    }
                    content.stroke();
                }
            }
            document.save(file.toFile());
        }
        return file;
    }

    private static double timeIngest(Client client, Path pdf, int pages, int dpi, String table) {
        long start = System.nanoTime();
        IngestResult r = client.ingest(table, Map.of("path", List.of(pdf.toString())),
                IngestOptions.builder().schema(Map.of("path", "FILE")).pdfDpi(dpi).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (r.rowCount() != pages) {
            throw new IllegalStateException("wrote " + r.rowCount() + " rows, expected " + pages);
        }
        return seconds;
    }

    private static double timeReference(Path pdf, int dpi, boolean withText) throws IOException {
        long start = System.nanoTime();
        long bytes = 0;
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, dpi, ImageType.RGB);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(image, "png", png);
                bytes += png.size();
                if (withText) {
                    stripper.setStartPage(i + 1);
                    stripper.setEndPage(i + 1);
                    bytes += stripper.getText(document).length();
                }
            }
        }
        if (bytes == 0) {
            throw new IllegalStateException("the reference produced nothing");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Watches the heap from a daemon thread: samples its use every 5 ms (garbage included, so this
     * depends on the heap size and collector), and every 200 ms forces a full collection and reads
     * what is left, the live heap; the live heap before it starts is the baseline. The largest live
     * sample can include what other threads allocated between the collection and the reading.
     */
    private static final class HeapWatch {
        private static final int SAMPLES_PER_GC = 40;

        private final long baseLive;
        private final AtomicLong peakUsed = new AtomicLong();
        private final List<Long> live = new CopyOnWriteArrayList<>();
        private final Thread sampler = new Thread(this::sample, "heap-sampler");
        private volatile boolean running = true;

        private HeapWatch() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            memory.gc();
            baseLive = memory.getHeapMemoryUsage().getUsed();
        }

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            watch.sampler.setDaemon(true);
            watch.sampler.start();
            return watch;
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        long peakUsed() {
            return peakUsed.get();
        }

        /** @return the live heap at the {@code q}-quantile of the samples (0.5 the median, 1 the largest) */
        long live(double q) {
            List<Long> sorted = live.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.round(q * (sorted.size() - 1)));
        }

        /** @return the live heap before the watch started */
        long baseLive() {
            return baseLive;
        }

        private void sample() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int n = 1; running; n++) {
                if (n % SAMPLES_PER_GC == 0) {
                    memory.gc();
                    live.add(memory.getHeapMemoryUsage().getUsed());
                }
                peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}

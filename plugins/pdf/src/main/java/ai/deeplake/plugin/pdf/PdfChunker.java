package ai.deeplake.plugin.pdf;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.api.Schema;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.pf4j.Extension;

/**
 * The PDF {@link Chunker}: one row per page, in page order, with the page rendered to a PNG at
 * {@link IngestSettings#pdfDpi()} and the page's text as PDFBox extracts it.
 *
 * <p>Rows have the columns {@value #PAGE_INDEX} (INT64, from 0), {@value #IMAGE} (IMAGE: a PNG of
 * exactly {@code floor(points * dpi / 72)} pixels a side, the crop box turned by the page's rotation)
 * and {@value #TEXT} (the page's text, lines ending in {@code \n}, in content stream order, or by
 * position on a page turned a quarter).
 *
 * <p>The pages of one file render on {@code min(workers, processors, pages)} threads, the calling
 * thread among them, each with its own open copy of the file. They are handed on in batches of at
 * most {@value #BATCH_PAGES} pages; a file's rows in memory are at most those of a batch, twice the
 * number of threads waiting to be taken in order, and one page image per thread being rendered,
 * however many pages the file has.
 *
 * <p>A file that is not a PDF, is damaged beyond what PDFBox repairs, needs a password, has no pages
 * or has a page PDFBox cannot render raises {@link IngestError} naming the file and the cause.
 * Batches already handed on stay handed on. The instance keeps no state, so one serves every worker.
 */
@Extension
public final class PdfChunker implements Chunker {
    /** The column holding the page's position in its file, counted from 0. */
    public static final String PAGE_INDEX = "page_index";
    /** The column holding the rendered page as PNG bytes. */
    public static final String IMAGE = "image";
    /** The column holding the page's extracted text. */
    public static final String TEXT = "text";
    /** The most pages one batch holds: a page at 300 DPI can be a few megabytes of PNG. */
    static final int BATCH_PAGES = 4;

    private static final Set<String> EXTENSIONS = Set.of("pdf");
    private static final Schema SCHEMA = Schema.builder()
            .add(PAGE_INDEX, ColumnType.INT64)
            .add(IMAGE, ColumnType.IMAGE)
            .add(TEXT, ColumnType.TEXT)
            .build();

    @Override
    public String name() {
        return "pdf";
    }

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public void chunk(Path file, IngestSettings settings, Consumer<Batch> out) throws IOException {
        int threads = Math.min(settings.workers(), Runtime.getRuntime().availableProcessors());
        chunk(file, settings.pdfDpi(), threads, out);
    }

    /** {@link #chunk(Path, IngestSettings, Consumer)} on at most {@code threads} threads. */
    void chunk(Path file, int dpi, int threads, Consumer<Batch> out) throws IOException {
        // No switch of the context class loader to the plugin's (NOTES, pf4j): PDFBox 3 and
        // commons-logging 1.4 find their own classes without it, as PluginJarIT checks with a context
        // loader holding another PDFBox and with one holding none.
        try (PdfPages pages = PdfPages.open(file, dpi)) {
            int count = pages.pageCount();
            PageWindow window = new PageWindow(count, 2 * threads);
            List<Thread> helpers = new ArrayList<>();
            try {
                for (int i = 1; i < Math.min(threads, count); i++) {
                    Thread helper = new Thread(() -> renderPages(file, dpi, window), "deeplake-pdf-" + i + "-" + file.getFileName());
                    helper.setDaemon(true);
                    helper.start();
                    helpers.add(helper);
                }
                handOnInOrder(pages, window, out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException stopped = new InterruptedIOException("interrupted while rendering " + file);
                stopped.initCause(e);
                throw stopped;
            } catch (ExecutionException e) {
                throw rethrow(file, e.getCause());
            } finally {
                window.close();
                joinUninterruptibly(helpers);
            }
        }
    }

    /**
     * Takes the pages in order and hands them on in batches; while the next page is not ready, renders
     * whichever page comes next.
     */
    private static void handOnInOrder(PdfPages pages, PageWindow window, Consumer<Batch> out)
            throws ExecutionException, InterruptedException {
        int count = pages.pageCount();
        int taken = 0;
        while (taken < count) {
            int size = Math.min(BATCH_PAGES, count - taken);
            long[] indexes = new long[size];
            byte[][] images = new byte[size][];
            String[] texts = new String[size];
            for (int row = 0; row < size; ) {
                int claimed = window.renderOrTake();
                if (claimed == PageWindow.TAKE) {
                    PdfPages.Page page = window.take();
                    indexes[row] = taken++;
                    images[row] = page.png();
                    texts[row] = page.text();
                    row++;
                } else {
                    window.put(claimed, pages.render(claimed));
                }
            }
            out.accept(Batch.builder().column(PAGE_INDEX, indexes).column(IMAGE, images).column(TEXT, texts).build());
        }
    }

    /** A helper thread's work: its own copy of the file, rendering pages until none are left. */
    private static void renderPages(Path file, int dpi, PageWindow window) {
        try (PdfPages pages = PdfPages.open(file, dpi)) {
            for (int index = window.claim(); index != PageWindow.NONE; index = window.claim()) {
                window.put(index, pages.render(index));
            }
        } catch (Throwable e) { // everything, OutOfMemoryError included, must reach the handing-on thread
            window.fail(e);
        }
    }

    /** @return a helper thread's failure as the calling thread throws it */
    private static IOException rethrow(Path file, Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof IOException e) {
            return e;
        }
        throw new IngestError(file + ": rendering failed: " + failure, failure);
    }

    /**
     * Waits for the helpers to finish the page each is on, so that no thread still reads the file
     * once this call returns; an interrupt is kept for the caller.
     */
    private static void joinUninterruptibly(List<Thread> helpers) {
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (helper.isAlive()) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

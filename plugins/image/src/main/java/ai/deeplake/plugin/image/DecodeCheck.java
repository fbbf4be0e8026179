package ai.deeplake.plugin.image;

import ai.deeplake.api.IngestError;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image bytes once and drops the result, to prove they are an image.
 *
 * <p>The readers come from a registry of this class's own, not from ImageIO's shared one. The shared
 * registry finds plug-in readers with the thread context class loader, which inside a pf4j plugin is
 * the host's and never sees the TwelveMonkeys readers packed in this plugin's jar. Registering them
 * into the shared registry by hand would work, but would hand this plugin's classes to every ImageIO
 * user in the JVM (keeping them after the plugin is unloaded) and change how the host reads every
 * JPEG. So the private registry holds the JDK's own readers, taken from the shared registry (which
 * always has them, whatever the class loader), and new instances of the TwelveMonkeys readers.
 * TwelveMonkeys' JPEG reader must be registered, not just created: on registration it takes the JDK's
 * JPEG reader from the same registry as its delegate and orders itself before it.
 */
final class DecodeCheck {
    /** The JDK formats the plugin's extensions name; its TIFF and WBMP readers are left out. */
    private static final Set<String> JDK_FORMATS = Set.of("jpeg", "png", "gif", "bmp");
    /** The readers, in the order they are asked whether they recognise the bytes. */
    private static final List<ImageReaderSpi> READERS = readers();

    private DecodeCheck() {}

    private static List<ImageReaderSpi> readers() {
        ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        IIORegistry.getDefaultInstance()
                .getServiceProviders(ImageReaderSpi.class, DecodeCheck::isJdkReaderWanted, false)
                .forEachRemaining(spi -> registry.registerServiceProvider(spi, ImageReaderSpi.class));
        registry.registerServiceProvider(new JPEGImageReaderSpi(), ImageReaderSpi.class);
        registry.registerServiceProvider(new WebPImageReaderSpi(), ImageReaderSpi.class);
        // A snapshot, so that worker threads share an immutable list rather than the registry.
        List<ImageReaderSpi> readers = new ArrayList<>();
        registry.getServiceProviders(ImageReaderSpi.class, true).forEachRemaining(readers::add);
        return List.copyOf(readers);
    }

    /**
     * Only java.desktop's readers: a host with TwelveMonkeys (or any other reader) on its own class path
     * must not change what this plugin accepts.
     */
    private static boolean isJdkReaderWanted(Object provider) {
        ImageReaderSpi spi = (ImageReaderSpi) provider;
        return spi.getClass().getModule() == ImageIO.class.getModule()
                && Arrays.stream(spi.getFormatNames()).anyMatch(name -> JDK_FORMATS.contains(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Decodes the first image in {@code bytes}, subsampled when it has more than {@code maxPixels}
     * pixels, and drops it.
     *
     * @param file the file the bytes come from, named in errors
     * @throws IngestError when the bytes are empty, no reader recognises them, or their reader fails
     * @throws IOException never in practice: only closing the in-memory stream declares it
     */
    static void check(byte[] bytes, Path file, long maxPixels) throws IOException {
        if (bytes.length == 0) {
            throw new IngestError("Not an image: " + file + " is empty");
        }
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            ImageReaderSpi spi = recognise(in, file);
            String format = spi.getFormatNames()[0].toUpperCase(Locale.ROOT);
            ImageReader reader = null;
            try {
                reader = spi.createReaderInstance();
                reader.setInput(in, true, true);
                reader.read(0, subsampled(reader, maxPixels));
            } catch (IOException | RuntimeException e) {
                throw new IngestError("Not a valid " + format + " image: " + file + ": " + why(e), e);
            } finally {
                if (reader != null) {
                    reader.dispose();
                }
            }
        }
    }

    private static ImageReaderSpi recognise(ImageInputStream in, Path file) {
        for (ImageReaderSpi spi : READERS) {
            if (recognises(spi, in)) {
                return spi;
            }
        }
        throw new IngestError("Not an image: " + file + " is not JPEG, PNG, GIF, BMP or WebP");
    }

    /** As ImageIO does, a reader that fails to look (on bytes shorter than its signature) says no. */
    private static boolean recognises(ImageReaderSpi spi, ImageInputStream in) {
        try {
            in.mark();
            try {
                return spi.canDecodeInput(in);
            } finally {
                in.reset();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Compressed rows are decoded from all the data before them, so a subsampled read of a PNG, GIF,
     * JPEG or WebP still fails on data cut short or broken. The JDK's BMP reader reads just the rows it
     * samples and ignores the end of the data, so a subsampled BMP is not checked for being cut short.
     */
    private static ImageReadParam subsampled(ImageReader reader, long maxPixels) throws IOException {
        double pixels = (double) reader.getWidth(0) * reader.getHeight(0);
        int period = (int) Math.ceil(Math.sqrt(pixels / maxPixels));
        ImageReadParam param = reader.getDefaultReadParam();
        if (period > 1) {
            param.setSourceSubsampling(period, period, 0, 0);
        }
        return param;
    }

    /** @return the messages of {@code e} and its causes, since readers wrap the telling one */
    private static String why(Throwable e) {
        StringBuilder why = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage()
                    : t instanceof EOFException ? "the data ends too early" : t.getClass().getSimpleName();
            if (why.indexOf(message) < 0) {
                why.append(why.length() == 0 ? "" : ": ").append(message);
            }
        }
        return why.toString();
    }
}

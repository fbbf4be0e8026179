/**
 * The image plugin ({@code deeplake-plugin-image}): a {@link ai.deeplake.api.Chunker} that stores each
 * {@code .jpg .jpeg .png .gif .bmp .webp} file unchanged as one IMAGE value, after checking that it
 * decodes, with the JDK's readers and the TwelveMonkeys JPEG and WebP readers packed in the plugin.
 */
package ai.deeplake.plugin.image;

/**
 * The video plugin ({@code deeplake-plugin-video}): a {@link ai.deeplake.api.Chunker} that cuts
 * {@code .mp4 .mov .avi .mkv .webm} files into 10-second clips with a JPEG thumbnail each, by running
 * ffmpeg (stream copies where the container allows, no re-encoding).
 */
package ai.deeplake.plugin.video;

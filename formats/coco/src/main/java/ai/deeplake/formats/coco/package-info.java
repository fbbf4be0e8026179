/**
 * The COCO format plugin ({@code deeplake-format-coco}): {@link ai.deeplake.formats.coco.Coco} reads a
 * COCO instances (and captions) split into rows with the image, a mask of category ids drawn from the
 * polygons and run-length encodings, and the annotations; {@link ai.deeplake.formats.coco.CocoPanoptic}
 * reads a panoptic split with its PNG masks. Both are offered by id ({@code coco},
 * {@code coco-panoptic}) through {@link ai.deeplake.api.FormatFactory} extensions.
 */
package ai.deeplake.formats.coco;

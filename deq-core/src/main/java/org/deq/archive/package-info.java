/**
 * Archive readers: BigEarthNet v1/v2, SSL4EO-S12 Sentinel-2 date folders, multi-band GeoTIFF folders, class-per-folder
 * image sets, label files and nomenclatures.
 *
 * <p>{@link org.deq.archive.Archives#open} recognises a layout from the folder given and the names one and two levels
 * below it (the order is documented there): a patch folder on its own, a folder of patch folders (BigEarthNet v1, a v2
 * tile folder, an SSL4EO-S12 location folder), a folder of those (a v2 archive, an SSL4EO-S12 modality folder), else
 * pictures. Folders that hold archives rather than patches, such as a BigEarthNet v2.0 download folder with both
 * modalities, are refused in one line naming the folder to give. {@link org.deq.archive.Archives#readPatch} reads any
 * single patch folder, GeoTIFF or picture, e.g. a query example.
 *
 * <p>Large GeoTIFF scenes are archives too, cut into square patches by {@link org.deq.archive.SceneTiles} ({@code deq
 * index --tile}); {@link org.deq.archive.PatchWindows} reads any image a window at a time for maps. Both decode a scene
 * window by window ({@link org.deq.raster.GeoTiffScene}), and {@link org.deq.archive.Archives#readSource} reads any
 * stored patch again from the source its index entry records.
 */
package org.deq.archive;

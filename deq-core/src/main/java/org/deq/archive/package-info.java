/** Archive readers: BigEarthNet v1/v2, multi-band GeoTIFF folders, class-per-folder image sets, label files and nomenclatures. */
package org.deq.archive;

package org.deq.raster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.BitSet;

/**
 * Decodes a window of a TIFF's first image ({@link TiffBlocks}) as a raster: its samples read as colours ({@link
 * TiffColours}), and an alpha sample or GDAL's internal mask taken out of its bands as the pixels it marks transparent
 * (alpha or mask 0), so that neither is read as one more spectral band.
 */
final class TiffWindow {

    private TiffWindow() {
    }

    /** The {@code w x h} window at column {@code x}, row {@code y} (inside the image) of {@code layout}'s image. */
    static GeoRaster read(FileChannel channel, TiffLayout layout, int x, int y, int w, int h) throws IOException {
        float[][] samples = TiffBlocks.read(channel, layout, x, y, w, h);
        BitSet transparent = new BitSet();
        float[][] bands = samples;
        if (layout.alpha() >= 0) {
            markZeros(samples[layout.alpha()], transparent);
            bands = new float[samples.length - 1][];
            for (int s = 0, b = 0; s < samples.length; s++) {
                if (s != layout.alpha()) {
                    bands[b++] = samples[s];
                }
            }
        }
        if (layout.mask() != null) {
            markZeros(TiffBlocks.read(channel, layout.mask(), x, y, w, h)[0], transparent);
        }
        GeoTiffTags tags = layout.tags();
        int n = layout.bands();
        GeoRef geo = tags.geoRef();
        return new GeoRaster(w, h, layout.colours().apply(bands, layout.sampleType()), layout.valueType(),
                geo == null ? null : geo.window(x, y), tags.descriptions(n), tags.scale(n), tags.processingLevel(), transparent);
    }

    private static void markZeros(float[] values, BitSet out) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == 0f) {
                out.set(i);
            }
        }
    }
}

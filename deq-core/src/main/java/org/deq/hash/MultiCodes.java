package org.deq.hash;

/**
 * Several codes per image, one per primitive cluster the image has regions in: the codes of image i are entries
 * {@code imageStart[i] .. imageStart[i+1]}, in ascending {@code cluster} order, each {@code words} longs of {@code codes}.
 */
public record MultiCodes(int bits, int[] imageStart, int[] cluster, long[] codes) {

    public MultiCodes {
        int entries = imageStart.length == 0 ? -1 : imageStart[imageStart.length - 1];
        if (entries != cluster.length || (long) entries * Codes.words(bits) != codes.length) {
            throw new IllegalArgumentException("multi-code arrays disagree: " + cluster.length + " clusters, "
                    + codes.length + " longs, " + entries + " entries");
        }
    }

    /** Number of images. */
    public int images() {
        return imageStart.length - 1;
    }

    /** Longs per code. */
    public int words() {
        return Codes.words(bits);
    }
}

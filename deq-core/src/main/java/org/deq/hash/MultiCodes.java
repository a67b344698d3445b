package org.deq.hash;

import java.util.Arrays;

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

    /** These images followed by those of {@code more} (same code length): the codes after an add. */
    public MultiCodes append(MultiCodes more) {
        if (more.bits != bits) {
            throw new IllegalArgumentException("cannot append " + more.bits + "-bit multi-codes to " + bits + "-bit ones");
        }
        int images = images();
        int entries = cluster.length;
        int[] start = Arrays.copyOf(imageStart, images + more.images() + 1);
        for (int i = 1; i <= more.images(); i++) {
            start[images + i] = entries + more.imageStart[i];
        }
        int[] clusters = Arrays.copyOf(cluster, entries + more.cluster.length);
        System.arraycopy(more.cluster, 0, clusters, entries, more.cluster.length);
        long[] all = Arrays.copyOf(codes, codes.length + more.codes.length);
        System.arraycopy(more.codes, 0, all, codes.length, more.codes.length);
        return new MultiCodes(bits, start, clusters, all);
    }
}

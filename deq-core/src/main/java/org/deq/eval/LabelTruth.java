package org.deq.eval;

import java.util.Arrays;

/**
 * Immutable ground truth of an archive: a label set per item (packed as bit sets) and, for single-label truth,
 * a class id per item. Items are addressed by ordinal 0..size-1.
 */
public final class LabelTruth {

    /** The class id of an item without a label in single-label truth. */
    public static final int NO_CLASS = -1;

    private final int size;
    private final int labelCount;
    private final int words;
    private final long[] bits;
    private final int[] setSizes;
    private final int[] classes;
    private final boolean multiLabel;

    private LabelTruth(int[][] labels, int labelCount, int[] classes, boolean multiLabel) {
        if (labelCount < 1) {
            throw new IllegalArgumentException("label count must be at least 1, got " + labelCount);
        }
        if (classes != null && classes.length != labels.length) {
            throw new IllegalArgumentException("class ids for " + classes.length + " items but labels for " + labels.length);
        }
        this.size = labels.length;
        this.labelCount = labelCount;
        this.words = (labelCount + 63) >>> 6;
        this.bits = new long[size * words];
        this.setSizes = new int[size];
        for (int item = 0; item < size; item++) {
            for (int label : labels[item]) {
                if (label < 0 || label >= labelCount) {
                    throw new IllegalArgumentException("item " + item + ": label id " + label + " outside 0.." + (labelCount - 1));
                }
                bits[item * words + (label >>> 6)] |= 1L << label;
            }
            for (int w = 0; w < words; w++) {
                setSizes[item] += Long.bitCount(bits[item * words + w]);
            }
        }
        this.classes = classes == null ? null : classes.clone();
        this.multiLabel = multiLabel;
    }

    /**
     * Single-label truth: one class id (0-based) per item, its label set that one class; {@link #NO_CLASS} for an item
     * without a label, which is relevant to no query (and left out of the queries, {@link EvalSets}).
     */
    public static LabelTruth singleLabel(int[] classIds) {
        checkClasses(classIds);
        int[][] labels = new int[classIds.length][];
        int max = -1;
        for (int item = 0; item < classIds.length; item++) {
            labels[item] = classIds[item] == NO_CLASS ? new int[0] : new int[] {classIds[item]};
            max = Math.max(max, classIds[item]);
        }
        return new LabelTruth(labels, max + 1, classIds, false);
    }

    /** Multi-label truth: label ids in 0..labelCount-1 per item; relevance is sharing at least one label. */
    public static LabelTruth multiLabel(int[][] labels, int labelCount) {
        return new LabelTruth(labels, labelCount, null, true);
    }

    /** Multi-label truth with a class per item too (UC Merced): relevance is the class, label measures use the sets. */
    public static LabelTruth multiLabel(int[][] labels, int labelCount, int[] classIds) {
        checkClasses(classIds);
        return new LabelTruth(labels, labelCount, classIds, true);
    }

    private static void checkClasses(int[] classIds) {
        for (int item = 0; item < classIds.length; item++) {
            if (classIds[item] < NO_CLASS) {
                throw new IllegalArgumentException("item " + item + ": class id " + classIds[item] + " is negative (-1: no class)");
            }
        }
    }

    /** Number of items. */
    public int size() {
        return size;
    }

    /** Number of distinct labels the items carry (L of the Hamming loss): those stored, not a whole nomenclature's. */
    public int labelCount() {
        return labelCount;
    }

    /** Whether items carry class ids, which then define relevance. */
    public boolean hasClasses() {
        return classes != null;
    }

    /** Whether the label sets are real multi-label sets (not one class each), so label-level measures apply. */
    public boolean isMultiLabel() {
        return multiLabel;
    }

    /** The label ids of an item, ascending. */
    public int[] labelsOf(int item) {
        int[] out = new int[setSizes[item]];
        int n = 0;
        for (int label = 0; label < labelCount; label++) {
            if ((bits[item * words + (label >>> 6)] & (1L << label)) != 0) {
                out[n++] = label;
            }
        }
        return out;
    }

    /** |L_item|. */
    public int labelSetSize(int item) {
        return setSizes[item];
    }

    /** |L_a ∩ L_b|. */
    public int overlap(int a, int b) {
        int offA = a * words;
        int offB = b * words;
        int common = 0;
        for (int w = 0; w < words; w++) {
            common += Long.bitCount(bits[offA + w] & bits[offB + w]);
        }
        return common;
    }

    /** Whether item r is relevant to query q: same class when classes are known, else at least one shared label. */
    public boolean relevant(int q, int r) {
        return classes != null ? classes[q] != NO_CLASS && classes[q] == classes[r] : overlap(q, r) > 0;
    }

    /** The stratum of an item for a per-class split: its class, else its lowest label id, else -1 (no label, no class). */
    public int stratum(int item) {
        if (classes != null) {
            return classes[item];
        }
        for (int w = 0; w < words; w++) {
            long word = bits[item * words + w];
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "LabelTruth[" + size + " items, " + labelCount + " labels" + (classes != null ? ", classes" : "")
                + (multiLabel ? ", multi-label" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelTruth t && t.labelCount == labelCount && t.multiLabel == multiLabel
                && Arrays.equals(t.bits, bits) && Arrays.equals(t.classes, classes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bits) + Arrays.hashCode(classes);
    }
}

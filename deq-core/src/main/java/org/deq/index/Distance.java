package org.deq.index;

import org.deq.spec.EnumNames;
import org.deq.vectors.PackedVectors;

/**
 * Distances between descriptors held in packed {@code float[]} arrays.
 *
 * <p>{@link #distance} returns the value used for ranking, which for {@link #L2} is the squared distance (same order,
 * no square root per item); {@link #report} turns a ranking value into the true distance shown to users.
 */
public enum Distance {

    /** Euclidean distance; ranks by its square. */
    L2 {
        @Override
        public float distance(float[] q, float[] data, int offset, int dim) {
            return PackedVectors.sqDistance(q, 0, data, offset, dim);
        }

        @Override
        public float distanceAtMost(float[] q, float[] data, int offset, int dim, float limit) {
            return PackedVectors.sqDistanceAtMost(q, 0, data, offset, dim, limit);
        }

        @Override
        public boolean stopsEarly() {
            return true;
        }

        @Override
        public float report(float rankingValue) {
            return (float) Math.sqrt(rankingValue);
        }
    },

    /** Manhattan distance. */
    L1 {
        @Override
        public float distance(float[] q, float[] data, int offset, int dim) {
            return PackedVectors.l1Distance(q, 0, data, offset, dim);
        }

        @Override
        public float distanceAtMost(float[] q, float[] data, int offset, int dim, float limit) {
            return PackedVectors.l1DistanceAtMost(q, 0, data, offset, dim, limit);
        }

        @Override
        public boolean stopsEarly() {
            return true;
        }
    },

    /** Chi-squared histogram distance {@code 0.5 * sum (a-b)^2 / (a+b)}, bins where {@code a+b <= 0} contribute nothing. */
    CHI2 {
        @Override
        public float distance(float[] q, float[] data, int offset, int dim) {
            return PackedVectors.chi2DistanceAtMost(q, 0, data, offset, dim, Float.POSITIVE_INFINITY);
        }

        @Override
        public float distanceAtMost(float[] q, float[] data, int offset, int dim, float limit) {
            return PackedVectors.chi2DistanceAtMost(q, 0, data, offset, dim, limit);
        }

        @Override
        public boolean stopsEarly() {
            return true;
        }
    },

    /** Cosine distance {@code 1 - cos}; a zero vector is at distance 1 from everything. */
    COSINE {
        @Override
        public float distance(float[] q, float[] data, int offset, int dim) {
            return PackedVectors.cosineDistance(q, 0, data, offset, dim);
        }
    };

    /** The ranking value between {@code q[0..dim)} and {@code data[offset..offset+dim)}; smaller is closer. */
    public abstract float distance(float[] q, float[] data, int offset, int dim);

    /**
     * The ranking value when it is at most {@code limit}, bit for bit equal to {@link #distance}; beyond it, a distance that
     * {@link #stopsEarly} may give a lower bound above {@code limit} from a part of the row. By default, the full value.
     */
    public float distanceAtMost(float[] q, float[] data, int offset, int dim, float limit) {
        return distance(q, data, offset, dim);
    }

    /**
     * Whether {@link #distanceAtMost} can stop before the end of a row (a sum of non-negative terms: L2, L1, χ²; not
     * cosine, whose normalisation needs the whole row).
     */
    public boolean stopsEarly() {
        return false;
    }

    /** The true distance for a ranking value (identity except for L2, which ranks by the square). */
    public float report(float rankingValue) {
        return rankingValue;
    }

    /** Parses a distance name, case-insensitively ({@code l2}, {@code l1}, {@code chi2}, {@code cosine}). */
    public static Distance parse(String name) {
        return EnumNames.parse(Distance.class, name, "distance");
    }
}

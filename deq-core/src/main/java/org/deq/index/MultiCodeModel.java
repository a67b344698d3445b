package org.deq.index;

/**
 * What a stored multi-code hashing model is: its number of primitive clusters and the spec of the encoder of its
 * codes (trained on the cluster means, not the index's single-code encoder, whose spec it was given when trained).
 *
 * @param clusters primitive clusters
 * @param codes    spec of the code encoder, e.g. {@code lsh:bits=32}
 */
public record MultiCodeModel(int clusters, String codes) {

    @Override
    public String toString() {
        return clusters + " clusters, " + codes + " codes";
    }
}

package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.deq.index.Distance;
import org.deq.store.StoreConfig;
import org.junit.jupiter.api.Test;

/** An uploaded example is refined only by an index that describes images as it was described. */
class ResultListsTest {

    @Test
    void anUploadIsDescribedAlikeOnlyBySameSpecLengthAndFittedState() {
        StoreConfig built = new StoreConfig("sift-bovw:words=64", Distance.L1, 64, new byte[] {1, 2, 3});
        ResultLists.Upload upload = new ResultLists.Upload("mine.png", new float[64], built);
        assertThat(upload.describedAlikeBy(new StoreConfig("sift-bovw:words=64", Distance.L2, 64, new byte[] {1, 2, 3})))
                .as("another distance ranks the same descriptor").isTrue();
        assertThat(upload.describedAlikeBy(new StoreConfig("sift-bovw:words=64", Distance.L1, 64, new byte[] {1, 2, 4})))
                .as("the folder built again fitted another codebook").isFalse();
        assertThat(upload.describedAlikeBy(new StoreConfig("hsv-hist:h=8,s=4,v=4", Distance.L1, 128, new byte[0]))).isFalse();
    }
}

package org.deq.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.raster.Patch;
import org.deq.synth.SyntheticArchive;
import org.deq.synth.SyntheticArchiveSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store is created only with a config its descriptor can fill: fitted state present, dimension the descriptor's. */
class StoreConfigTest {

    private static final SyntheticArchive ARCHIVE = new SyntheticArchive(new SyntheticArchiveSpec(3, 6, 0, false));

    @TempDir
    Path tmp;

    private static Descriptor fittedSift() throws IOException {
        return Ingest.fit(DescriptorSpecs.parse("sift-bovw:k=8,step=16"), ARCHIVE, 6, 1);
    }

    @Test
    void aSpecThatNeedsFittingIsRefusedWithoutItsState() {
        Path dir = tmp.resolve("sift");
        assertThatThrownBy(() -> IndexStore.create(dir, new StoreConfig("sift-bovw:k=8,step=16", Distance.L1, 8, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("descriptor sift-bovw:k=8,step=16,pyramid=0,scales=4 needs fitting and no fitted state is given:"
                        + " create the store with IndexStore.create(dir, fitted, distance)");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aDimensionOtherThanTheDescriptorsIsRefused() throws IOException {
        assertThatThrownBy(() -> IndexStore.create(tmp.resolve("hsv"), new StoreConfig("hsv-hist", Distance.L1, 7, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension 7 does not match descriptor hsv-hist:h=8,s=4,v=4, whose vectors have 128 values");
        // a fitted descriptor's dimension comes from its restored state
        Descriptor sift = fittedSift();
        StoreConfig wrong = new StoreConfig(sift.spec(), Distance.L1, sift.dimension() + 1, DescriptorSpecs.state(sift));
        assertThatThrownBy(() -> IndexStore.create(tmp.resolve("sift"), wrong))
                .hasMessage("dimension 9 does not match descriptor " + sift.spec() + ", whose vectors have 8 values");
    }

    @Test
    void aTruncatedStateIsOneLineNamingTheSpec() throws IOException {
        Descriptor sift = fittedSift();
        byte[] state = DescriptorSpecs.state(sift);
        StoreConfig cut = new StoreConfig(sift.spec(), Distance.L1, sift.dimension(), Arrays.copyOf(state, state.length / 2));
        assertThatThrownBy(() -> IndexStore.create(tmp.resolve("cut"), cut)).isInstanceOf(IOException.class)
                .hasMessage("descriptor state of " + sift.spec() + " is missing or truncated");
    }

    @Test
    void createFromAFittedDescriptorStoresItsStateAndDimension() throws IOException {
        Descriptor sift = fittedSift();
        Patch patch = ARCHIVE.iterator().next().read();
        try (IndexStore store = IndexStore.create(tmp.resolve("sift"), sift, Distance.L2)) {
            assertThat(store.config().dimension()).isEqualTo(sift.dimension());
            assertThat(store.config().distance()).isEqualTo(Distance.L2);
            assertThat(store.config().restoreDescriptor().describe(patch)).containsExactly(sift.describe(patch));
        }
        assertThatThrownBy(() -> IndexStore.create(tmp.resolve("unfitted"), DescriptorSpecs.parse("sift-bovw:k=8"), Distance.L1))
                .hasMessage("descriptor sift-bovw:k=8,step=8,pyramid=0,scales=4 is not fitted: fit it first (Ingest.fit)");
    }

    @Test
    void vectorsDescribedOutsideDeqKeepTheirName() throws IOException {
        try (IndexStore store = IndexStore.create(tmp.resolve("own"), new StoreConfig("my-embedding", Distance.COSINE, 3, null))) {
            assertThat(store.config().descriptorSpec()).isEqualTo("my-embedding");
        }
        // a known kind beside an unknown one is a typo, refused before anything is created
        assertThatThrownBy(() -> IndexStore.create(tmp.resolve("typo"), new StoreConfig("hsv-hist:h=16,s=8,v=8+lpb", Distance.L1, 10,
                null))).hasMessageStartingWith("unknown descriptor 'lpb' (valid: ");
        assertThat(tmp.resolve("typo")).doesNotExist();
    }
}

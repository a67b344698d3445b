package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deq.index.Distance;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.store.StoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tail of each archive folder, in name order, whatever order the items were stored in. */
class ArchiveOrderSplitTest {

    @TempDir
    Path tmp;

    @Test
    void holdsOutTheLastItemsOfEachFolder() throws Exception {
        List<String> sources = List.of("/a/forest/f03.jpg", "/a/forest/f01.jpg", "/a/beach/b01.jpg", "/a/forest/f02.jpg",
                "/a/forest/f00.jpg", "/a/beach/b00.jpg");
        try (IndexStore store = IndexStore.create(tmp.resolve("i"), new StoreConfig("test", Distance.L2, 1, new byte[0]));
             StoreWriter w = store.writer()) {
            for (int i = 0; i < sources.size(); i++) {
                w.add(new PatchMeta("p" + i, sources.get(i), null, null, List.of(), Set.of()), new float[] {i});
            }
            w.commit();
            // forest: f03 (stored first); beach: b01, a quarter of two items rounding to one
            assertThat(ArchiveOrderSplit.heldOut(store, 25)).containsExactly(true, false, true, false, false, false);
            // forest: f02 and f03
            assertThat(ArchiveOrderSplit.heldOut(store, 50)).containsExactly(true, false, true, true, false, false);
            assertThatThrownBy(() -> ArchiveOrderSplit.heldOut(store, 100)).hasMessageContaining("1..99 %");
        }
    }

    @Test
    void numbersInNamesCompareByValue() {
        List<String> names = new java.util.ArrayList<>(List.of("AnnualCrop_10.tif", "AnnualCrop_9.tif", "AnnualCrop_100.tif",
                "AnnualCrop_1.tif", "forest07.jpg", "forest10.jpg"));
        names.sort(ArchiveOrderSplit::compareNatural);
        assertThat(names).containsExactly("AnnualCrop_1.tif", "AnnualCrop_9.tif", "AnnualCrop_10.tif", "AnnualCrop_100.tif",
                "forest07.jpg", "forest10.jpg");
        assertThat(ArchiveOrderSplit.compareNatural("a007", "a7")).isZero();
    }
}

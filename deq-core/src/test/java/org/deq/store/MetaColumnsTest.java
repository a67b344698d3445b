package org.deq.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.util.BytesRef;
import org.deq.raster.PatchMeta;
import org.junit.jupiter.api.Test;

/** A row's names are kept as Lucene's sorted-set doc values keep them, so a reopened store numbers them alike. */
class MetaColumnsTest {

    private static PatchMeta labelled(String id, List<String> labels, Set<String> flags) {
        return new PatchMeta(id, "s", null, null, labels, flags);
    }

    @Test
    void namesAreKeptOnceInUtf8ByteOrderWhateverOrderTheyWereListedIn() {
        MetaColumns columns = MetaColumns.of(List.of(
                labelled("a", List.of("Pastures", "Mixed forest", "Pastures"), Set.of("snow", "cloud")),
                labelled("b", List.of("Water bodies", "Arable land"), Set.of("cloud"))));
        assertThat(columns.labelCount()).isEqualTo(4);
        assertThat(List.of(columns.labelName(0), columns.labelName(1), columns.labelName(2), columns.labelName(3)))
                .containsExactly("Mixed forest", "Pastures", "Arable land", "Water bodies");
        assertThat(columns.labelIds(0)).containsExactly(0, 1);
        assertThat(columns.labelIds(1)).containsExactly(2, 3);
        assertThat(columns.flagName(0)).isEqualTo("cloud");
        assertThat(columns.flagId("snow")).isEqualTo(1);
    }

    @Test
    void utf8OrderIsLucenesByteOrderNotJavasCharOrder() {
        // U+1F332 (a surrogate pair in UTF-16, 4 bytes in UTF-8) sorts after U+FF21 in UTF-8, before it in UTF-16
        List<String> names = new ArrayList<>(List.of("\uD83C\uDF32 trees", "\uFF21 wide", "forest", "fore", "Forest", ""));
        names.sort(MetaColumns.UTF8_ORDER);
        List<String> bytes = new ArrayList<>(names);
        bytes.sort((a, b) -> new BytesRef(a).compareTo(new BytesRef(b)));
        assertThat(names).isEqualTo(bytes).containsExactly("", "Forest", "fore", "forest", "\uFF21 wide", "\uD83C\uDF32 trees");
    }

    @Test
    void aDocumentStoresItsFlagsInOneOrderWhateverTheSetsOrder() {
        Set<String> flags = Set.of("snow", "cloud", "shadow", "level-1c", "saturated", "haze", "dust", "burned");
        String[] stored = PatchDocuments.document(labelled("p", List.of(), flags), 0).getValues("flag");
        assertThat(stored).containsExactly("burned", "cloud", "dust", "haze", "level-1c", "saturated", "shadow", "snow");
    }
}

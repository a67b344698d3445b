package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deq.TestData;
import org.deq.raster.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UcMercedMultiLabelsTest {

    @Test
    void realFileHas2100RowsAndThePublishedCounts() throws Exception {
        Path file = TestData.require("uc-merced-landuse/multilabels/LandUse_Multilabeled.txt");
        UcMercedMultiLabels t = UcMercedMultiLabels.read(file);
        assertThat(t.byImage()).hasSize(2100);
        assertThat(t.labelNames()).hasSize(17).startsWith("airplane", "bare-soil").endsWith("water");
        // counts from SOURCE.md
        int[] expected = {100, 718, 691, 886, 115, 105, 100, 103, 975, 102, 1300, 294, 100, 102, 100, 1009, 203};
        for (int i = 0; i < expected.length; i++) {
            assertThat(t.count(t.labelNames().get(i))).as(t.labelNames().get(i)).isEqualTo(expected[i]);
        }
        int total = 0;
        for (List<String> labels : t.byImage().values()) {
            assertThat(labels.size()).isBetween(1, 7);
            total += labels.size();
        }
        assertThat(total / 2100.0).isCloseTo(3.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(t.byImage().get("agricultural00")).containsExactly("field", "trees");
    }

    @Test
    void malformedLineGivesItsNumber(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("labels.txt");
        Files.writeString(file, "IMAGE\\LABEL\ta\tb\r\nx00\t0\t1\r\nx01\t0\t2\r\n");
        assertThatThrownBy(() -> UcMercedMultiLabels.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": line 3: value '2' for b is not 0 or 1");
        Files.writeString(file, "IMAGE\\LABEL\ta\tb\r\nx00\t0\r\n");
        assertThatThrownBy(() -> UcMercedMultiLabels.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": line 2: 2 columns, expected 3");
        Files.writeString(file, "name\ta\n");
        assertThatThrownBy(() -> UcMercedMultiLabels.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": line 1:");
    }
}

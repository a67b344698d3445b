package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deq.TestData;
import org.deq.raster.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelMatrixTest {

    @TempDir
    Path dir;

    @Test
    void readsCrlfMatrix() throws Exception {
        Path file = dir.resolve("labels.txt");
        Files.writeString(file, "IMAGE\\LABEL\ta\tb\tc\r\nx00\t1\t0\t1\r\nx01\t0\t0\t0\r\n");
        LabelMatrix matrix = LabelMatrix.read(file);
        assertThat(matrix.labelNames()).containsExactly("a", "b", "c");
        assertThat(matrix.itemIds()).containsExactly("x00", "x01");
        assertThat(matrix.rowOf("x01")).isEqualTo(1);
        assertThat(matrix.rowOf("nope")).isEqualTo(-1);
        LabelTruth truth = matrix.truth();
        assertThat(truth.labelsOf(0)).containsExactly(0, 2);
        assertThat(truth.labelsOf(1)).isEmpty();
        assertThat(truth.labelCount()).isEqualTo(3);
    }

    @Test
    void badCellNamesFileLineAndLabel() throws Exception {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "IMAGE\\LABEL\ta\tb\nx00\t1\t2\n");
        assertThatThrownBy(() -> LabelMatrix.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": line 2, label 'b': expected 0 or 1, got '2'");
    }

    @Test
    void shortRowNamesLine() throws Exception {
        Path file = dir.resolve("short.txt");
        Files.writeString(file, "IMAGE\\LABEL\ta\tb\nx00\t1\n");
        assertThatThrownBy(() -> LabelMatrix.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 2: expected 3 tab-separated fields, got 2");
    }

    @Test
    void readsRealUcMercedMultiLabels() throws Exception {
        Path ucm = TestData.require("uc-merced-landuse");
        LabelMatrix matrix = LabelMatrix.read(ucm.resolve("multilabels/LandUse_Multilabeled.txt"));
        assertThat(matrix.itemIds()).hasSize(2100).startsWith("agricultural00");
        assertThat(matrix.labelNames()).hasSize(17).startsWith("airplane", "bare-soil");
        LabelTruth truth = matrix.truth();
        int[] perLabel = new int[17];
        long labelSum = 0;
        for (int item = 0; item < truth.size(); item++) {
            for (int label : truth.labelsOf(item)) {
                perLabel[label]++;
            }
            labelSum += truth.labelSetSize(item);
            assertThat(truth.labelSetSize(item)).isBetween(1, 7);
        }
        // images per label as listed in SOURCE.md
        assertThat(perLabel).containsExactly(100, 718, 691, 886, 115, 105, 100, 103, 975, 102, 1300, 294, 100, 102, 100, 1009, 203);
        assertThat(labelSum / 2100.0).isBetween(3.32, 3.34);
    }
}

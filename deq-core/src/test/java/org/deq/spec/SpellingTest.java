package org.deq.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {

    @Test
    void editDistance() {
        assertThat(Spelling.distance("spark.executor.memroy", "spark.executor.memory")).isEqualTo(2);
        assertThat(Spelling.distance("abc", "abc")).isZero();
        assertThat(Spelling.distance("", "ab")).isEqualTo(2);
    }

    @Test
    void nearestPrefersTheSameNameInAnotherCaseThenTheFewestEdits() {
        List<String> labels = List.of("Pasture", "Pastures", "Water bodies");
        assertThat(Spelling.nearest("pastures", labels, 2)).isEqualTo("Pastures");
        assertThat(Spelling.nearest("Water bodys", labels, 2)).isEqualTo("Water bodies");
        assertThat(Spelling.nearest("Forest", labels, 2)).isNull();
        assertThat(Spelling.nearest("Pastur", labels, 0)).isNull();
    }
}

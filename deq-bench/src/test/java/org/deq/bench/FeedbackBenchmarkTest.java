package org.deq.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedbackBenchmarkTest {

    @Test
    void timesEveryStageOfARoundOnReproducibleData() {
        assertThat(FeedbackBenchmark.clusteredVectors(100, 4, 3)).containsExactly(FeedbackBenchmark.clusteredVectors(100, 4, 3));
        FeedbackBenchmark.Result r = FeedbackBenchmark.run(2000, 16, 5, 3, 3, 1);
        assertThat(r.n()).isEqualTo(2000);
        assertThat(r.centres()).isBetween(2, 17); // the query, 15 marks and the added query term at most
        assertThat(r.roundMs()).isPositive().isLessThanOrEqualTo(r.maxRoundMs());
        assertThat(r.trainMs() + r.scoreMs() + r.orderMs() + r.selectMs()).isPositive();
        assertThatThrownBy(() -> FeedbackBenchmark.run(10, 16, 5, 3, 3, 1)).hasMessageStartingWith("benchmark needs n >= 40");
    }
}

package org.deq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A speed-up line shows a ratio below 1 with its digits, not as 0.0x. */
class SpeedupLineTest {

    @Test
    void ratiosBelowOneKeepTwoSignificantDigits() {
        IndexBenchmark.Speedup s = new IndexBenchmark.Speedup("mih:codes-only", "hamming-scan:codes-only", 1000, 0.0312,
                new double[] {0.0312});
        assertThat(s.line()).isEqualTo("speed-up mih:codes-only over hamming-scan:codes-only at n=1000: 0.031x"
                + " (median of 1 paired pass: 0.031)");
        assertThat(IndexBenchmark.Speedup.ratio(12.34)).isEqualTo("12.3");
        assertThat(IndexBenchmark.Speedup.ratio(0.5)).isEqualTo("0.50");
    }
}

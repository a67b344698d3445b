package org.deq.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Overall accuracy and Cohen's kappa of confusion matrices worked out by hand. */
class AgreementTest {

    @Test
    void kappaIsAgreementBeyondChance() {
        long[] twoByTwo = {20, 5, 10, 15}; // po = 0.7, pe = (25 * 30 + 25 * 20) / 50^2 = 0.5
        assertThat(Agreement.overallAccuracy(twoByTwo, 2)).isCloseTo(0.7, offset(1e-12));
        assertThat(Agreement.kappa(twoByTwo, 2)).isCloseTo(0.4, offset(1e-12));
        long[] perfect = {3, 0, 0, 0, 4, 0, 0, 0, 5};
        assertThat(Agreement.kappa(perfect, 3)).isCloseTo(1, offset(1e-12));
        long[] constant = {0, 0, 0, 9}; // truth and prediction one class: chance explains everything
        assertThat(Agreement.overallAccuracy(constant, 2)).isEqualTo(1);
        assertThat(Agreement.kappa(constant, 2)).isNaN();
        assertThat(Agreement.overallAccuracy(new long[4], 2)).isNaN();
    }
}

package org.deq.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deq.index.Distance;
import org.junit.jupiter.api.Test;

class EnumNamesTest {

    private enum Method { BILINEAR, LOCAL_REGRESSION }

    @Test
    void namesAreLowerCaseWithHyphensAndParseIgnoringCaseAndBlanks() {
        assertThat(EnumNames.key(Method.LOCAL_REGRESSION)).isEqualTo("local-regression");
        assertThat(EnumNames.parse(Method.class, " Local-Regression ", "method")).isEqualTo(Method.LOCAL_REGRESSION);
        assertThat(EnumNames.parse(Distance.class, "CHI2", "distance")).isEqualTo(Distance.CHI2);
    }

    @Test
    void anythingElseIsOneLineListingTheNames() {
        assertThat(EnumNames.parse(Method.class, "local_regression", "method")).isEqualTo(Method.LOCAL_REGRESSION);
        assertThatThrownBy(() -> EnumNames.parse(Method.class, "regression", "method"))
                .hasMessage("unknown method 'regression'; expected bilinear or local-regression");
        assertThatThrownBy(() -> EnumNames.parse(Distance.class, null, "distance"))
                .hasMessage("unknown distance ''; expected l2, l1, chi2 or cosine");
    }
}

package org.deq.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deq.describe.DescriptorSpecs;
import org.deq.hash.Encoders;
import org.deq.index.SearchMethod;
import org.junit.jupiter.api.Test;

/** A trailing or doubled comma is an empty parameter, refused by every spec family rather than dropped. */
class SpecTokensTest {

    @Test
    void emptyParametersAreRefusedInEverySpecFamily() {
        assertThat(SpecTokens.split("x", "a=1,b=2")).containsExactly("a=1", "b=2");
        assertThatThrownBy(() -> Encoders.parse("lsh:bits=32,"))
                .hasMessage("hash spec 'lsh:bits=32,': empty parameter (a comma too many?)");
        assertThatThrownBy(() -> Encoders.parse("ksh:bits=32,,anchors=50")).hasMessageContaining("empty parameter");
        assertThatThrownBy(() -> SearchMethod.parse("two-stage:candidates=100,")).hasMessageContaining("empty parameter");
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist:bins=8,")).hasMessageContaining("empty parameter");
        assertThat(DescriptorSpecs.parse("lbp:radii=1,2").spec()).contains("radii=1,2");
    }
}

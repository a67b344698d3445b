package org.deq.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deq.describe.DescriptorSpecs;
import org.deq.hash.Encoders;
import org.deq.index.SearchMethod;
import org.junit.jupiter.api.Test;

/** One parameter grammar for every spec family: empty parameters, keys given twice and bad numbers refused alike. */
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

    @Test
    void keyValuesKeepOrderAndContinueListsOnlyWhereAsked() {
        assertThat(SpecTokens.keyValues("x", "b=2, a = 1", false)).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(SpecTokens.keyValues("x", "radii=1,2,3,power=0.5", true))
                .containsExactly(Map.entry("radii", "1,2,3"), Map.entry("power", "0.5"));
        assertThat(SpecTokens.keyValues("x", "", false)).isEmpty();
        assertThatThrownBy(() -> SpecTokens.keyValues("x", "radii=1,2", false)).hasMessage("x: expected key=value, got '2'");
        assertThatThrownBy(() -> SpecTokens.keyValues("x", "=1", true)).hasMessage("x: expected key=value, got '=1'");
    }

    @Test
    void aKeyGivenTwiceOrABadNumberIsOneLineInEverySpecFamily() {
        assertThatThrownBy(() -> Encoders.parse("lsh:bits=32,bits=64")).hasMessage("hash spec 'lsh:bits=32,bits=64': parameter bits given twice");
        assertThatThrownBy(() -> SearchMethod.parse("table:radius=1,radius=2")).hasMessageEndingWith("parameter radius given twice");
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist:h=8,h=4")).hasMessageContaining("parameter h given twice");
        assertThatThrownBy(() -> Encoders.parse("lsh:bits=x")).hasMessage("hash spec 'lsh:bits=x': bits=x is not a whole number");
        assertThatThrownBy(() -> SearchMethod.parse("two-stage:candidates=9999999999"))
                .hasMessage("search method 'two-stage:candidates=9999999999': candidates=9999999999 is beyond the whole numbers taken (at most 2147483647 either way)");
        assertThatThrownBy(() -> Encoders.parse("ksh:bits=32,anchors=9999999999")).hasMessage("hash spec"
                + " 'ksh:bits=32,anchors=9999999999': anchors=9999999999 is beyond the whole numbers taken (at most 2147483647 either way)");
        // a colon with nothing after it is a parameter left out, as a comma too many is
        assertThatThrownBy(() -> Encoders.parse("lsh:")).hasMessage("hash spec 'lsh:': nothing after ':' (give key=value, or leave out the colon)");
        assertThatThrownBy(() -> SearchMethod.parse("two-stage:")).hasMessageContaining("nothing after ':'");
        assertThatThrownBy(() -> DescriptorSpecs.parse("hsv-hist:h=x")).hasMessageContaining("h=x is not a whole number");
    }
}

package org.deq.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What would act on a terminal or an error line rather than show is escaped; everything else is left as it is. */
class PrintableTextTest {

    @Test
    void controlsSeparatorsBidirectionalControlsAndInvisibleCharactersAreEscapedAndTheRestKept() {
        String plain = "forest/Forêt 地 'x'.tif";
        assertThat(PrintableText.of(plain)).isSameAs(plain);
        assertThat(PrintableText.of("a\nb\u001b[2Jc\u0085d")).isEqualTo("a\\u000Ab\\u001B[2Jc\\u0085d");
        assertThat(PrintableText.of("rtl\u202egpj.exe")).isEqualTo("rtl\\u202Egpj.exe");
        assertThat(PrintableText.of("\u2066x\u2069\u2028\u2029\u200e\u200f\u061c"))
                .isEqualTo("\\u2066x\\u2069\\u2028\\u2029\\u200E\\u200F\\u061C");
        // invisible characters, with which two ids that differ look the same; the joiners scripts need are kept
        assertThat(PrintableText.of("a\u200bb\ufeffc\u00add\u2060e")).isEqualTo("a\\u200Bb\\uFEFFc\\u00ADd\\u2060e");
        String persian = "می\u200cخواهم \ud83d\udc68\u200d\ud83d\udc69";
        assertThat(PrintableText.of(persian)).isSameAs(persian);
    }
}

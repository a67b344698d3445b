package org.deq.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.deq.raster.GeoBox;
import org.deq.raster.PatchMeta;
import org.deq.store.MetaColumns;
import org.junit.jupiter.api.Test;

class FilterTest {

    private static final GeoBox LISBON = new GeoBox(-9.2, 38.7, -9.1, 38.8);
    private static final GeoBox HELSINKI = new GeoBox(24.9, 60.1, 25.0, 60.2);

    private static final List<PatchMeta> METAS = List.of(
            meta("p0", "2017-06-10T10:00:00Z", LISBON, List.of("Water bodies", "Pastures"), Set.of()),
            meta("p1", "2017-12-31T23:59:59Z", HELSINKI, List.of("Pastures"), Set.of("snow")),
            meta("p2", "2018-01-01T00:00:00Z", LISBON, List.of("Water bodies"), Set.of("cloud")),
            meta("p3", null, null, List.of("Water bodies", "Pastures", "Urban"), Set.of()),
            meta("p4", "2017-05-31T23:59:59Z", HELSINKI, List.of(), Set.of("snow", "cloud")),
            meta("p5", "2017-07-01T00:00:00Z", null, List.of("Urban", "Urban"), Set.of()));

    private static PatchMeta meta(String id, String time, GeoBox box, List<String> labels, Set<String> flags) {
        return new PatchMeta(id, "test", time == null ? null : Instant.parse(time), box, labels, flags);
    }

    private static MetaColumns columns() {
        return MetaColumns.of(METAS);
    }

    /** Rows accepted, checked two ways: the compiled bitset and the per-meta reference must agree. */
    private static List<Integer> accepted(Filter f) {
        BitSet bits = f.compile(columns());
        List<Integer> byBits = bits == null ? List.of(0, 1, 2, 3, 4, 5) : bits.stream().boxed().toList();
        List<Integer> byMatch = IntStream.range(0, METAS.size())
                .filter(i -> f.matches(METAS.get(i))).boxed().toList();
        assertThat(byBits).isEqualTo(byMatch);
        return byBits;
    }

    @Test
    void labelsAnyAndAll() {
        assertThat(accepted(Filter.parse("labels-any=Water bodies|Urban"))).containsExactly(0, 2, 3, 5);
        assertThat(accepted(Filter.parse("labels-all=Water bodies|Pastures"))).containsExactly(0, 3);
        assertThat(accepted(Filter.parse("labels-all=Urban"))).containsExactly(3, 5);
        assertThat(accepted(Filter.parse("labels-any=Nowhere"))).isEmpty();
        assertThat(accepted(Filter.parse("labels-all=Pastures|Nowhere"))).isEmpty();
        assertThat(accepted(Filter.parse("labels-any=Pastures", "labels-all=Urban"))).containsExactly(3);
    }

    @Test
    void timeRangeTakesWholeDaysOrInstantsAndRejectsUnknownTime() {
        // days are whole: to=2017-12-31 ends with the 31st, to=2018-01-01 takes in p2 at midnight
        assertThat(accepted(Filter.parse("from=2017-06-01", "to=2017-12-31"))).containsExactly(0, 1, 5);
        assertThat(accepted(Filter.parse("from=2017-06-01", "to=2018-01-01"))).containsExactly(0, 1, 2, 5);
        assertThat(accepted(Filter.parse("from=2017-06-10", "to=2017-06-10"))).containsExactly(0);
        // instants: to excluded, and UTC without a zone
        assertThat(accepted(Filter.parse("from=2018-01-01T00:00:00Z"))).containsExactly(2);
        assertThat(accepted(Filter.parse("to=2018-01-01T00:00:00"))).containsExactly(0, 1, 4, 5);
        assertThat(accepted(Filter.parse("to=2018-01-01T01:00:00+01:00"))).containsExactly(0, 1, 4, 5);
        assertThat(accepted(Filter.parse("to=2017-06-01"))).containsExactly(4);
        assertThatThrownBy(() -> Filter.parse("from=June")).hasMessage("filter from must be a UTC day such as 2017-06-01 or a"
                + " time such as 2017-06-01T10:30:00Z, got 'June'");
        // a time Java parses but no millisecond count holds: one line, not an ArithmeticException from the scan
        assertThatThrownBy(() -> Filter.parse("from=+999999999-01-01T00:00:00Z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("filter from must be a UTC day");
    }

    @Test
    void bboxOverlapsAndRejectsUnknownFootprint() {
        assertThat(accepted(Filter.parse("bbox=-10,38,-9.15,39"))).containsExactly(0, 2);
        // touching is no overlap: a box equal to a patch's footprint does not also find the patches beside it
        assertThat(accepted(Filter.parse("bbox=25,60.2,26,61"))).isEmpty();
        assertThat(accepted(Filter.parse("bbox=24.99,60.19,26,61"))).containsExactly(1, 4);
        assertThat(accepted(Filter.parse("bbox=24.95,60.15,24.95,60.15"))).as("a point inside").containsExactly(1, 4);
        assertThat(accepted(Filter.parse("bbox=0,0,1,1"))).isEmpty();
    }

    @Test
    void excludedFlagsAndCombination() {
        assertThat(accepted(Filter.parse("exclude-flags=snow|cloud"))).containsExactly(0, 3, 5);
        assertThat(accepted(Filter.parse("exclude-flags=snow"))).containsExactly(0, 2, 3, 5);
        // a misspelt flag would exclude nothing and look like a working filter
        assertThatThrownBy(() -> Filter.parse("exclude-flags=clouds")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown flag 'clouds' in exclude-flags; flags: snow, cloud, level-1c");
        assertThat(accepted(Filter.parse("labels-any=Pastures|Water bodies", "exclude-flags=cloud",
                "from=2017-01-01", "bbox=-10,38,26,61"))).containsExactly(0, 1);
        assertThat(Filter.NONE.compile(columns())).isNull();
        assertThat(Filter.parse().isNone()).isTrue();
    }

    @Test
    void termsThatCanMatchOrExcludeNothingAreNamed() {
        assertThat(Filter.parse("labels-any=Pastures|Nowhere", "exclude-flags=snow").inertTerms(columns()))
                .containsExactly("no patch of the index has the label 'Nowhere'");
        // labels are case-sensitive: a stored label in another case, or a typo away, is suggested
        assertThat(Filter.parse("labels-any=pastures|Water bodys").inertTerms(columns())).containsExactly(
                "no patch of the index has the label 'Water bodys' (did you mean 'Water bodies'?)",
                "no patch of the index has the label 'pastures' (did you mean 'Pastures'?)");
        assertThat(Filter.parse("season=summer", "labels-all=Urban").inertTerms(columns())).isEmpty();
        MetaColumns undated = MetaColumns.of(List.of(meta("u0", null, null, List.of("Urban"), Set.of())));
        assertThat(Filter.parse("exclude-flags=cloud").inertTerms(undated))
                .containsExactly("no patch of the index has the flag 'cloud': excluding it removes nothing");
        assertThat(Filter.parse("season=summer").inertTerms(undated))
                .containsExactly("no patch of the index has an acquisition time, so from/to/season match none");
        // terms that the index's times and footprints lie outside of
        assertThat(Filter.parse("from=2030-01-01").inertTerms(columns())).containsExactly("no patch of the index was acquired"
                + " on or after 2030-01-01T00:00:00Z (its times run from 2017-05-31T23:59:59Z to 2018-01-01T00:00:00Z)");
        assertThat(Filter.parse("from=2016-01-01", "to=2016-02-01").inertTerms(columns())).singleElement().asString()
                .startsWith("no patch of the index was acquired on or after 2016-01-01T00:00:00Z and before 2016-02-02T00:00:00Z");
        assertThat(Filter.parse("to=2000-01-01").inertTerms(columns())).singleElement().asString()
                .startsWith("no patch of the index was acquired before 2000-01-02T00:00:00Z");
        MetaColumns allFlagged = MetaColumns.of(List.of(meta("f0", null, null, List.of("Urban"), Set.of("level-1c"))));
        assertThat(Filter.parse("exclude-flags=level-1c").inertTerms(allFlagged))
                .containsExactly("every patch of the index has the flag 'level-1c': excluding it removes them all");
        assertThat(Filter.parse("from=2017-06-01", "to=2017-06-30").inertTerms(columns())).isEmpty();
        assertThat(Filter.parse("season=autumn", "labels-any=Urban").inertTerms(columns()))
                .containsExactly("no patch of the index was acquired in autumn (UTC months)");
        assertThat(Filter.parse("bbox=100,0,110,10").inertTerms(columns())).containsExactly("no footprint of the index meets"
                + " bbox 100.0,0.0,110.0,10.0");
        assertThat(Filter.parse("bbox=-10,38,-9,39").inertTerms(columns())).isEmpty();
    }

    @Test
    void badTermsAreOneLineErrors() {
        assertThatThrownBy(() -> Filter.parse("labels=Water")).hasMessageStartingWith("unknown filter key 'labels'");
        assertThatThrownBy(() -> Filter.parse("Water")).hasMessageStartingWith("filter term must be key=value, got 'Water'");
        assertThatThrownBy(() -> Filter.parse("bbox=1,2,3")).hasMessageContaining("minLon,minLat,maxLon,maxLat");
        assertThatThrownBy(() -> Filter.parse("bbox=10,10,0,0")).hasMessageContaining("minLat <= maxLat");
        assertThat(Filter.parse("bbox=170,0,-170,10")).isNotNull(); // minLon east of maxLon: across the antimeridian
        assertThatThrownBy(() -> Filter.parse("from=2018-01-01", "to=2017-01-01")).hasMessageContaining("time range is empty");
        assertThatThrownBy(() -> Filter.parse("to=2018-01-01", "to=2019-01-01")).hasMessage("filter to is given twice");
        assertThatThrownBy(() -> Filter.parse("labels-any=")).hasMessage("filter labels-any has an empty value");
        // a list of nothing but separators would filter nothing
        assertThatThrownBy(() -> Filter.parse("labels-any=||")).hasMessage("filter labels-any has an empty value");
        assertThatThrownBy(() -> Filter.parse("season= | ")).hasMessage("filter season has an empty value");
    }
    @Test
    void seasonsFollowTheUtcMonthAndRejectUnknownTime() {
        assertThat(accepted(Filter.parse("season=summer"))).containsExactly(0, 5);
        assertThat(accepted(Filter.parse("season=winter"))).containsExactly(1, 2);
        assertThat(accepted(Filter.parse("season=Spring|autumn"))).containsExactly(4);
        assertThat(accepted(Filter.parse("season=summer", "labels-any=Urban"))).containsExactly(5);
        assertThatThrownBy(() -> Filter.parse("season=monsoon")).hasMessageStartingWith("unknown season 'monsoon'");
    }

    @Test
    void monthOfAgreesWithJavaTime() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 10_000; i++) {
            long ms = random.nextLong() % 8_000_000_000_000L; // about 1716 to 2223
            assertThat(Season.monthOf(ms)).as("month of %d", ms)
                    .isEqualTo(Instant.ofEpochMilli(ms).atZone(java.time.ZoneOffset.UTC).getMonthValue());
        }
    }

    @Test
    void columnsAreReadOnlyOutsideTheStore() {
        // an append from outside grew a store's columns past its size(), and filters then passed rows that do not exist
        assertThat(Arrays.stream(MetaColumns.class.getMethods()).map(Method::getName)).doesNotContain("append");
        assertThat(MetaColumns.class.getConstructors()).isEmpty();
        assertThat(MetaColumns.of(METAS).size()).isEqualTo(METAS.size());
    }
}

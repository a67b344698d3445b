package org.deq.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times in Sentinel-2 names: BigEarthNet v1 and v2 products, SSL4EO-S12 folders; none where there is no valid one. */
class S2BandFilesTest {

    @Test
    void theTimeInASentinel2NameIsFoundOrNull() {
        assertThat(S2BandFiles.sensingTime("S2A_MSIL2A_20170613T101031_87_48")).isEqualTo(Instant.parse("2017-06-13T10:10:31Z"));
        assertThat(S2BandFiles.sensingTime("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_75_43"))
                .isEqualTo(Instant.parse("2017-06-13T10:10:31Z"));
        assertThat(S2BandFiles.sensingTime("20200604T054639_20200604T054831_T43RCP")).isEqualTo(Instant.parse("2020-06-04T05:46:39Z"));
        assertThat(S2BandFiles.sensingTime("S1A_IW_GRDH_1SDV_20170613T165043_33UUP_89_36"))
                .isEqualTo(Instant.parse("2017-06-13T16:50:43Z"));
        // BigEarthNet v1 drops the leading zero of early hours: its metadata file holds the time instead
        assertThat(S2BandFiles.sensingTime("S2A_MSIL2A_20180510T94033_19_86")).isNull();
        assertThat(S2BandFiles.sensingTime("x_20231345T000000")).as("month 13").isNull();
        assertThat(S2BandFiles.sensingTime("my-patch")).isNull();
        assertThat(S2BandFiles.sensingTime("id20170613T101031")).as("not a name part of its own").isNull();
    }
}

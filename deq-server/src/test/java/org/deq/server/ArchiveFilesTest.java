package org.deq.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.deq.TestData;
import org.deq.archive.Archives;
import org.deq.raster.Patch;
import org.deq.raster.TrueColor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A thumbnail read from a patch folder's three visible bands alone is the picture of the whole patch. */
class ArchiveFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "bigearthnet-sample/BigEarthNet-S2-v1.0/S2A_MSIL2A_20170613T101031_87_48",
        "bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2/S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP/"
                + "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_75_43",
        "bigearthnet-sample/BigEarthNet-v2.0/BigEarthNet-S2-prerelease-tiff/S2A_MSIL2A_20180526T100031_N9999_R122_T34WFU_14_23",
        "ssl4eo-s12-sample/s2a/0000200/20200813T054639_20200813T054952_T43RCP",
        "ssl4eo-s12-sample/s2c/0000200/20200823T054639_20200823T055618_T43RCP"})
    void theVisibleBandsAloneDrawTheSameThumbnail(String folder) throws Exception {
        Path source = TestData.require(folder);
        Patch whole = Archives.readPatch(source);
        Patch visible = ArchiveFiles.trueColour(whole.meta());
        assertThat(visible.bandCount()).isEqualTo(3);
        assertThat(TrueColor.png(visible, 256)).isEqualTo(TrueColor.png(ArchiveFiles.patch(whole.meta()), 256));
    }
}

package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An option of a group given without the group's required option is named with it, not as a missing --eval alone. */
class GroupOptionMessageTest {

    @Test
    void namesTheOptionGivenWithoutItsGroup() {
        Cli run = Cli.run("land-cover", "--index", "i", "--image", "mosaic.png", "--out", "q.tif", "--grid", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("deq: error: --grid goes with --eval (deq land-cover --help lists the options)");
        // a required option left out of its group is still called missing
        Cli noOut = Cli.run("land-cover", "--index", "i", "--image", "mosaic.png");
        assertThat(noOut.err()).contains("Missing required argument(s): --out");
    }
}

package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.ingest.Ingest;
import org.deq.store.IndexStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code deq index} says after a Ctrl-C: another run only when patches remain, and what a stop dropped. */
class IndexStopMessageTest {

    @TempDir
    Path tmp;

    @Test
    void aStopSaysWhatWasKeptDroppedAndLeft() throws IOException {
        try (IndexStore store = IndexStore.create(tmp.resolve("i"), DescriptorSpecs.parse("hsv-hist"), Distance.L1)) {
            assertThat(IndexCommand.stopMessage(true, new Ingest.Report(0, 0, List.of(), 1, false, 0, List.of()), store))
                    .isEqualTo("the ingest had ended: the index holds 0 patches");
            assertThat(IndexCommand.stopMessage(true, new Ingest.Report(0, 0, List.of(), 1, true, 0, List.of()), store))
                    .isEqualTo("the patches described were committed: the index holds 0 patches; run the same command"
                            + " again to add the rest");
            assertThat(IndexCommand.stopMessage(true, new Ingest.Report(0, 0, List.of(), 1, true, 128, List.of()), store))
                    .contains("; the 128 patches still being described were dropped; run the same command again");
            assertThat(IndexCommand.stopMessage(true, null, store)).startsWith("the patches stored before the batch in flight");
            assertThat(IndexCommand.stopMessage(false, null, store)).startsWith("no commit within 60 s");
        }
    }
}

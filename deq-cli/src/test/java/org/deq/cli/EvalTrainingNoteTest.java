package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.deq.eval.EvalProtocol.Scope;
import org.deq.store.TrainingSplit;
import org.junit.jupiter.api.Test;

/** When deq eval warns that codes learned from labels are scored on images they learned from. */
class EvalTrainingNoteTest {

    private static final TrainingSplit TRAINED = new TrainingSplit("60/40", 1, 2100);

    @Test
    void cleanOnlyOnTheTestPartOfTheRecordedSplitOverTheSamePatches() {
        assertThat(EvalCommand.trainingNote("ksh:bits=32", TRAINED, 2100, Scope.TEST, "60/40", 1)).isNull();
        assertThat(EvalCommand.trainingNote("ksh:bits=32", TRAINED, 2100, Scope.ALL, "60/40", 1))
                .contains("score it on unseen images with --queries test and --split 60/40 --seed 1");
        assertThat(EvalCommand.trainingNote("ksh:bits=32", TRAINED, 2100, Scope.TEST, "60/40", 2))
                .contains("the test part of --split 60/40 --seed 2 holds some of its training images");
        assertThat(EvalCommand.trainingNote("ksh:bits=32", TRAINED, 2150, Scope.TEST, "60/40", 1))
                .contains("when the index held 2100 patches; with the 2150 it holds now");
        // an encoder stored before the split was recorded: its test part may hold training images
        assertThat(EvalCommand.trainingNote("ksh:bits=32", null, 2100, Scope.TEST, "70/30", 5))
                .contains("the split it was trained with is not recorded", "unless --split 70/30 --seed 5 is that split");
        assertThat(EvalCommand.trainingNote("ksh:bits=32", null, 2100, Scope.ALL, "60/40", 1))
                .contains("the --split/--seed it was trained with");
    }
}

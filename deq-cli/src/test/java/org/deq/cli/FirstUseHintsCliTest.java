package org.deq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.deq.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hints for a first-time user's slips on a tiny real index (three EuroSAT pictures of three classes). */
class FirstUseHintsCliTest {

    @TempDir
    Path tmp;

    private String index;

    @BeforeEach
    void index() {
        Path rgb = TestData.require("eurosat-sample/EuroSAT_RGB");
        index = tmp.resolve("eurosat").toString();
        Cli built = Cli.run("index", "--archive", rgb.toString(), "--out", index);
        assertThat(built.exitCode()).as(built.err()).isZero();
    }

    @Test
    void anIdWithoutItsClassFolderIsSuggested() {
        Cli query = Cli.run("query", "--index", index, "--id", "Pasture_300");
        assertThat(query.err().strip()).isEqualTo("deq: error: no patch with id 'Pasture_300' in the index " + index
                + " (did you mean 'Pasture/Pasture_300'?)");
        Cli feedback = Cli.run("feedback", "--index", index, "--session", "s", "start", "--query", "SeaLake_3000");
        assertThat(feedback.err()).contains("'SeaLake_3000' (did you mean 'SeaLake/SeaLake_3000'?)");
        assertThat(Cli.run("query", "--index", index, "--id", "Nowhere").err()).doesNotContain("did you mean");
        // an invisible character in the id is shown, so that it cannot pass for the id without it
        assertThat(Cli.run("query", "--index", index, "--id", "Pasture/Pasture\u200b_300").err())
                .contains("no patch with id 'Pasture/Pasture\\u200B_300'").doesNotContain("\u200b");
    }

    @Test
    void aLabelInAnotherCaseIsSuggested() {
        Cli query = Cli.run("query", "--index", index, "--id", "Pasture/Pasture_300", "--filter", "labels-any=sealake");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(query.out()).contains("note: no patch of the index has the label 'sealake' (did you mean 'SeaLake'?)");
    }

    @Test
    void evalSaysWhenNoQueryCanFindARelevantItemAndKPassesTheDatabase() {
        Cli eval = Cli.run("eval", "--index", index, "--k", "20");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("note: no query has a relevant item in the database (relevance: same-class)",
                "note: k 20 exceeds the 2 database items besides a query: the @20 figures score n = 2 places");
    }
}

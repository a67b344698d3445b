package org.deq.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deq.eval.LabelTruth;
import org.junit.jupiter.api.Test;

class FeedbackSimulationTest {

    @Test
    void resultsDoNotDependOnThreadsAndCountMarks() throws JsonProcessingException {
        Blobs blobs = new Blobs(5, 120, 10, 0.8, 1, 9);
        LabelTruth truth = LabelTruth.singleLabel(blobs.cluster);
        FeedbackSpace space = FeedbackSpace.all(blobs.vectors, blobs.dim, 3);
        SimulationSpec spec = SimulationSpec.rounds(3, 10, 3);
        int[] queries = FeedbackSimulation.sampleQueries(truth, 4, 3);
        assertThat(queries).hasSize(20);
        // an item without a label is no query: nothing is relevant to it
        int[] classes = blobs.cluster.clone();
        classes[queries[0]] = LabelTruth.NO_CLASS;
        assertThat(FeedbackSimulation.sampleQueries(LabelTruth.singleLabel(classes), 1000, 3)).hasSize(classes.length - 1)
                .doesNotContain(queries[0]);
        SimulationReport one = new FeedbackSimulation(space, truth, spec).run(queries, 1);
        SimulationReport two = new FeedbackSimulation(space, truth, spec).run(queries, 2);
        for (int i = 0; i < one.rows().size(); i++) {
            SimulationReport.Row a = one.rows().get(i);
            SimulationReport.Row b = two.rows().get(i);
            assertThat(new double[] {b.precisionAt10(), b.precisionAt20(), b.mapAt20(), b.marked()})
                    .containsExactly(a.precisionAt10(), a.precisionAt20(), a.mapAt20(), a.marked());
        }
        assertThat(one.row(Strategy.ACTIVE, 3).marked()).isEqualTo(30);
        assertThat(one.row(Strategy.TOP, 1).marked()).isEqualTo(10);
        assertThat(new ObjectMapper().writeValueAsString(one))
                .contains("\"strategy\":\"active\"", "\"precision_at_10\"", "\"map_at_20\"", "\"kernel\":\"laplacian\"");
    }

    @Test
    void demirProtocolStartsFromThreeRelevantAndThreeIrrelevantMarks() {
        Blobs blobs = new Blobs(3, 60, 6, 1, 1, 4);
        LabelTruth truth = LabelTruth.singleLabel(blobs.cluster);
        FeedbackSpace space = FeedbackSpace.all(blobs.vectors, blobs.dim, 3);
        SimulationReport report = new FeedbackSimulation(space, truth, SimulationSpec.demir2015(1))
                .run(FeedbackSimulation.sampleQueries(truth, 2, 1), 2);
        assertThat(report.row(Strategy.ACTIVE, 0).marked()).isEqualTo(5); // 2 besides the query + 3 irrelevant
        assertThat(report.row(Strategy.ACTIVE, 10).marked()).isEqualTo(55);
        assertThat(report.rows()).hasSize(22);
    }
}

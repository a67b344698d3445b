package org.deq.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchQueryCsvTest {

    @Test
    void idsASpreadsheetWouldRunAsFormulasAreNeutralisedAsTheServersExportDoes() throws IOException {
        StringBuilder csv = new StringBuilder();
        BatchQuery.writeCsv(List.of(
                new BatchQuery.Answer("=HYPERLINK(\"http://x\",\"y\")", new String[] {"@SUM(A1)", "a,b"}, new float[] {0f, 1.5f}, null, null),
                BatchQuery.Answer.failed("broken", "unreadable")), csv);
        assertThat(csv.toString()).isEqualTo("query,rank,id,distance\n"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1,'@SUM(A1),0.0\n"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",2,\"a,b\",1.5\n");
    }
}

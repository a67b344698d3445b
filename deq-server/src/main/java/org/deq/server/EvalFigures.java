package org.deq.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.deq.eval.EvalProtocol;
import org.deq.eval.EvalReport;
import org.deq.eval.EvalSets;
import org.deq.eval.IndexEvaluation;
import org.deq.eval.LabelTruth;
import org.deq.eval.Ranker;
import org.deq.eval.RetrievalEvaluator;
import org.deq.store.IndexStore;

/**
 * The evaluation page's figures: every labelled patch queries all others (exact ranking, the index's distance) at
 * several cut-offs k, giving precision and recall against k (a precision-recall curve) and mAP@k.
 *
 * @param relevance what counts as relevant
 * @param queries   number of queries (patches without labels are none)
 * @param points    one point per cut-off, k ascending
 * @param notes     how the queries differ from every patch (patches without labels) and queries without a relevant item,
 *                  as deq eval prints them
 */
record EvalFigures(String relevance, int queries, List<Point> points, List<String> notes) {

    /** The figures at one cut-off; null where a figure is undefined (JSON has no NaN). */
    record Point(int k, Double precision, Double recall, Double map, Double ndcg) {
    }

    private static final int[] CUT_OFFS = {1, 2, 3, 5, 10, 20, 30, 50, 100};

    /** All-vs-all at each cut-off below the index size; larger indexes than {@code maxPatches}, one of
     * fewer than 2 patches or without labels are refused with a 409, as a caption without labels is: the request is valid,
     * the index cannot answer it. */
    static EvalFigures of(IndexStore store, int maxPatches) throws IOException {
        if (store.size() > maxPatches) {
            throw new ApiException(409, "the index holds " + store.size() + " patches; the on-line evaluation stops at "
                    + maxPatches + " (run deq eval --index on the index where the server runs)");
        }
        if (store.size() < 2) {
            throw new ApiException(409, "the index holds " + store.size() + (store.size() == 1 ? " patch" : " patches") + "; evaluation needs at least 2");
        }
        LabelTruth truth;
        try {
            truth = IndexEvaluation.truthOf(store);
        } catch (IllegalArgumentException e) {
            // the message names the index folder, which is the server's to know
            throw new ApiException(409, e.getMessage().replace(store.dir() + ": ", ""));
        }
        EvalProtocol protocol = EvalProtocol.allVsAll();
        EvalSets sets = protocol.resolve(truth);
        Ranker ranker = IndexEvaluation.exactRanker(store, sets, store.config().distance());
        RetrievalEvaluator evaluator = new RetrievalEvaluator();
        List<Point> points = new ArrayList<>();
        String relevance = "";
        List<String> notes = new ArrayList<>(sets.notes());
        for (int k : CUT_OFFS) {
            if (k >= store.size()) {
                break;
            }
            EvalReport r = evaluator.evaluate(protocol, truth, ranker, k);
            relevance = r.relevance();
            points.add(new Point(k, defined(r.precisionAtK()), defined(r.recallAtK()), defined(r.mapAtK()), defined(r.ndcgAtK())));
            if (k == CUT_OFFS[0]) { // queries without a relevant item are the same at every k, and no k here passes the database
                notes.addAll(r.notes());
            }
        }
        return new EvalFigures(relevance, sets.queries().length, points, notes);
    }

    private static Double defined(double v) {
        return Double.isNaN(v) ? null : v;
    }
}

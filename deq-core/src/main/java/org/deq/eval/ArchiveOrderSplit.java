package org.deq.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deq.store.IndexStore;

/**
 * A test part drawn by archive order instead of at random: the last {@code percent} % of each archive folder's items,
 * in name order with numbers compared by value ({@code AnnualCrop_9} before {@code AnnualCrop_10}). Scene sets such as UC Merced cut each class's pictures from a few large photographs, numbered in
 * turn, so a random split leaves crops of a query's own photograph among the items that answer it; the tail of each
 * folder shares fewer photographs with the rest.
 */
public final class ArchiveOrderSplit {

    private ArchiveOrderSplit() {
    }

    /** Which items are held out: per folder of their archive sources, the last {@code percent} % (at least one). */
    public static boolean[] heldOut(IndexStore store, int percent) throws IOException {
        if (percent < 1 || percent > 99) {
            throw new IllegalArgumentException("the held-out share must be 1..99 %, got " + percent);
        }
        Map<String, List<Integer>> folders = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>(store.size());
        for (int i = 0; i < store.size(); i++) {
            String source = store.meta(i).source();
            sources.add(source);
            Path parent = source.isEmpty() ? null : Path.of(source).getParent();
            folders.computeIfAbsent(parent == null ? "" : parent.toString(), f -> new ArrayList<>()).add(i);
        }
        boolean[] out = new boolean[store.size()];
        for (List<Integer> items : folders.values()) {
            items.sort(Comparator.comparing(sources::get, ArchiveOrderSplit::compareNatural));
            int held = Math.max(1, (int) Math.round(items.size() * percent / 100.0));
            for (int j = items.size() - held; j < items.size(); j++) {
                out[items.get(j)] = true;
            }
        }
        return out;
    }

    /** Compares two names with their digit runs as numbers, the rest as text. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = i;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                // compare by value without parsing (runs may be long): strip leading zeros, then length, then digits
                String da = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
                String db = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
                int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) {
                    return c;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

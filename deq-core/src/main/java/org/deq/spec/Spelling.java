package org.deq.spec;

/** Near spellings of a name a user typed (a label, a setting), for "did you mean" hints. */
public final class Spelling {

    private Spelling() {
    }

    /**
     * The candidate equal to {@code name} ignoring case, else the nearest within {@code maxEdits} edits (the first of
     * equally near ones), else null.
     */
    public static String nearest(String name, Iterable<String> candidates, int maxEdits) {
        String best = null;
        int bestDistance = maxEdits + 1;
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
            int d = distance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions that turn one into the other. */
    public static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}

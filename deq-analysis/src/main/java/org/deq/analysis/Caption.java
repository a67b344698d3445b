package org.deq.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deq.analysis.LabelPrediction.LabelScore;

/**
 * One English sentence describing a patch from its predicted labels and their scores. Labels come in score order;
 * those scoring below {@link #CONFIDENT} are hedged with "possibly". Labels of a multi-label index name what a scene
 * holds (UC Merced's 17 multi-labels, BigEarthNet's 43 and 19 CORINE classes) and are listed: "Buildings, cars and
 * pavement, possibly with trees." Labels of a single-label index are scene classes (UC Merced's 21 classes), which
 * exclude each other: "A dense residential area, or possibly a parking lot." A label deq has no phrase for is written
 * as its own text.
 */
public final class Caption {

    /** Score from which a label is stated without "possibly". */
    public static final float CONFIDENT = 0.75f;

    /** Phrases of things a scene holds (multi-label nomenclatures), by lower-case label. */
    private static final Map<String, String> ELEMENTS = Map.ofEntries(
            // UC Merced's 17 multi-labels (Chaudhuri et al.) whose own text does not read as English
            Map.entry("airplane", "airplanes"), Map.entry("bare-soil", "bare soil"), Map.entry("court", "sports courts"),
            Map.entry("dock", "docks"), Map.entry("field", "fields"), Map.entry("mobile-home", "mobile homes"),
            Map.entry("ship", "ships"), Map.entry("tanks", "storage tanks"),
            // BigEarthNet CORINE names (43 and 19 classes) that read badly lower-cased; the others read well as they are
            Map.entry("road and rail networks and associated land", "roads and railways"),
            Map.entry("land principally occupied by agriculture, with significant areas of natural vegetation",
                    "farmland mixed with natural vegetation"),
            Map.entry("annual crops associated with permanent crops", "annual crops among permanent crops"),
            Map.entry("fruit trees and berry plantations", "orchards"), Map.entry("sea and ocean", "sea"),
            Map.entry("transitional woodland/shrub", "woodland and shrub"),
            Map.entry("transitional woodland, shrub", "woodland and shrub"),
            Map.entry("beaches, dunes, sands", "beaches and dunes"),
            Map.entry("moors, heathland and sclerophyllous vegetation", "heath and sclerophyllous scrub"),
            Map.entry("natural grassland and sparsely vegetated areas", "natural grassland and sparse vegetation"));

    /** Phrases of scene classes (single-label nomenclatures: UC Merced's 21 class folders), with their article. */
    private static final Map<String, String> SCENES = Map.ofEntries(
            Map.entry("agricultural", "farmland"), Map.entry("airplane", "an airport with airplanes"),
            Map.entry("baseballdiamond", "a baseball diamond"), Map.entry("beach", "a beach"),
            Map.entry("buildings", "a built-up area"), Map.entry("chaparral", "chaparral"),
            Map.entry("denseresidential", "a dense residential area"), Map.entry("forest", "a forest"),
            Map.entry("freeway", "a freeway"), Map.entry("golfcourse", "a golf course"), Map.entry("harbor", "a harbour"),
            Map.entry("intersection", "a road intersection"),
            Map.entry("mediumresidential", "a medium-density residential area"),
            Map.entry("mobilehomepark", "a mobile home park"), Map.entry("overpass", "an overpass"),
            Map.entry("parkinglot", "a parking lot"), Map.entry("river", "a river"), Map.entry("runway", "a runway"),
            Map.entry("sparseresidential", "a sparse residential area"), Map.entry("storagetanks", "storage tanks"),
            Map.entry("tenniscourt", "a tennis court"));

    private Caption() {
    }

    /**
     * The sentence for predicted labels with their scores (any order; at least one); {@code sceneClasses} when they
     * come from a single-label index, whose labels are alternatives rather than parts of one scene.
     */
    public static String of(List<LabelScore> labels, boolean sceneClasses) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a caption needs at least one predicted label");
        }
        List<LabelScore> ranked = new ArrayList<>(labels);
        ranked.sort((a, b) -> Float.compare(b.score(), a.score()));
        List<String> sure = new ArrayList<>();
        List<String> hedged = new ArrayList<>();
        for (LabelScore l : ranked) {
            (l.score() >= CONFIDENT ? sure : hedged).add(phrase(l.label(), sceneClasses ? SCENES : ELEMENTS));
        }
        String sentence;
        if (sceneClasses) {
            // one scene: the best class stated (or hedged), the others as hedged alternatives
            sentence = sure.isEmpty() ? "possibly " + join(hedged, "or")
                    : join(sure, "or") + (hedged.isEmpty() ? "" : ", or possibly " + join(hedged, "or"));
        } else if (sure.isEmpty()) {
            sentence = "possibly " + join(hedged, "and");
        } else {
            sentence = join(sure, "and") + (hedged.isEmpty() ? "" : ", possibly with " + join(hedged, "and"));
        }
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".";
    }

    /** "a", "a and b", "a, b and c" (or "or"). */
    private static String join(List<String> words, String conjunction) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " " + conjunction + " " + words.get(words.size() - 1);
    }

    /**
     * The phrase of a label: deq's own where it has one, else the label's text with underscores as spaces, dashes too in
     * a one-word identifier ("bare-soil", but "Non-irrigated arable land" keeps its hyphen), camel case split ("AnnualCrop" → "annual crop") and a capital lower-cased when a lower-case letter follows it (so
     * "Forest" reads as "forest" mid-sentence but "NDVI" stays).
     */
    private static String phrase(String label, Map<String, String> known) {
        String words = known.get(label.strip().toLowerCase(Locale.ROOT));
        if (words != null) {
            return words;
        }
        String stripped = label.strip();
        String text = (stripped.contains(" ") ? stripped : stripped.replace('-', ' ')).replace('_', ' ')
                .replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ");
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean wordStart = i == 0 || text.charAt(i - 1) == ' ';
            boolean lowerNext = i + 1 < text.length() && Character.isLowerCase(text.charAt(i + 1));
            out.append(wordStart && lowerNext ? Character.toLowerCase(c) : c);
        }
        return out.isEmpty() ? "unnamed land cover" : out.toString();
    }
}

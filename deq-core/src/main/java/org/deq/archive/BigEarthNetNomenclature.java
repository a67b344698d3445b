package org.deq.archive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BigEarthNet label nomenclatures: the 43 CORINE Land Cover level-3 classes of v1.0 and the 19-class nomenclature of
 * Sumbul et al. ("BigEarthNet-MM", IEEE GRSM 2021; {@code label_indices.json} / bigearthnet_common), with the official
 * 43 to 19 mapping, which drops 11 classes that cannot be recognised from Sentinel-2 patches alone.
 */
public final class BigEarthNetNomenclature {

    /** The 43 class names of BigEarthNet v1.0, in the official index order. */
    public static final List<String> CLASSES_43 = List.of(
            "Continuous urban fabric", "Discontinuous urban fabric", "Industrial or commercial units",
            "Road and rail networks and associated land", "Port areas", "Airports", "Mineral extraction sites",
            "Dump sites", "Construction sites", "Green urban areas", "Sport and leisure facilities",
            "Non-irrigated arable land", "Permanently irrigated land", "Rice fields", "Vineyards",
            "Fruit trees and berry plantations", "Olive groves", "Pastures", "Annual crops associated with permanent crops",
            "Complex cultivation patterns",
            "Land principally occupied by agriculture, with significant areas of natural vegetation",
            "Agro-forestry areas", "Broad-leaved forest", "Coniferous forest", "Mixed forest", "Natural grassland",
            "Moors and heathland", "Sclerophyllous vegetation", "Transitional woodland/shrub", "Beaches, dunes, sands",
            "Bare rock", "Sparsely vegetated areas", "Burnt areas", "Inland marshes", "Peatbogs", "Salt marshes",
            "Salines", "Intertidal flats", "Water courses", "Water bodies", "Coastal lagoons", "Estuaries",
            "Sea and ocean");

    /** Each of the 19 classes, in the official index order, with the 43-class names merged into it. */
    private static final Map<String, List<String>> MERGED = merged();

    /** The 19 class names, in the official index order. */
    public static final List<String> CLASSES_19 = List.copyOf(MERGED.keySet());

    /** 43-class name to 19-class name; the 11 dropped classes are absent. */
    public static final Map<String, String> TO_19 = to19();

    private BigEarthNetNomenclature() {
    }

    /** The 19-class labels of a 43-class label list, without duplicates, in 19-class order; dropped classes vanish. */
    public static List<String> to19(List<String> labels43) {
        Set<String> hit = new LinkedHashSet<>();
        for (String label : labels43) {
            if (!CLASSES_43.contains(label)) {
                throw new IllegalArgumentException("not a BigEarthNet 43-class label: '" + label + "'");
            }
            String mapped = TO_19.get(label);
            if (mapped != null) {
                hit.add(mapped);
            }
        }
        List<String> out = new ArrayList<>(hit.size());
        for (String c : CLASSES_19) {
            if (hit.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The 43-class names dropped by the 19-class nomenclature. */
    public static List<String> dropped() {
        List<String> out = new ArrayList<>();
        for (String c : CLASSES_43) {
            if (!TO_19.containsKey(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static Map<String, List<String>> merged() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Urban fabric", List.of("Continuous urban fabric", "Discontinuous urban fabric"));
        m.put("Industrial or commercial units", List.of("Industrial or commercial units"));
        m.put("Arable land", List.of("Non-irrigated arable land", "Permanently irrigated land", "Rice fields"));
        m.put("Permanent crops", List.of("Vineyards", "Fruit trees and berry plantations", "Olive groves",
                "Annual crops associated with permanent crops"));
        m.put("Pastures", List.of("Pastures"));
        m.put("Complex cultivation patterns", List.of("Complex cultivation patterns"));
        m.put("Land principally occupied by agriculture, with significant areas of natural vegetation",
                List.of("Land principally occupied by agriculture, with significant areas of natural vegetation"));
        m.put("Agro-forestry areas", List.of("Agro-forestry areas"));
        m.put("Broad-leaved forest", List.of("Broad-leaved forest"));
        m.put("Coniferous forest", List.of("Coniferous forest"));
        m.put("Mixed forest", List.of("Mixed forest"));
        m.put("Natural grassland and sparsely vegetated areas", List.of("Natural grassland", "Sparsely vegetated areas"));
        m.put("Moors, heathland and sclerophyllous vegetation", List.of("Moors and heathland", "Sclerophyllous vegetation"));
        m.put("Transitional woodland, shrub", List.of("Transitional woodland/shrub"));
        m.put("Beaches, dunes, sands", List.of("Beaches, dunes, sands"));
        m.put("Inland wetlands", List.of("Inland marshes", "Peatbogs"));
        m.put("Coastal wetlands", List.of("Salt marshes", "Salines"));
        m.put("Inland waters", List.of("Water courses", "Water bodies"));
        m.put("Marine waters", List.of("Coastal lagoons", "Estuaries", "Sea and ocean"));
        return m;
    }

    private static Map<String, String> to19() {
        Map<String, String> m = new LinkedHashMap<>();
        MERGED.forEach((c19, sources) -> sources.forEach(c43 -> m.put(c43, c19)));
        return Map.copyOf(m);
    }
}

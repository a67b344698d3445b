package org.deq.synth;

import java.util.List;

/** The known change applied to one segment between the two dates of a synthetic bi-temporal pair. */
public enum ChangeType {
    /** Nothing changes besides noise. */
    NO_CHANGE("no-change", List.of(LandCover.values())),
    /** A forest segment is clear-cut and becomes transitional woodland/shrub. */
    DEFORESTATION("deforestation", List.of(LandCover.BROAD_LEAVED_FOREST, LandCover.CONIFEROUS_FOREST,
            LandCover.MIXED_FOREST)),
    /** Farmland is built over. */
    URBANISATION("urbanisation", List.of(LandCover.NON_IRRIGATED_ARABLE_LAND, LandCover.PASTURES,
            LandCover.SPARSELY_VEGETATED_AREAS)),
    /** Farmland is under water. */
    FLOODING("flooding", List.of(LandCover.NON_IRRIGATED_ARABLE_LAND, LandCover.PASTURES)),
    /** A growing crop is harvested: same class, bare-soil spectrum. */
    HARVEST("harvest", List.of(LandCover.NON_IRRIGATED_ARABLE_LAND));

    private final String jsonName;
    private final List<LandCover> sources;

    ChangeType(String jsonName, List<LandCover> sources) {
        this.jsonName = jsonName;
        this.sources = sources;
    }

    /** The name written in {@code deq_change.type}, e.g. {@code deforestation}. */
    public String jsonName() {
        return jsonName;
    }

    /** Classes the changed segment may have before the change. */
    public List<LandCover> sources() {
        return sources;
    }

    /** The class of the changed segment after the change. */
    public LandCover target(LandCover before) {
        return switch (this) {
            case DEFORESTATION -> LandCover.TRANSITIONAL_WOODLAND_SHRUB;
            case URBANISATION -> LandCover.DISCONTINUOUS_URBAN_FABRIC;
            case FLOODING -> LandCover.WATER_BODIES;
            case NO_CHANGE, HARVEST -> before;
        };
    }
}

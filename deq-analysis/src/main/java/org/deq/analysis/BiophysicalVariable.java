package org.deq.analysis;

import org.deq.spec.EnumNames;

/**
 * A vegetation variable that {@link BiophysicalModel} estimates from a Sentinel-2 pixel, with the range SNAP's
 * biophysical processor accepts for it (Weiss & Baret, S2ToolBox Level 2 products ATBD v1.1, 2016): an estimate up to
 * {@code tolerance} outside {@code min..max} is clamped to the range, one further out is not trusted.
 */
public enum BiophysicalVariable {
    /** Leaf area index: one-sided green leaf area per unit ground area. */
    LAI("leaf area index", "m2/m2", 0.2, 0, 8),
    /** Fraction of absorbed photosynthetically active radiation (instantaneous, at the sun's position). */
    FAPAR("fraction of absorbed photosynthetically active radiation", "fraction", 0.1, 0, 0.94),
    /** Fraction of the ground covered by green vegetation, seen from nadir. */
    FCOVER("fraction of vegetation cover", "fraction", 0.1, 0, 1),
    /** Canopy chlorophyll content: leaf chlorophyll times LAI (SNAP's {@code LAI_Cab}). */
    CCC("canopy chlorophyll content", "ug/cm2", 15, 0, 600);

    /** What the variable is, in words. */
    public final String description;
    /** Its unit. */
    public final String unit;
    /** How far outside {@code min..max} an estimate may fall and still be clamped into it. */
    public final double tolerance;
    /** Smallest valid value. */
    public final double min;
    /** Largest valid value. */
    public final double max;

    BiophysicalVariable(String description, String unit, double tolerance, double min, double max) {
        this.description = description;
        this.unit = unit;
        this.tolerance = tolerance;
        this.min = min;
        this.max = max;
    }

    /** The variable named {@code name} (any case), or an error listing the names. */
    public static BiophysicalVariable parse(String name) {
        return EnumNames.parse(BiophysicalVariable.class, name, "biophysical variable");
    }

    /** The estimate clamped into the range when within the tolerance, NaN when further out (or NaN). */
    public double accept(double estimate) {
        if (estimate < min) {
            return estimate >= min - tolerance ? min : Double.NaN;
        }
        if (estimate > max) {
            return estimate <= max + tolerance ? max : Double.NaN;
        }
        return estimate;
    }
}

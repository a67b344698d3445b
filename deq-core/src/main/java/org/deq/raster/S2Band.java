package org.deq.raster;

/** The twelve Sentinel-2 L2A bands of BigEarthNet (B10 is absent in L2A), with centre wavelength and native resolution. */
public enum S2Band {
    B01(443, 60), B02(490, 10), B03(560, 10), B04(665, 10), B05(705, 20), B06(740, 20),
    B07(783, 20), B08(842, 10), B8A(865, 20), B09(945, 60), B11(1610, 20), B12(2190, 20);

    /** Centre wavelength in nanometres. */
    public final int nanometres;
    /** Native ground sampling distance in metres. */
    public final int metres;

    S2Band(int nanometres, int metres) {
        this.nanometres = nanometres;
        this.metres = metres;
    }

    /** Reflectance scale of BigEarthNet UInt16 values (surface reflectance x 10000). */
    public static final float SCALE = 10000f;

    /**
     * Visible reflectance shown at full brightness (the usual true-colour stretch: bright soil and roofs reach it,
     * vegetation at 0.02-0.1 stays dark); red edge, NIR and SWIR take {@link #INFRARED_FULL_SCALE}.
     */
    public static final float VISIBLE_FULL_SCALE = 0.3f;

    /** Red-edge, NIR and SWIR reflectance shown at full brightness. */
    public static final float INFRARED_FULL_SCALE = 0.6f;
}

package org.deq.synth;

import java.time.LocalTime;
import java.util.List;
import org.deq.raster.UtmZone;

/**
 * A Sentinel-2 MGRS tile the synthetic patches are placed on: its UTM zone and upper-left corner, relative orbit and
 * overpass time. The first nine are tiles of the real BigEarthNet sample (corners derived from its patches).
 */
record S2Tile(String name, UtmZone zone, int ulx, int uly, int relativeOrbit, LocalTime overpass) {

    /** Tiles across Europe, several UTM zones, from Portugal to Finland. */
    static final List<S2Tile> EUROPE = List.of(
            tile("33UUP", 33, 300000, 5400000, 22, "10:10:31"),
            tile("29UPU", 29, 600000, 5900040, 80, "11:33:21"),
            tile("29SND", 29, 499980, 4400040, 37, "11:25:01"),
            tile("35WPN", 35, 600000, 7300020, 36, "09:40:33"),
            tile("34TEQ", 34, 499980, 5000040, 136, "09:30:29"),
            tile("35VNH", 35, 499980, 6800040, 136, "09:30:19"),
            tile("35VPK", 35, 600000, 7000020, 136, "09:30:20"),
            tile("35VLC", 35, 300000, 6300000, 36, "09:40:19"),
            tile("34TEP", 34, 499980, 4900020, 136, "09:30:39"),
            tile("31UFT", 31, 600000, 5700000, 8, "10:40:21"),
            tile("32TNS", 32, 499980, 5200020, 108, "10:30:21"),
            tile("34UDC", 34, 399960, 6000000, 79, "09:50:31"));

    private static S2Tile tile(String name, int zone, int ulx, int uly, int orbit, String overpass) {
        return new S2Tile(name, new UtmZone(zone, true), ulx, uly, orbit, LocalTime.parse(overpass));
    }
}

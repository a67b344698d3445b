#!/usr/bin/env bash
# Two 2136 x 2136 12-band Sentinel-2 scenes of one place at two dates, for the README's `deq index --tile` figure:
# SSL4EO-S12's two sample dates (264 x 264, Punjab) stacked in BigEarthNet's band order and upsampled 8 times by GDAL
# into tiled DEFLATE GeoTIFFs. Needs GDAL (gdalbuildvrt, gdal_translate). The extent is the union of the bands' grids,
# which SSL4EO-S12 shifts by half a 10 m pixel: the outer 12 pixels lack some bands (0 there), a benchmark's input only.
# Usage: scripts/make-scenes.sh [OUT_DIR]   (default /tmp/scenes)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/scenes}"
location="$here/../shared/data/ssl4eo-s12-sample/s2a/0000200"
mkdir -p "$out"
for d in "$location"/*/; do
  name="$(basename "$d")"
  bands=()
  for b in B1 B2 B3 B4 B5 B6 B7 B8 B8A B9 B11 B12; do bands+=("$d/$b.tif"); done
  gdalbuildvrt -q -separate -resolution highest "$out/$name.vrt" "${bands[@]}"
  gdal_translate -q -outsize 800% 800% -r bilinear -co TILED=YES -co COMPRESS=DEFLATE -co PREDICTOR=2 \
    "$out/$name.vrt" "$out/T43RCP_${name%%_*}.tif"
  rm "$out/$name.vrt"
done
ls -l "$out"

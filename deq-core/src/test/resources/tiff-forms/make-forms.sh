#!/usr/bin/env bash
# Makes the tiny GeoTIFFs of this folder with GDAL (tested by TiffFormsTest; GDAL is not needed to run the tests): a
# 70 x 50 window of SSL4EO-S12's sample (WGS84, 3 Sentinel-2 bands with descriptions) in the forms deq's block
# reader decodes: classic TIFF and BigTIFF twins, strips and 16 x 16 tiles, uncompressed, PackBits, LZW and DEFLATE,
# predictors 2 and 3, pixel- and band-interleaved, little- and big-endian, UInt8, UInt16, Int16, Float32 and Float64,
# and a sparse file (tiles never written). Each twin `NAME.FORM.tif` (BigTIFF where FORM starts with big, big-endian
# where FORM has be) holds the same pixels as the classic little-endian `NAME.tif`.
# Usage: deq-core/src/test/resources/tiff-forms/make-forms.sh   (from anywhere; needs gdal_translate, gdalbuildvrt)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
date="$here/../../../../../../shared/data/ssl4eo-s12-sample/s2a/0000200/20200604T054639_20200604T054831_T43RCP"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$here"
rm -f ./*.tif ./*.aux.xml

# the source: four bands stacked, named B2 B3 B4 B8 (GDAL writes them into GDAL_METADATA)
gdalbuildvrt -q -separate "$tmp/stack.vrt" "$date/B2.tif" "$date/B3.tif" "$date/B4.tif" "$date/B8.tif"
n=0
for name in B2 B3 B4 B8; do
  n=$((n + 1))
  sed -i "s|<VRTRasterBand dataType=\"UInt16\" band=\"$n\"[^>]*>|&<Description>$name</Description>|" "$tmp/stack.vrt"
done
rgb=(-b 1 -b 2 -b 3 -srcwin 100 100 15 12 -outsize 45 35 -r bilinear "$tmp/stack.vrt")
tiles=(-co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16)
make() { # make NAME OPTIONS...: the classic file NAME.tif
  local name="$1"; shift
  gdal_translate -q "$@" "$name.tif"
}
twin() { # twin NAME SUFFIX OPTIONS...: NAME.SUFFIX.tif, a BigTIFF of NAME.tif's pixels
  local name="$1" suffix="$2"; shift 2
  gdal_translate -q -co BIGTIFF=YES "$@" "$name.$suffix.tif"
}

make u16-strip-none -co BLOCKYSIZE=7 "${rgb[@]}"
twin u16-strip-none big -co BLOCKYSIZE=7 "${rgb[@]}"
make u16-strip-packbits -co COMPRESS=PACKBITS -co BLOCKYSIZE=5 -b 4 -b 1 -srcwin 100 100 15 12 -outsize 45 35 \
  -r bilinear "$tmp/stack.vrt"
make u16-strip-lzw-p2 -co COMPRESS=LZW -co PREDICTOR=2 -co BLOCKYSIZE=8 "${rgb[@]}"
# classic big-endian twins with a predictor, strips and tiles (NGA tiff, deq's former whole-file reader, misread them)
gdal_translate -q -co COMPRESS=LZW -co PREDICTOR=2 -co BLOCKYSIZE=8 -co ENDIANNESS=BIG "${rgb[@]}" u16-strip-lzw-p2.be.tif
twin u16-strip-lzw-p2 big-be -co COMPRESS=LZW -co PREDICTOR=2 -co ENDIANNESS=BIG -co BLOCKYSIZE=8 "${rgb[@]}"
make u16-tile-lzw-p2 "${tiles[@]}" -co COMPRESS=LZW -co PREDICTOR=2 "${rgb[@]}"
twin u16-tile-lzw-p2 big "${tiles[@]}" -co COMPRESS=LZW -co PREDICTOR=2 "${rgb[@]}"
gdal_translate -q "${tiles[@]}" -co COMPRESS=LZW -co PREDICTOR=2 -co ENDIANNESS=BIG "${rgb[@]}" u16-tile-lzw-p2.be.tif
make u16-tile-deflate-p2-band "${tiles[@]}" -co COMPRESS=DEFLATE -co PREDICTOR=2 -co INTERLEAVE=BAND "${rgb[@]}"
twin u16-tile-deflate-p2-band big-be "${tiles[@]}" -co COMPRESS=DEFLATE -co PREDICTOR=2 -co INTERLEAVE=BAND \
  -co ENDIANNESS=BIG "${rgb[@]}"

i16=(-ot Int16 -scale 0 4000 -20000 20000 "${rgb[@]}")
make i16-tile-deflate-p2 "${tiles[@]}" -co COMPRESS=DEFLATE -co PREDICTOR=2 "${i16[@]}"
twin i16-tile-deflate-p2 big-be "${tiles[@]}" -co COMPRESS=DEFLATE -co PREDICTOR=2 -co ENDIANNESS=BIG "${i16[@]}"

f32=(-ot Float32 -scale 0 4000 -1 1 -a_nodata nan "${rgb[@]}")
make f32-tile-lzw-p3 "${tiles[@]}" -co COMPRESS=LZW -co PREDICTOR=3 "${f32[@]}"
twin f32-tile-lzw-p3 big "${tiles[@]}" -co COMPRESS=LZW -co PREDICTOR=3 "${f32[@]}"
make f32-strip-deflate-p3-band -co COMPRESS=DEFLATE -co PREDICTOR=3 -co INTERLEAVE=BAND -co BLOCKYSIZE=9 "${f32[@]}"
twin f32-strip-deflate-p3-band big -co COMPRESS=DEFLATE -co PREDICTOR=3 -co INTERLEAVE=BAND -co BLOCKYSIZE=9 "${f32[@]}"
# big-endian floats without predictor: GDAL 3.6 itself misreads the big-endian files it writes with PREDICTOR=3
twin f32-tile-lzw-p3 big-be-none "${tiles[@]}" -co ENDIANNESS=BIG "${f32[@]}"
make f64-tile-deflate-p3 "${tiles[@]}" -co COMPRESS=DEFLATE -co PREDICTOR=3 -ot Float64 -scale 0 4000 -1 1 -b 4 \
  -srcwin 100 100 15 12 -outsize 45 35 -r bilinear "$tmp/stack.vrt"

u8=(-ot Byte -scale 0 3000 0 255 "${rgb[@]}")
make u8-strip-deflate-p2 -co COMPRESS=DEFLATE -co PREDICTOR=2 -co BLOCKYSIZE=6 "${u8[@]}"
twin u8-strip-deflate-p2 big -co COMPRESS=DEFLATE -co PREDICTOR=2 -co BLOCKYSIZE=6 "${u8[@]}"

# the right half lies outside the 264-pixel source: 0, and the tiles wholly there are never written
sparse=(-b 1 -b 2 -b 3 -srcwin 255 100 15 12 -outsize 45 35 -r bilinear "$tmp/stack.vrt")
make u16-tile-edge "${tiles[@]}" -co COMPRESS=LZW "${sparse[@]}" 2>/dev/null
twin u16-tile-edge big-sparse "${tiles[@]}" -co COMPRESS=LZW -co SPARSE_OK=TRUE "${sparse[@]}" 2>/dev/null
rm -f ./*.aux.xml
ls -l ./*.tif

#!/usr/bin/env bash
# Reproduces the README's UC Merced table: for each descriptor spec, index the 2100 scenes twice (single-label class
# folders, multi-label LandUse_Multilabeled.txt) and evaluate every image as a query at k=20 (query excluded).
# Usage: scripts/ucm-eval.sh [DATA_DIR] [OUT_DIR] [SPEC:DISTANCE ...]; DEQ overrides the launcher (e.g. a built jar's
# java -cp ... org.deq.cli.Deq).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEQ=${DEQ:-"$ROOT/deq"}
DATA="${1:-$ROOT/../shared/data}/uc-merced-landuse"
OUT="${2:-/tmp/deq-ucm}"
shift 2 || true
SPECS=("$@")
if [ ${#SPECS[@]} -eq 0 ]; then
  SPECS=("hsv-hist:chi2" "lbp:chi2" "hsv-hist:power=0.5+lbp:power=0.5:l2")
fi
mkdir -p "$OUT"
printf '| descriptor | distance | label recall@20 | label precision@20 | mAP@20 (multi) | mAP@20 (single) | P@20 (single) | ms/query |\n|---|---|---|---|---|---|---|---|\n' > "$OUT/table.md"
for entry in "${SPECS[@]}"; do
  spec="${entry%:*}"; dist="${entry##*:}"
  slug=$(echo "$spec-$dist" | tr -c 'a-zA-Z0-9\n' '_')
  for mode in single multi; do
    idx="$OUT/$slug-$mode"
    labels=()
    [ "$mode" = multi ] && labels=(--labels "$DATA/multilabels/LandUse_Multilabeled.txt")
    [ -f "$idx/manifest.json" ] || $DEQ index --archive "$DATA/Images" "${labels[@]}" --descriptor "$spec" \
        --distance "$dist" --out "$idx" > "$idx.log" 2>/dev/null
    $DEQ eval --index "$idx" --k 20 --json "$idx.json" > /dev/null 2>&1
  done
  /usr/bin/python3 - "$spec" "$dist" "$OUT/$slug-multi.json" "$OUT/$slug-single.json" >> "$OUT/table.md" <<'PY'
import json, sys
spec, dist, multi, single = sys.argv[1:5]
m = json.load(open(multi)); s = json.load(open(single))
print(f"| `{spec}` | {dist} | {m['label_recall_at_k']:.3f} | {m['label_precision_at_k']:.3f} | {m['map_at_k']:.3f} "
      f"| {s['map_at_k']:.3f} | {s['precision_at_k']:.3f} | {m['ms_per_query']:.2f} |")
PY
done
cat "$OUT/table.md"

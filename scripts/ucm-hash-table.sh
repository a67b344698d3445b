#!/usr/bin/env bash
# UC Merced hashing quality table: for each index, exact search and the lsh/itq/klsh/ksh/deep encoders at several code lengths,
# evaluated through the deq CLI (deq index --hash, deq eval --search). Prints one TSV row per evaluation.
#   scripts/ucm-hash-table.sh INDEX multi|single|regions [BITS...]
# multi : every image a query over all images (k = 20); ksh and deep, being supervised, are trained on the 60/40 split's
#         train part (seed 1) and evaluated on the test queries only, beside exact search and lsh on that same protocol.
# single: per-class 60/40 split (seed 1), queries = test images, database = the other test images (Roy et al. 2018).
# regions: like multi, for an index built with --descriptor local-hist:...: lsh Hamming ranking against multi-code
#          hashing (Reato et al. 2019) of the same regions, one lsh code per primitive cluster.
# The index is re-hashed in place for every row (its descriptors are untouched). DEQ overrides the launcher.
set -euo pipefail
DEQ=${DEQ:-"$(dirname "$0")/../deq"}
INDEX=$1; MODE=$2; shift 2
BITS=${*:-16 32 64 128}
SPLIT=(--split 60/40 --seed 1)
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

row() { # label search eval-args...
  local label=$1 search=$2; shift 2
  $DEQ eval --index "$INDEX" --k 20 --search "$search" --json "$TMP/e.json" "$@" > /dev/null
  /usr/bin/python3 - "$TMP/e.json" "$INDEX" "$label" "$search" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
f = lambda k: "%.3f" % e[k] if isinstance(e.get(k), (int, float)) else "-"
print("\t".join([sys.argv[2].rstrip("/").split("/")[-1], e["protocol"], sys.argv[3], sys.argv[4], f("map_at_k"),
                 f("precision_at_k"), f("label_precision_at_k"), f("label_recall_at_k"), "%.3f" % e["ms_per_query"]]), flush=True)
PY
}
hash() { # supervised encoders learn from the split's train part; the others take only its seed for their training
  case $1 in ksh*|deep*) $DEQ index --out "$INDEX" --hash "$1" "${SPLIT[@]}" > /dev/null;;
             *) $DEQ index --out "$INDEX" --hash "$1" --seed 1 > /dev/null;; esac
}

echo -e "index\tprotocol\tencoder\tsearch\tmap@20\tP@20\tlabelP@20\tlabelR@20\tms/query"
if [ "$MODE" = multi ]; then
  row exact flat
  for b in $BITS; do for m in lsh itq klsh; do hash "$m:bits=$b"; row "$m:bits=$b" hamming; done; done
  TEST=(--queries test --database all "${SPLIT[@]}")
  row exact flat "${TEST[@]}"
  for b in $BITS; do
    hash "lsh:bits=$b"; row "lsh:bits=$b" hamming "${TEST[@]}"
    hash "ksh:bits=$b"; row "ksh:bits=$b" hamming "${TEST[@]}"
    hash "deep:bits=$b"; row "deep:bits=$b" hamming "${TEST[@]}"
  done
elif [ "$MODE" = regions ]; then
  row exact flat
  for b in $BITS; do
    hash "lsh:bits=$b"; row "lsh:bits=$b" hamming
    for c in 8 16; do
      $DEQ index --out "$INDEX" --multi-code "$c" > /dev/null; row "lsh:bits=$b,clusters=$c" multi-code
    done
  done
else
  TEST=(--queries test --database test "${SPLIT[@]}")
  row exact flat "${TEST[@]}"
  for b in $BITS; do for m in lsh klsh ksh deep; do hash "$m:bits=$b"; row "$m:bits=$b" hamming "${TEST[@]}"; done; done
  hash "ksh:bits=64"; row "ksh:bits=64" two-stage:candidates=100 "${TEST[@]}"
fi

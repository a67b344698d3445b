#!/usr/bin/python3
"""Times FAISS on the data `deq bench index --export DIR` wrote, with the same queries and exact neighbours.

Usage: /usr/bin/python3 scripts/faiss-bench.py DIR/n590000 [--json FILE] [--repeats 3]
Needs Debian's python3-faiss (apt-get install -y python3-faiss); run it with /usr/bin/python3, not a pyenv python.
Methods: IndexFlatL2 (exact), IndexHNSWFlat (M=16, efConstruction=100, efSearch=100), IndexBinaryFlat and
IndexBinaryMultiHash on deq's own codes. Prints one line per method and writes the deq bench JSON keys.
"""
import argparse
import json
import os
import time

import numpy as np
import faiss

K, K_RECALL = 10, 100


def load(folder):
    meta = dict(line.split("=") for line in open(os.path.join(folder, "meta.txt")).read().split())
    n, dim, nq, bits = (int(meta[k]) for k in ("n", "dim", "queries", "bits"))
    base = np.fromfile(os.path.join(folder, "base.f32"), dtype="<f4").reshape(n, dim)
    queries = np.fromfile(os.path.join(folder, "queries.f32"), dtype="<f4").reshape(nq, dim)
    words = (bits + 63) // 64
    # little-endian longs viewed as bytes: the Hamming distance does not depend on the bit order
    codes = np.fromfile(os.path.join(folder, "codes.u64"), dtype="<u8").reshape(n, words).view(np.uint8)
    qcodes = np.fromfile(os.path.join(folder, "query-codes.u64"), dtype="<u8").reshape(nq, words).view(np.uint8)
    truth = np.fromfile(os.path.join(folder, "truth.i32"), dtype="<i4").reshape(nq, K_RECALL)
    return n, dim, bits, base, queries, codes, qcodes, truth


def measure(name, n, bits, index, queries, truth, build_s, bytes_per_image, repeats):
    faiss.omp_set_num_threads(1)
    for q in queries:  # warm-up
        index.search(q[None, :], K)
    p50s, p99s, qpss = [], [], []
    for _ in range(repeats):
        times = []
        for q in queries:
            t = time.perf_counter()
            index.search(q[None, :], K)
            times.append(time.perf_counter() - t)
        times.sort()
        p50s.append(times[(len(times) - 1) // 2] * 1e3)
        p99s.append(times[int(np.ceil(0.99 * len(times))) - 1] * 1e3)
        faiss.omp_set_num_threads(os.cpu_count())
        t = time.perf_counter()
        index.search(queries, K)
        qpss.append(len(queries) / (time.perf_counter() - t))
        faiss.omp_set_num_threads(1)
    _, ids = index.search(queries, K_RECALL)
    r10 = np.mean([len(set(ids[i, :K]) & set(truth[i, :K])) / K for i in range(len(queries))])
    r100 = np.mean([len(set(ids[i]) & set(truth[i])) / K_RECALL for i in range(len(queries))])
    row = dict(method=name, n=n, bits=bits, p50_ms=float(np.median(p50s)), p99_ms=float(np.median(p99s)),
               qps=float(np.median(qpss)), recall_at_10=float(r10), recall_at_100=float(r100),
               bytes_per_image=bytes_per_image, build_s=build_s, reference="exact")
    print("%-24s n=%-9d bits=%-4d p50=%9.3f ms  p99=%9.3f ms  qps=%9.1f  recall@10=%.3f  recall@100=%.3f  mem=%7.1f B/img  build=%7.2f s"
          % (name, n, bits, row["p50_ms"], row["p99_ms"], row["qps"], r10, r100, bytes_per_image, build_s), flush=True)
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--json")
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    n, dim, bits, base, queries, codes, qcodes, truth = load(a.folder)
    rows = []

    t = time.perf_counter()
    flat = faiss.IndexFlatL2(dim)
    flat.add(base)
    rows.append(measure("faiss-flat", n, 0, flat, queries, truth, time.perf_counter() - t, 4.0 * dim, a.repeats))

    faiss.omp_set_num_threads(os.cpu_count())
    t = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(dim, 16)
    hnsw.hnsw.efConstruction = 100
    hnsw.add(base)
    hnsw.hnsw.efSearch = 100
    build = time.perf_counter() - t
    # memory estimate: the vectors plus about 2M links of 4 bytes on level 0 (upper levels add ~5 %)
    rows.append(measure("faiss-hnsw:m=16", n, 0, hnsw, queries, truth, build, 4.0 * dim + 2 * 16 * 4 * 1.05, a.repeats))

    # binary indexes search deq's codes: recall is that of the codes against exact L2, as for deq's hamming-scan
    def multihash():
        # m tables of bits/m bits, probing keys up to 2 bits away: a radius lookup, not exact k-NN like deq's MIH
        m = max(1, round(bits / np.log2(n)))
        index = faiss.IndexBinaryMultiHash(bits, m, bits // m)
        index.nflip = 2
        return index

    binary_queries = qcodes
    for name, make in (("faiss-binary-flat", lambda: faiss.IndexBinaryFlat(bits)),
                       ("faiss-binary-multihash:nflip=2", multihash)):
        t = time.perf_counter()
        index = make()
        index.add(codes)
        build = time.perf_counter() - t
        rows.append(measure(name, n, bits, index, binary_queries, truth, build, bits / 8.0, a.repeats))

    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=2)
        print("wrote", a.json)


if __name__ == "__main__":
    main()

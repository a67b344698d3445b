/** Vector indexes with a FAISS-like contract: packed float vectors in, ranked ids and distances out (exact flat scan, Hamming scan / multi-index hashing / hash tables over binary codes, two-stage re-rank, multi-code hashing of image regions). */
package org.deq.index;

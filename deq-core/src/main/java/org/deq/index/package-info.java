/** Vector indexes with a FAISS-like contract: packed float vectors in, ranked ids and distances out (exact flat scan, later hashing indexes). */
package org.deq.index;

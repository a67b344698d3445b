/** The on-disk index store: manifest, Lucene metadata, dense float32 descriptors and descriptor state, with atomic commits. */
package org.deq.store;

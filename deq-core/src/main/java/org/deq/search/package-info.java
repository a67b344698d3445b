/** Queries over an index store: metadata filters compiled to bitsets, and the search engine returning ranked hits. */
package org.deq.search;

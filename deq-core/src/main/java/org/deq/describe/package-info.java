/** Image descriptors (spectral and local histograms, indices, LBP texture, SIFT bag-of-words) and their text specs. */
package org.deq.describe;

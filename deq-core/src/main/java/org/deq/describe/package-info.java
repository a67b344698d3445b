/**
 * Image descriptors (spectral, HSV and local histograms, indices, LBP texture, SIFT bag-of-words) and their text specs:
 * {@link org.deq.describe.DescriptorSpecs} parses {@code name:key=value} parts joined by {@code +} into one composite,
 * and other modules add kinds through {@link org.deq.describe.DescriptorProvider} (as deq-deep adds {@code cnn}).
 */
package org.deq.describe;

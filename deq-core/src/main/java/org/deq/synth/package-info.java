/**
 * The synthetic Sentinel-2 archive: land-cover spectra, a seeded patch and bi-temporal pair generator, a streaming
 * writer of the BigEarthNet v1.0 layout and an in-memory {@link org.deq.archive.Archive} for scale tests.
 */
package org.deq.synth;

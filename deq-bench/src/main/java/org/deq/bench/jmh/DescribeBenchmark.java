package org.deq.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.raster.Patch;
import org.deq.synth.SyntheticPatchGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Describing one 120 x 120 synthetic Sentinel-2 patch: the default descriptor and each of its parts (the ingest's CPU). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DescribeBenchmark {

    @Param({DescriptorSpecs.DEFAULT_S2, "spectral-hist:bins=16,bands=s2", "stats:bands=s2", "lbp"})
    String spec;

    private Descriptor descriptor;
    private Patch patch;

    /** One seeded patch, as `deq synth` writes it. */
    @Setup
    public void setUp() {
        descriptor = DescriptorSpecs.parse(spec);
        patch = new SyntheticPatchGenerator(1, false).scene(0).toPatch("synthetic");
    }

    /** The descriptor of the patch. */
    @Benchmark
    public float[] describe() {
        return descriptor.describe(patch);
    }
}

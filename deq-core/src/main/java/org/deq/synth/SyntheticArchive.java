package org.deq.synth;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.deq.archive.Archive;
import org.deq.archive.PatchSource;
import org.deq.raster.Patch;

/**
 * An archive generated on the fly, in memory, for scale tests: nothing is written, each {@link PatchSource#read()}
 * generates its patch (a pair's patch regenerates the pair). Locations are virtual paths
 * {@code synthetic-<seed>/<patch name>}.
 */
public final class SyntheticArchive implements Archive {

    private final SyntheticArchiveSpec spec;
    private final SyntheticPatchGenerator generator;

    /** The archive {@code spec} describes; each patch is generated from its seed when asked for, never stored. */
    public SyntheticArchive(SyntheticArchiveSpec spec) {
        this.spec = spec;
        this.generator = spec.generator();
    }

    @Override
    public String name() {
        return spec.describe();
    }

    @Override
    public long sizeHint() {
        return spec.size();
    }

    /** The scene of archive item {@code index}, with its ground truth. */
    public SyntheticScene scene(long index) {
        if (index < 0 || index >= spec.size()) {
            throw new IllegalArgumentException("synthetic archive item must be in 0.." + (spec.size() - 1) + ": " + index);
        }
        if (index < spec.patches()) {
            return generator.scene(index);
        }
        long p = index - spec.patches();
        ScenePair pair = generator.pair(p / 2);
        return p % 2 == 0 ? pair.before() : pair.after();
    }

    /** Name of archive item {@code index}, without generating it. */
    public String itemName(long index) {
        if (index < spec.patches()) {
            return generator.sceneName(index);
        }
        long p = index - spec.patches();
        return generator.pairName(p / 2, (int) (p % 2));
    }

    @Override
    public Iterator<PatchSource> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < spec.size();
            }

            @Override
            public PatchSource next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return new Source(next++);
            }
        };
    }

    /** A generated patch, not yet rendered. */
    private final class Source implements PatchSource {
        private final long index;
        private final String id;

        Source(long index) {
            this.index = index;
            this.id = itemName(index);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Path location() {
            return Path.of("synthetic-" + spec.seed(), id);
        }

        @Override
        public Patch read() {
            return scene(index).toPatch(name());
        }
    }
}

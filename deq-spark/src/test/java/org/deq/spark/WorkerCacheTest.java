package org.deq.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.deq.describe.Descriptor;
import org.deq.describe.DescriptorSpecs;
import org.deq.index.Distance;
import org.deq.raster.PatchMeta;
import org.deq.store.IndexStore;
import org.deq.store.StoreConfig;
import org.deq.store.StoreWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index a worker opens for batch queries is closed after the last task using it, whatever other jobs arrive. */
class WorkerCacheTest {

    @TempDir
    Path tmp;

    @AfterEach
    void letGo() {
        WorkerCache.clear();
    }

    /** An index of four patches p0..p3 whose descriptor the workers can restore. */
    private String index() throws IOException {
        Descriptor d = DescriptorSpecs.parse("hsv-hist");
        Path dir = tmp.resolve("index");
        try (IndexStore store = IndexStore.create(dir, new StoreConfig(d.spec(), Distance.L1, d.dimension(), new byte[0]));
             StoreWriter w = store.writer()) {
            for (int i = 0; i < 4; i++) {
                float[] v = new float[d.dimension()];
                v[i] = 1;
                w.add(PatchMeta.of("p" + i, "test"), v);
            }
            w.commit();
        }
        return dir.toString();
    }

    /** The generation of the index in {@code dir} once one more patch is committed to it. */
    private static long addOne(String dir) throws IOException {
        try (IndexStore store = IndexStore.open(Path.of(dir)); StoreWriter w = store.writer()) {
            w.add(PatchMeta.of("p" + store.size(), "test"), new float[store.config().dimension()]);
            w.commit();
        }
        try (IndexStore store = IndexStore.open(Path.of(dir))) {
            return store.generation();
        }
    }

    private static long generation(String dir) throws IOException {
        try (IndexStore store = IndexStore.open(Path.of(dir))) {
            return store.generation();
        }
    }

    @Test
    void anotherJobsIndexVersionClosesTheStoreOnlyAfterTheLastTaskUsingIt() throws IOException {
        String dir = index();
        IndexStore first;
        try (var task = WorkerCache.query(dir, generation(dir), "flat")) {
            first = task.value().store();
            long later = addOne(dir);
            // a task of another job, over a later version of the index, starts and ends while this one still answers
            try (var other = WorkerCache.query(dir, later, "flat")) {
                assertThat(other.value().store()).isNotSameAs(first);
            }
            assertThat(first.meta(1).id()).isEqualTo("p1");
            // the other job's driver lets its workers' caches go (local master: this JVM)
            WorkerCache.clear();
            assertThat(first.meta(2).id()).isEqualTo("p2");
        }
        assertThatThrownBy(() -> first.meta(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTasksOfOneJobShareOneOpenedStore() throws IOException {
        String dir = index();
        long generation = generation(dir);
        try (var a = WorkerCache.query(dir, generation, "flat"); var b = WorkerCache.query(dir, generation, "flat")) {
            assertThat(b.value()).isSameAs(a.value());
        }
        IndexStore kept;
        try (var later = WorkerCache.query(dir, generation, "flat")) {
            kept = later.value().store();
        }
        assertThat(kept.meta(0).id()).isEqualTo("p0"); // open between tasks
        WorkerCache.clear();
        assertThatThrownBy(() -> kept.meta(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWorkerRefusesAnIndexCommittedAfterTheDriverReadItsGeneration() throws IOException {
        String dir = index();
        long driver = generation(dir);
        long later = addOne(dir); // an ingest commits between the driver's look and the worker's open
        assertThatThrownBy(() -> WorkerCache.query(dir, driver, "flat")).isInstanceOf(IOException.class)
                .hasMessage("index " + dir + ": generation " + later + " was committed after this batch query started from"
                        + " generation " + driver + " (an ingest ran meanwhile); run the batch query again");
        try (var current = WorkerCache.query(dir, later, "flat")) {
            assertThat(current.value().store().size()).isEqualTo(5);
        }
    }
}

package org.deq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.deq.index.Index;
import org.deq.index.SearchResult;

/**
 * The Lucene HNSW baseline (lucene-core {@code KnnFloatVectorField} + {@code KnnFloatVectorQuery}, Euclidean) over the
 * same descriptors, in a directory on disk. Documents are added in order with merges off, so doc id = ordinal.
 * Distances are reported as Euclidean, from Lucene's score 1 / (1 + d²). Filters and exclusion are not supported:
 * the benchmark does not use them.
 */
public final class LuceneHnsw implements Index, AutoCloseable {

    private static final String FIELD = "v";

    private final Path dir;
    private final int dim;
    private final int beamWidth;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private int size;

    /** An empty index in the empty or absent directory {@code dir}; each graph node links {@code maxConn} neighbours. */
    public LuceneHnsw(Path dir, int dim, int maxConn, int beamWidth) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.dim = dim;
        this.beamWidth = beamWidth;
        this.directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig()
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return new Lucene99HnswVectorsFormat(maxConn, beamWidth);
                    }
                })
                // one big in-memory segment per flush and no merges: doc ids stay ordinals, no graph is rebuilt
                .setRAMBufferSizeMB(2048)
                .setMergePolicy(NoMergePolicy.INSTANCE);
        this.writer = new IndexWriter(directory, config);
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void add(float[] vectors) {
        int n = vectors.length / dim;
        try {
            for (int i = 0; i < n; i++) {
                Document d = new Document();
                d.add(new KnnFloatVectorField(FIELD, Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim),
                        VectorSimilarityFunction.EUCLIDEAN));
                writer.addDocument(d);
            }
            writer.commit();
            if (reader != null) {
                reader.close();
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size += n;
    }

    /** Bytes of the index files on disk (vectors and graph). */
    public long diskBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long sum = 0;
            for (Path p : files.toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    /** The candidate queue of a search is max(k, beam width), Lucene's own advice for recall. */
    @Override
    public SearchResult search(float[] query, int k, BitSet allowed, int excludeId) {
        if (allowed != null || excludeId >= 0) {
            throw new IllegalArgumentException("the HNSW baseline takes neither filters nor excluded ids");
        }
        try {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(FIELD, query, Math.max(k, beamWidth)), k);
            int m = Math.min(k, top.scoreDocs.length);
            int[] ids = new int[m];
            float[] dists = new float[m];
            for (int i = 0; i < m; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                ids[i] = sd.doc;
                dists[i] = (float) Math.sqrt(Math.max(0, 1 / sd.score - 1));
            }
            return new SearchResult(ids, dists);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        writer.close();
        directory.close();
    }
}

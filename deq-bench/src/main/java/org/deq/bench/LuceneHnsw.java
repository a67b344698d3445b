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
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.deq.index.Index;
import org.deq.index.SearchResult;

/**
 * The Lucene HNSW baseline (lucene-core {@code KnnFloatVectorField} + {@code KnnFloatVectorQuery}, Euclidean) over the
 * same descriptors, in a directory on disk. Documents are added in order with merges off, so doc id = ordinal.
 * Distances are reported as Euclidean, from Lucene's score 1 / (1 + d²). A filter and an excluded id become Lucene's
 * filter of the k-NN query, which searches the graph for allowed documents only (and scans them exactly when they are
 * few), as every {@link Index} honours filters: never by post-filtering a short list.
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
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        if (k == 0 || size == 0) {
            return new SearchResult(new int[0], new float[0]);
        }
        BitSet docs = allowed;
        if (excludeId >= 0) {
            docs = allowed == null ? new BitSet(size) : (BitSet) allowed.clone();
            if (allowed == null) {
                docs.set(0, size);
            }
            docs.clear(excludeId);
        }
        try {
            int queue = Math.max(k, beamWidth);
            TopDocs top = searcher.search(docs == null ? new KnnFloatVectorQuery(FIELD, query, queue)
                    : new KnnFloatVectorQuery(FIELD, query, queue, new AllowedDocs(docs)), k);
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

    /** The documents whose ids (ordinals) are set in a bit set: the filter of a k-NN query. */
    private static final class AllowedDocs extends Query {
        private final BitSet allowed;

        AllowedDocs(BitSet allowed) {
            this.allowed = allowed;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            return new ConstantScoreWeight(this, boost) {
                @Override
                public Scorer scorer(LeafReaderContext leaf) {
                    int base = leaf.docBase;
                    int max = leaf.reader().maxDoc();
                    FixedBitSet docs = new FixedBitSet(max);
                    for (int i = allowed.nextSetBit(base); i >= 0 && i < base + max; i = allowed.nextSetBit(i + 1)) {
                        docs.set(i - base);
                    }
                    int count = docs.cardinality();
                    return count == 0 ? null : new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(docs, count));
                }

                @Override
                public boolean isCacheable(LeafReaderContext leaf) {
                    return false; // one query's filter: nothing to gain from caching it
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "allowed ordinals (" + allowed.cardinality() + ")";
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
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

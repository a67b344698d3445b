package org.deq.deep;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.deq.concurrent.LeasedCache;
import org.deq.describe.BandSet;
import org.deq.describe.Descriptor;
import org.deq.describe.Pixels;
import org.deq.describe.SpecParams;
import org.deq.io.Failures;
import org.deq.raster.Patch;
import org.deq.raster.Resample;

/**
 * The embedding an ONNX image model gives a patch: its bands (true-colour RGB by default, or any {@link BandSet}, e.g.
 * the twelve Sentinel-2 bands for a multispectral model) scaled to [0, 1] as the colour descriptors scale them, resized
 * to {@code size x size}, as one {@code [1, C, size, size]} input; the first output, {@code [1, D]}, is the descriptor.
 * The model's SHA-256 is saved with the index, so an index never silently mixes embeddings of two models.
 */
public final class OnnxEmbedding implements Descriptor {

    /** Input size when neither the spec nor the model's {@code deq.size} metadata gives one (ImageNet models). */
    static final int DEFAULT_SIZE = 224;
    /** Smallest input size a spec's {@code size} (or a model's {@code deq.size}) takes. */
    static final int MIN_SIZE = 8;
    /** Largest input size a spec's {@code size} (or a model's {@code deq.size}) takes. */
    static final int MAX_SIZE = 2048;

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    /**
     * The models most recently used, by file and content: restoring an index's descriptor for each query must not
     * reload its model, and a server or Spark worker that meets many models must not keep every session's network in
     * native memory.
     */
    private static final LeasedCache<Model> MODELS = new LeasedCache<>(4);

    private record Model(OrtSession session, String input, long channels, int metadataSize) implements AutoCloseable {
        @Override
        public void close() throws OrtException {
            session.close();
        }
    }

    private final Path file;
    private final String digest;
    private final BandSet bands;
    private final int size;
    private final int dimension;

    private OnnxEmbedding(Path file, String digest, long channels, BandSet bands, int size) {
        if (channels != -1 && channels != bands.size()) {
            throw new IllegalArgumentException("cnn: model " + file + " takes " + channels + " channels, bands="
                    + bands.spec() + " gives " + bands.size());
        }
        this.file = file;
        this.digest = digest;
        this.bands = bands;
        this.size = size;
        this.dimension = run(new float[bands.size() * size * size], "a blank image").length;
    }

    /**
     * The embedding of {@code file} on {@code bands} at {@code size} (0: the model's own); IllegalArgumentException on a
     * bad model or a model that takes another number of channels.
     */
    public static OnnxEmbedding open(Path file, BandSet bands, int size) {
        Path abs = file.toAbsolutePath().normalize();
        checkWritableInSpec(abs);
        byte[] bytes = read(abs);
        String digest = sha256(bytes);
        try (LeasedCache<Model>.Lease lease = MODELS.acquire(key(abs, digest), () -> load(abs, bytes))) {
            Model m = lease.value();
            int s = size > 0 ? size : m.metadataSize() > 0 ? m.metadataSize() : DEFAULT_SIZE;
            return new OnnxEmbedding(abs, digest, m.channels(), bands, s);
        }
    }

    /**
     * Refuses a model path that {@link #spec} cannot carry: the spec grammar has no escape, and splits descriptors on
     * '+' and parameters on ',' (a later ',' token with '=' reads as a parameter), so the index could not be reopened.
     */
    private static void checkWritableInSpec(Path abs) {
        String path = abs.toString();
        String back;
        try {
            back = path.contains("+") ? null : SpecParams.parse("cnn", "model=" + path).string("model", null);
        } catch (IllegalArgumentException e) {
            back = null;
        }
        if (!path.equals(back)) {
            throw new IllegalArgumentException("cnn: model path " + path + " cannot be written in a descriptor spec"
                    + " ('+' separates descriptors, ',' parameters); move or link the model to a path without them");
        }
    }

    private static String key(Path file, String digest) {
        return file + "@" + digest;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cnn: model file " + file + " not found");
        } catch (IOException e) {
            throw new IllegalArgumentException("cnn: cannot read model file " + file + ": " + e.getMessage());
        }
    }

    /** This embedding's model loaded again after the cache let it go: its file must still hold the same model. */
    private Model reload() {
        byte[] bytes = read(file);
        checkDigest(sha256(bytes), digest, "this descriptor opened it");
        return load(file, bytes);
    }

    private static Model load(Path file, byte[] bytes) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // ingest describes patches on several workers at once: one thread per inference avoids oversubscription
            options.setIntraOpNumThreads(1);
            OrtSession session = ENV.createSession(bytes, options);
            try {
                return model(file, session);
            } catch (OrtException | RuntimeException e) {
                // a refused model must not keep its network in native memory
                try {
                    session.close();
                } catch (OrtException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (OrtException e) {
            throw new IllegalArgumentException("cnn: " + file + " is not a usable ONNX model: " + Failures.firstLine(e));
        }
    }

    /** The checked model of a new session: one image input, and an input size from its metadata or shape, if any. */
    private static Model model(Path file, OrtSession session) throws OrtException {
        if (session.getNumInputs() != 1) {
            throw new IllegalArgumentException("cnn: model " + file + " has " + session.getNumInputs()
                    + " inputs; expected one image input [n, channels, h, w]");
        }
        NodeInfo input = session.getInputInfo().values().iterator().next();
        long[] shape = input.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
        if (shape.length != 4) {
            throw new IllegalArgumentException("cnn: model " + file + " takes input " + input.getName() + " of shape "
                    + Arrays.toString(shape) + "; expected an image [n, channels, h, w]");
        }
        String declared = session.getMetadata().getCustomMetadata().get("deq.size");
        int metadataSize = declared != null ? declaredSize(file, declared) : shape[2] > 0 ? fixedSize(file, shape[2]) : 0;
        return new Model(session, input.getName(), shape[1], metadataSize);
    }

    /** The model's {@code deq.size}, in the range a spec's {@code size} takes, as the spec will record it. */
    private static int declaredSize(Path file, String declared) {
        int size;
        try {
            size = Integer.parseInt(declared.trim());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("cnn: model " + file + " has deq.size metadata '" + declared
                    + "'; expected a whole number in " + MIN_SIZE + ".." + MAX_SIZE);
        }
        return size;
    }

    /** A fixed input height, in the range a spec's {@code size} takes, as the spec will record it. */
    private static int fixedSize(Path file, long height) {
        if (height < MIN_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException("cnn: model " + file + " takes a fixed input of " + height
                    + " pixels; deq resizes patches to " + MIN_SIZE + ".." + MAX_SIZE);
        }
        return (int) height;
    }

    @Override
    public String spec() {
        return "cnn:model=" + file + ",size=" + size + (bands.equals(BandSet.RGB) ? "" : ",bands=" + bands.spec());
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] describe(Patch patch) {
        float[][] planes = Pixels.scaled(bands, patch);
        int plane = size * size;
        float[] input = new float[planes.length * plane];
        for (int c = 0; c < planes.length; c++) {
            float[] resized = Resample.bilinear(planes[c], patch.width(), patch.height(), size, size);
            System.arraycopy(resized, 0, input, c * plane, plane);
        }
        float[] v = run(input, "patch " + patch.meta().id());
        if (v.length != dimension) {
            throw new IllegalStateException("cnn: model " + file + " gave " + v.length + " values for patch "
                    + patch.meta().id() + ", " + dimension + " before");
        }
        return v;
    }

    private float[] run(float[] chw, String what) {
        // the lease keeps the session open until the result is read, whatever other calls evict meanwhile
        try (LeasedCache<Model>.Lease lease = MODELS.acquire(key(file, digest), this::reload);
             OnnxTensor tensor = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(chw),
                new long[] {1, bands.size(), size, size});
             OrtSession.Result result = lease.value().session().run(Map.of(lease.value().input(), tensor))) {
            if (!(result.get(0) instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT
                    || out.getInfo().getShape().length != 2) {
                throw new IllegalArgumentException("cnn: model " + file + " must output float32 [1, D], got "
                        + outputType(result.get(0)));
            }
            FloatBuffer fb = out.getFloatBuffer();
            float[] v = new float[fb.remaining()];
            fb.get(v);
            return v;
        } catch (OrtException e) {
            throw new IllegalArgumentException("cnn: model " + file + " failed on " + what + " at size " + size + ": "
                    + Failures.firstLine(e));
        }
    }

    /** An output's element type and shape, such as {@code double [1, 4]}, or its kind when it is no tensor. */
    private static String outputType(OnnxValue value) {
        return value instanceof OnnxTensor t
                ? t.getInfo().type.name().toLowerCase(Locale.ROOT) + " " + Arrays.toString(t.getInfo().getShape())
                : value.getType().name().toLowerCase(Locale.ROOT).replace("onnx_type_", "");
    }

    /** Refuses a model whose content differs from the one an index was built with. */
    void checkDigest(String recorded) {
        checkDigest(digest, recorded, "the index was built");
    }

    private void checkDigest(String found, String recorded, String since) {
        if (!recorded.equals(found)) {
            throw new IllegalArgumentException("cnn: model " + file + " has changed since " + since + " (sha256 "
                    + found.substring(0, 12) + ", then " + recorded.substring(0, Math.min(12, recorded.length()))
                    + "); rebuild the index or restore the model");
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(digest);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

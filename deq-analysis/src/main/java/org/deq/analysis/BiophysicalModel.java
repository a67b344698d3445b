package org.deq.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The neural networks of ESA SNAP's Sentinel-2 biophysical processor (Weiss & Baret, S2ToolBox Level 2 products ATBD
 * v1.1, 2016): one hidden layer of five tanh units per variable, trained on PROSAIL simulations, mapping eight surface
 * reflectances (B03 B04 B05 B06 B07 B8A B11 B12) and three angle cosines to LAI, FAPAR, FCOVER and canopy chlorophyll.
 * The coefficients are SNAP's auxiliary data for Sentinel-2A, version 3.0 ({@code s2-biophysical-nets.json});
 * {@code BiophysicalModelTest} checks them against SNAP's own test cases. Immutable and shared by every thread.
 */
public final class BiophysicalModel {

    /**
     * The caveat of Sentinel-2B patches ({@link org.deq.archive.S2BandFiles#isSentinel2B}), {@code sentinel2B} of the
     * {@code patches} mapped, else null: SNAP has separate networks for Sentinel-2B, which deq does not carry, so the
     * Sentinel-2A ones were applied to them.
     */
    public static String sentinel2BNote(int sentinel2B, int patches) {
        if (sentinel2B == 0) {
            return null;
        }
        String which = patches == 1 ? "the patch is a Sentinel-2B product" : sentinel2B + " of the " + patches + " patches "
                + (sentinel2B == 1 ? "is a Sentinel-2B product" : "are Sentinel-2B products");
        return which + ": the Sentinel-2A networks were applied to " + (sentinel2B == 1 ? "it" : "them") + " (SNAP has"
                + " separate Sentinel-2B networks, which deq does not carry)";
    }

    /** Inputs per pixel: eight reflectances, then cos(view zenith), cos(sun zenith), cos(sun azimuth - view azimuth). */
    public static final int INPUTS = 11;
    /** Reflectances among the inputs, in this band order: B03 B04 B05 B06 B07 B8A B11 B12. */
    public static final int REFLECTANCES = 8;

    private static final String RESOURCE = "s2-biophysical-nets.json";
    private static final BiophysicalModel SENTINEL_2 = load();

    private final double[] inputMin; // per input, the value the networks' input scaling maps to -1
    private final double[] inputMax; // and to 1
    private final double[] domainMin; // per reflectance, the smallest of the training data (SNAP's definition domain)
    private final double[] domainMax;
    private final Map<BiophysicalVariable, Network> networks;

    private BiophysicalModel(double[] inputMin, double[] inputMax, double[] domainMin, double[] domainMax,
                             Map<BiophysicalVariable, Network> networks) {
        this.inputMin = inputMin;
        this.inputMax = inputMax;
        this.domainMin = domainMin;
        this.domainMax = domainMax;
        this.networks = Collections.unmodifiableMap(networks);
    }

    /**
     * One variable's network: {@code tanh} hidden units on the scaled inputs, a linear output scaled back to
     * {@code outputMin..outputMax} (the value an output of -1, and of 1, stands for).
     */
    public static final class Network {
        private final double[][] hiddenWeights; // per hidden unit, one weight per input
        private final double[] hiddenBias;
        private final double[] outputWeights; // per hidden unit
        private final double outputBias;
        private final double outputMin;
        private final double outputMax;

        private Network(double[][] hiddenWeights, double[] hiddenBias, double[] outputWeights, double outputBias,
                        double outputMin, double outputMax) {
            this.hiddenWeights = hiddenWeights;
            this.hiddenBias = hiddenBias;
            this.outputWeights = outputWeights;
            this.outputBias = outputBias;
            this.outputMin = outputMin;
            this.outputMax = outputMax;
        }

        /** The network's estimate for inputs already scaled by {@link BiophysicalModel#scale}. */
        public double apply(double[] scaled) {
            double out = outputBias;
            for (int j = 0; j < hiddenBias.length; j++) {
                double[] w = hiddenWeights[j];
                double sum = hiddenBias[j];
                for (int i = 0; i < w.length; i++) {
                    sum += w[i] * scaled[i];
                }
                out += outputWeights[j] * Math.tanh(sum);
            }
            return 0.5 * (out + 1) * (outputMax - outputMin) + outputMin;
        }
    }

    /** The Sentinel-2 model (SNAP's Sentinel-2A networks, which SNAP also applies to Sentinel-2B). */
    public static BiophysicalModel sentinel2() {
        return SENTINEL_2;
    }

    /** The value of input {@code i} that the networks' scaling maps to -1. */
    public double inputMin(int i) {
        return inputMin[i];
    }

    /** The value of input {@code i} that the networks' scaling maps to 1. */
    public double inputMax(int i) {
        return inputMax[i];
    }

    /** Scales the {@link #INPUTS} inputs to the networks' -1..1 into {@code scaled}. */
    public void scale(double[] input, double[] scaled) {
        for (int i = 0; i < INPUTS; i++) {
            scaled[i] = 2 * (input[i] - inputMin[i]) / (inputMax[i] - inputMin[i]) - 1;
        }
    }

    /** Whether every reflectance lies within the range the networks were trained on; outside it SNAP gives no value. */
    public boolean inDomain(double[] input) {
        for (int i = 0; i < REFLECTANCES; i++) {
            if (!(input[i] >= domainMin[i] && input[i] <= domainMax[i])) {
                return false;
            }
        }
        return true;
    }

    /** The network of {@code variable}. */
    public Network network(BiophysicalVariable variable) {
        return networks.get(variable);
    }

    private static BiophysicalModel load() {
        try (InputStream in = BiophysicalModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from deq-analysis");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            double[][] range = matrix(root.get("input_range"));
            double[] min = new double[INPUTS];
            double[] max = new double[INPUTS];
            for (int i = 0; i < INPUTS; i++) {
                min[i] = range[i][0];
                max[i] = range[i][1];
            }
            JsonNode domain = root.get("definition_domain");
            Map<BiophysicalVariable, Network> networks = new EnumMap<>(BiophysicalVariable.class);
            for (BiophysicalVariable v : BiophysicalVariable.values()) {
                JsonNode n = root.get("networks").get(v.name());
                double[] outputRange = vector(n.get("output_range"));
                networks.put(v, new Network(matrix(n.get("hidden_weights")), vector(n.get("hidden_bias")),
                        vector(n.get("output_weights")), n.get("output_bias").asDouble(), outputRange[0], outputRange[1]));
            }
            return new BiophysicalModel(min, max, vector(domain.get("min")), vector(domain.get("max")), networks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = vector(rows.get(r));
        }
        return out;
    }

    private static double[] vector(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }
}

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
 * SNAP trained one set of networks per platform, on its spectral response: the coefficients are SNAP's auxiliary data,
 * version 3.0, for Sentinel-2A ({@code s2a-biophysical-nets.json}) and Sentinel-2B ({@code s2b-biophysical-nets.json});
 * {@code BiophysicalModelTest} checks both against SNAP's own test cases. Immutable and shared by every thread.
 */
public final class BiophysicalModel {

    /**
     * The caveat of patches whose platform is not one SNAP has networks for ({@link #knows}), {@code others} of the
     * {@code patches} mapped, else null: the Sentinel-2A networks were applied to them.
     */
    public static String otherPlatformNote(int others, int patches) {
        if (others == 0) {
            return null;
        }
        String which = patches == 1 ? "the patch names" : others + " of the " + patches + " patches " + (others == 1 ? "names"
                : "name");
        return which + " no platform SNAP has networks for (S2A_ or S2B_ in the folder's name or its metadata's product"
                + " id): the Sentinel-2A networks were applied to " + (patches == 1 || others == 1 ? "it" : "them");
    }

    /** Inputs per pixel: eight reflectances, then cos(view zenith), cos(sun zenith), cos(sun azimuth - view azimuth). */
    public static final int INPUTS = 11;
    /** Reflectances among the inputs, in this band order: B03 B04 B05 B06 B07 B8A B11 B12. */
    public static final int REFLECTANCES = 8;

    private static final BiophysicalModel SENTINEL_2A = load("Sentinel-2A", "s2a-biophysical-nets.json");
    private static final BiophysicalModel SENTINEL_2B = load("Sentinel-2B", "s2b-biophysical-nets.json");

    private final String platform;

    private final double[] inputMin; // per input, the value the networks' input scaling maps to -1
    private final double[] inputMax; // and to 1
    private final double[] domainMin; // per reflectance, the smallest of the training data (SNAP's definition domain)
    private final double[] domainMax;
    private final Map<BiophysicalVariable, Network> networks;

    private BiophysicalModel(String platform, double[] inputMin, double[] inputMax, double[] domainMin, double[] domainMax,
                             Map<BiophysicalVariable, Network> networks) {
        this.platform = platform;
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

    /**
     * The networks for a product of {@code platform} ({@link org.deq.archive.S2BandFiles#platform}): Sentinel-2B's for
     * {@code S2B}, else Sentinel-2A's (for an unknown platform too, see {@link #otherPlatformNote}).
     */
    public static BiophysicalModel of(String platform) {
        return "S2B".equals(platform) ? SENTINEL_2B : SENTINEL_2A;
    }

    /** Whether SNAP has networks of {@code platform}'s own. */
    public static boolean knows(String platform) {
        return "S2A".equals(platform) || "S2B".equals(platform);
    }

    /** The platform the networks were trained for, {@code Sentinel-2A} or {@code Sentinel-2B}. */
    public String platform() {
        return platform;
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

    private static BiophysicalModel load(String platform, String resource) {
        try (InputStream in = BiophysicalModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing from deq-analysis");
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
            return new BiophysicalModel(platform, min, max, vector(domain.get("min")), vector(domain.get("max")), networks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
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

package org.deq.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deq.io.AtomicFiles;

/** Checks an output file option before the work that fills it, so a long run never ends in an unwritable path. */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Creates the missing parent folders of {@code file} (as {@code deq feedback export} always did) and refuses a
     * path that is a folder; {@code null} (option not given) passes.
     */
    static void prepare(Path file) throws IOException {
        if (file == null) {
            return;
        }
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException("an output file name is empty");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; give a file name to write");
        }
        // a folder left by '..' must exist: the system goes through it, and no folder is created on the way
        for (int i = 1; i < file.getNameCount(); i++) {
            Path through = file.getRoot() == null ? file.subpath(0, i) : file.getRoot().resolve(file.subpath(0, i));
            if (file.getName(i).toString().equals("..") && !Files.isDirectory(through)) {
                throw new IllegalArgumentException("cannot write " + file + ": the folder " + through + " does not exist"
                        + " (the path goes through it with ..)");
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException("cannot create the folder of " + file + ": " + e.getFile() + " is a file");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create the folder of " + file + ": " + Deq.message(e));
            }
            // a file that cannot be written, or a folder that cannot take a new one (read-only, /proc), fails now, not
            // after the work; a file is written beside itself and renamed into place (AtomicFiles), so its folder must take
            // a new file even when it exists; an existing device or pipe (/dev/stdout) is written in place
            if (Files.exists(file) && !Files.isWritable(file)) {
                throw new IllegalArgumentException("cannot write " + file + ": permission denied");
            }
            if (!AtomicFiles.writesInPlace(file)) { // the folder the new file is renamed into: a link's target's
                Path folder = parent;
                try {
                    folder = AtomicFiles.target(file).toAbsolutePath().getParent();
                    Files.delete(Files.createTempFile(folder, ".deq-", ".tmp"));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot write " + file + ": its folder " + folder + " takes no new file ("
                            + AtomicFiles.reason(e) + ")");
                }
            }
        }
    }

    /**
     * After {@code file} is written, in place, by a command that writes no GDAL sidecar of its own: deletes a stale
     * {@code <file>.aux.xml} left by an earlier output of that name or by GDAL, whose statistics and band settings GDAL
     * and QGIS would read with the new file; says nothing unless that fails.
     */
    static void dropStaleAuxXml(Path file, PrintWriter out) {
        Path aux = file.resolveSibling(file.getFileName() + ".aux.xml");
        try {
            Files.deleteIfExists(aux);
        } catch (IOException e) {
            out.println("note: cannot delete " + aux + " (" + Deq.message(e) + "), which GDAL reads with " + file
                    + " and which describes an earlier file of that name; delete it");
        }
    }

    /**
     * Refuses two output options naming the same file (one would silently overwrite the other); {@code options[i]}
     * names {@code files[i]}, null when not given.
     */
    static void distinct(String[] options, Path... files) {
        for (int i = 0; i < files.length; i++) {
            for (int j = i + 1; j < files.length; j++) {
                if (files[i] != null && files[j] != null
                        && files[i].toAbsolutePath().normalize().equals(files[j].toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException(options[i] + " and " + options[j] + " name the same file " + files[i]);
                }
            }
        }
    }

    /**
     * Refuses an output that would overwrite an input: the input file itself, or an existing file inside an input
     * folder (a patch folder's band file); a new file beside the bands is allowed.
     */
    private static void notAnInput(String option, Path file, Path... inputs) throws IOException {
        if (file == null || !Files.exists(file)) {
            return;
        }
        Path target = file.toRealPath();
        for (Path input : inputs) {
            if (input == null || !Files.exists(input)) {
                continue;
            }
            Path real = input.toRealPath();
            if (target.equals(real) || Files.isDirectory(real) && target.startsWith(real)) {
                throw new IllegalArgumentException(option + " " + file + " would overwrite "
                        + (target.equals(real) ? "the input file" : "a file of the input folder " + input) + "; write it elsewhere");
            }
        }
    }

    /**
     * Refuses an output file that is, or lies in, {@code folder} ({@code what} says which and why in the error), compared by the
     * paths the system resolves, links followed, whether or not the file or the folder exists yet; {@code null} (option
     * not given) passes.
     */
    static void outside(String option, Path file, Path folder, String what) throws IOException {
        if (file != null && !file.toString().isBlank() && resolved(file).startsWith(resolved(folder))) {
            throw new IllegalArgumentException(option + " " + file + " lies in " + what + "; write it elsewhere");
        }
    }

    /**
     * The path the system reaches: its longest existing part with links followed (a link to a file is its target, as a
     * write replaces the target), the rest appended as given and normalised.
     */
    private static Path resolved(Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        List<Path> rest = new ArrayList<>();
        while (existing.getParent() != null && !Files.exists(existing)) { // a dangling link is replaced where it lies
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        Path out = existing.toRealPath();
        for (Path name : rest) {
            out = out.resolve(name);
        }
        return out.normalize();
    }

    /** Refuses an output file name without one of the {@code extensions} (the format written), e.g. a GeoTIFF named .png. */
    private static void requireExtension(String option, Path file, String format, List<String> extensions) {
        if (file == null || file.toString().isBlank()) { // an empty name is prepare's to refuse
            return;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : extensions) {
            if (name.endsWith("." + e)) {
                return;
            }
        }
        throw new IllegalArgumentException(option + " " + file + ": deq writes " + format + " there; name it ."
                + String.join(" or .", extensions));
    }

    /**
     * Checks a JSON output option before the work: named {@code .json}, not an input file nor an existing file inside
     * an input folder (an index's manifest), writable; see {@link #prepare}.
     */
    static void prepareJson(String option, Path file, Path... inputs) throws IOException {
        prepareAs(option, file, "JSON", List.of("json"), inputs);
    }

    /** {@link #prepareJson}'s checks for a GeoTIFF output, named {@code .tif} or {@code .tiff}. */
    static void prepareGeoTiff(String option, Path file, Path... inputs) throws IOException {
        prepareAs(option, file, "a GeoTIFF", List.of("tif", "tiff"), inputs);
    }

    /** {@link #prepareJson}'s checks for a CSV output. */
    static void prepareCsv(String option, Path file, Path... inputs) throws IOException {
        prepareAs(option, file, "CSV", List.of("csv"), inputs);
    }

    /** {@link #prepareJson}'s checks for a PNG output. */
    static void preparePng(String option, Path file, Path... inputs) throws IOException {
        prepareAs(option, file, "a PNG", List.of("png"), inputs);
    }

    private static void prepareAs(String option, Path file, String format, List<String> extensions, Path... inputs)
            throws IOException {
        requireExtension(option, file, format, extensions);
        notAnInput(option, file, inputs);
        prepare(file);
    }

    /**
     * A JSON object's fields in the order given ({@code key, value, key, value, ...}): {@code Map.of} orders them
     * differently from one run to the next, so that two runs' files differed byte for byte.
     */
    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    /** Writes {@code value} as indented JSON to {@code file}, whole or not at all ({@link AtomicFiles}). */
    static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value));
    }
}

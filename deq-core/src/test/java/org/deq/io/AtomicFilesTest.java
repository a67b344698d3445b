package org.deq.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWriterFailingHalfwayLeavesTheEarlierFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("map.json");
        AtomicFiles.writeString(file, "{\"good\": true}");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[10_000]);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(file).hasContent("{\"good\": true}");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theTemporaryFileIsNamedAsTempNamesSays() throws IOException {
        Path file = dir.resolve("manifest.json");
        java.util.List<String> during = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) { // random names of any length of hex digits
            AtomicFiles.write(file, out -> {
                try (var files = Files.list(dir)) {
                    files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("manifest.json")).forEach(during::add);
                }
                out.write('1');
            });
        }
        assertThat(during).hasSize(20).allMatch(name -> name.matches(AtomicFiles.tempNames("manifest.json")));
        assertThat(".manifest.json.tmp").doesNotMatch(AtomicFiles.tempNames("manifest.json"));
        assertThat(".x.json.1f2e.tmp").doesNotMatch(AtomicFiles.tempNames("manifest.json"));
    }

    @Test
    void aNameNearTheSystemsLimitIsWrittenAndAFailureNamesTheUsersFile() throws IOException {
        // 250 bytes of UTF-8: the name of its temporary file is cut, not 22 bytes over the limit of 255
        String name = "ü".repeat(100) + "c".repeat(45) + ".json";
        Path file = dir.resolve(name);
        java.util.List<String> during = new java.util.ArrayList<>();
        AtomicFiles.write(file, out -> {
            try (var files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString()).forEach(during::add);
            }
            out.write('1');
        });
        assertThat(file).hasContent("1");
        assertThat(during).singleElement().asString().matches(AtomicFiles.tempNames(name));
        // a name over the limit fails in one line naming it, not its temporary file
        Path tooLong = dir.resolve("d".repeat(260) + ".json");
        assertThatThrownBy(() -> AtomicFiles.writeString(tooLong, "{}")).hasMessageStartingWith("cannot write " + tooLong + ": ")
                .hasMessageNotContaining(".tmp");
    }

    @Test
    void replacesAFileWholeAndWritesThroughASymbolicLink() throws IOException {
        Path file = dir.resolve("out.tif");
        AtomicFiles.write(file, new byte[] {1, 2, 3, 4});
        AtomicFiles.write(file, new byte[] {5});
        assertThat(Files.readAllBytes(file)).containsExactly(5);
        Path link = Files.createSymbolicLink(dir.resolve("link.tif"), file);
        AtomicFiles.write(link, new byte[] {6, 7});
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(file)).containsExactly(6, 7);
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndDevicePathsAreWrittenInPlace() throws IOException {
        Path file = dir.resolve("session.json");
        AtomicFiles.writeString(file, "1");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> owner = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(file, owner);
        AtomicFiles.writeString(file, "2");
        assertThat(file).hasContent("2");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(owner);
        // /dev/stdout may lead to a regular file the shell redirected: writing it must not rename over that file
        assertThat(AtomicFiles.writesInPlace(Path.of("/dev/stdout"))).isTrue();
        assertThat(AtomicFiles.writesInPlace(Path.of("/proc/self/fd/1"))).isTrue();
        assertThat(AtomicFiles.writesInPlace(file)).isFalse();
        assertThat(AtomicFiles.writesInPlace(Path.of("/proc/no-such-output.tif"))).as("a new file there is refused early").isFalse();
        assertThat(AtomicFiles.writesInPlace(dir.resolve("new.json"))).isFalse();
    }

    @Test
    void deletesATreeOrOnlyItsContents() throws IOException {
        Path root = dir.resolve("index");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/c.txt"), "c");
        Files.writeString(root.resolve("d.txt"), "d");
        FileTrees.deleteContents(root);
        assertThat(root).isEmptyDirectory();
        FileTrees.delete(root);
        assertThat(root).doesNotExist();
        FileTrees.delete(root); // missing: no error
    }
}

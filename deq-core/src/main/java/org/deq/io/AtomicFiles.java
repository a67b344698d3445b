package org.deq.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes an output file whole or not at all: the content goes to a hidden temporary file beside it, which is synced and
 * then renamed over it (atomically where the file system can, else replacing it), so a crash, a kill or a failing writer
 * leaves the earlier file intact and no temporary file behind; the folder is synced after the rename, so that the new
 * file survives a power loss. A target that exists and is not a regular file
 * ({@code /dev/stdout}, a pipe) is written in place; a symbolic link's target is replaced, not the link.
 */
public final class AtomicFiles {

    /** Writes a file's content to a stream; it may fail halfway, and the file is then left as it was. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out} (which it may close). */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code file}, replacing it whole. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8 to {@code file}, replacing it whole. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes what {@code content} writes to {@code file}, replacing it only once all of it is written. */
    public static void write(Path file, Content content) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a device or pipe cannot be replaced, only written
            try (OutputStream out = Files.newOutputStream(file)) {
                content.writeTo(out);
            }
            return;
        }
        Path target = Files.isSymbolicLink(file) && Files.exists(file) ? file.toRealPath() : file;
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = parent.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            // a random name created new: two writers never move each other's half-written file; the umask's
            // permissions, as a file written in place gets
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new FilterOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        this.out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException { // a writer closing its stream leaves the channel to sync
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true); // the bytes are on disk before the rename makes them the file
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(parent);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Syncs a folder, which makes a rename in it durable; a platform that cannot open a folder leaves it to the OS (the
     * rename is still atomic).
     */
    public static void syncFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; only the rename's durability is then the OS's
        }
    }
}

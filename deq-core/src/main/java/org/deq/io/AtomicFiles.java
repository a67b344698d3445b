package org.deq.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes an output file whole or not at all: the content goes to a hidden temporary file beside it, which is synced and
 * then renamed over it (atomically where the file system can, else replacing it) with the replaced file's permissions,
 * so a crash, a kill or a failing writer leaves the earlier file intact (a failing writer also leaves no temporary file
 * behind; a killed process may leave its hidden {@code .NAME.HEX.tmp}); the folder is synced after the rename, so that
 * the new file survives a power loss. Devices, pipes and paths under {@code /dev} and {@code /proc} ({@code
 * /dev/stdout}) are written in place; a symbolic link's target is replaced, not the link.
 */
public final class AtomicFiles {

    /** Bytes of a file's name that its temporary file's name holds at most: names may have 255. */
    private static final int TEMP_STEM_BYTES = 200;

    /** Writes a file's content to a stream; it may fail halfway, and the file is then left as it was. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out} (which it may close). */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * The names of the temporary files that writing a file named {@code fileName} uses ({@code .NAME.HEX.tmp}), as a
     * regular expression: for a folder's owner to clear away what a killed process left, and nothing else.
     */
    public static String tempNames(String fileName) {
        return Pattern.quote("." + tempStem(fileName) + ".") + "[0-9a-f]{1,16}" + Pattern.quote(".tmp");
    }

    /**
     * The part of a file's name its temporary file's name holds: the name cut to {@value #TEMP_STEM_BYTES} bytes of UTF-8,
     * so that a name near the system's limit of 255 bytes still has a temporary file (22 bytes are added).
     */
    private static String tempStem(String fileName) {
        int bytes = 0;
        for (int i = 0; i < fileName.length(); ) {
            int c = fileName.codePointAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes > TEMP_STEM_BYTES) {
                return fileName.substring(0, i);
            }
            i += Character.charCount(c);
        }
        return fileName;
    }

    /** Writes {@code bytes} to {@code file}, replacing it whole. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8 to {@code file}, replacing it whole. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code file} is written in place rather than replaced: an existing device or pipe, or an existing path
     * under {@code /dev} or {@code /proc} ({@code /dev/stdout} is a link to whatever the shell redirected it to, maybe a
     * regular file, which a rename would replace and leave the process writing to the old one).
     */
    public static boolean writesInPlace(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return Files.exists(file) && (abs.startsWith("/dev") || abs.startsWith("/proc") || !Files.isRegularFile(file));
    }

    /** The file a replacement of {@code file} renames into place: a symbolic link's target (the link stays), else itself. */
    public static Path target(Path file) throws IOException {
        return Files.isSymbolicLink(file) && Files.exists(file) ? file.toRealPath() : file;
    }

    /** Writes what {@code content} writes to {@code file}, replacing it only once all of it is written. */
    public static void write(Path file, Content content) throws IOException {
        if (writesInPlace(file)) {
            try (OutputStream out = Files.newOutputStream(file)) {
                content.writeTo(out);
            }
            return;
        }
        Path target = target(file);
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = parent.resolve("." + tempStem(target.getFileName().toString()) + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp"); // as tempNames says
        try {
            // a random name created new: two writers never move each other's half-written file
            try (FileChannel channel = opened(file, tmp)) {
                OutputStream out = new FilterOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        try {
                            this.out.write(b, off, len);
                        } catch (IOException e) {
                            throw cannotWrite(file, e);
                        }
                    }

                    @Override
                    public void close() throws IOException { // a writer closing its stream leaves the channel to sync
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                try {
                    channel.force(true); // the bytes are on disk before the rename makes them the file
                } catch (IOException e) {
                    throw cannotWrite(file, e);
                }
            }
            keepPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw cannotWrite(file, e);
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

    /** The temporary file of {@code file}, created new; a failure names {@code file}, not the temporary file. */
    private static FileChannel opened(Path file, Path tmp) throws IOException {
        try {
            return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw e; // a random name taken: not the user's file's fault, and too rare to dress up
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /**
     * Writes {@code bytes} to {@code file} in place, without the sync and rename of {@link #write(Path, byte[])}: for
     * bulk output of many small new files (a synthetic archive's bands), where a sync per file would cost more than the
     * writing. A failed write (a full disk) removes the partial file it made rather than leave it truncated under its
     * name (a file that was there before is left alone), and says which file it was; a crash mid-write may still leave
     * one.
     */
    public static void writeOrRemove(Path file, byte[] bytes) throws IOException {
        boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            try {
                if (!existed) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ignored) {
                // the write's failure is the one to report
            }
            throw cannotWrite(file, e);
        }
    }

    /**
     * A failure to write {@code file} in one line naming it (a full disk said only "No space left on device"), whose
     * reason leaves out the temporary file's name, which means nothing to the user.
     */
    private static IOException cannotWrite(Path file, IOException e) {
        return new IOException("cannot write " + file + ": " + reason(e), e);
    }

    /**
     * Why a file operation failed, without the file's name (a temporary or probe file's means nothing to the user):
     * "no such file or folder", "permission denied", the system's reason, else the message's first line.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return Failures.firstLine(e);
    }

    /**
     * Gives the new file the replaced one's POSIX permissions (a file written in place keeps its mode; a {@code chmod
     * 600} must survive the next run); a new file keeps the umask's, and a file system without POSIX permissions its own.
     */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.exists(target)) {
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing to keep
            }
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

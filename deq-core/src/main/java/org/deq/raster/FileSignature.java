package org.deq.raster;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Names the format of a file that is not what its name says from its first bytes (a JPEG renamed .tif, a web server's
 * error page or a Git LFS pointer saved in a raster's place), so that a refusal says what the file is in words rather
 * than printing its bytes.
 */
final class FileSignature {

    private FileSignature() {
    }

    /** The format of a file starting with {@code head} ("a JPEG file"), or null when deq does not recognise it. */
    static String of(byte[] head) {
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG file";
        }
        if (starts(head, 0x89, 'P', 'N', 'G')) {
            return "a PNG file";
        }
        if (starts(head, 0x89, 'H', 'D', 'F')) {
            return "an HDF5 file";
        }
        if (starts(head, 0x1F, 0x8B)) {
            return "a gzip file";
        }
        if (starts(head, 0, 0, 0, 0x0C, 'j', 'P') || starts(head, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "a JPEG 2000 file";
        }
        String text = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1);
        String lower = text.stripLeading().toLowerCase(Locale.ROOT);
        if (text.startsWith("RIFF") && text.startsWith("WEBP", 8)) {
            return "a WebP file";
        }
        if (text.startsWith("GIF8")) {
            return "a GIF file";
        }
        if (text.startsWith("%PDF")) {
            return "a PDF file";
        }
        if (text.startsWith("PK\u0003\u0004")) {
            return "a ZIP file";
        }
        if (text.startsWith("CDF\u0001") || text.startsWith("CDF\u0002")) {
            return "a NetCDF file";
        }
        if (text.startsWith("version https://git-lfs")) {
            return "a Git LFS pointer";
        }
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
            return "an HTML page";
        }
        if (lower.startsWith("<?xml")) {
            return "an XML file";
        }
        return null;
    }

    private static boolean starts(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}

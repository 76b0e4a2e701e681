package dev.peerget.engine.mirror;

import dev.peerget.model.Checksum;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of files and bytes, and the check of a file against what an index states about it. */
final class FileDigests {
    private FileDigests() {
    }

    static String hex(byte[] data, String javaAlgorithm) {
        return HexFormat.of().formatHex(digest(javaAlgorithm).digest(data));
    }

    /**
     * Throws when {@code file} differs from the {@code size} and {@code checksum} (null: size only) that
     * {@code index} states for it; {@code hint} says how to bring them back in step.
     */
    static void check(Path file, long size, Checksum checksum, String index, String hint) {
        try {
            long actual = Files.size(file);
            if (actual != size) {
                throw new MirrorException(file + " has " + actual + " bytes but " + index + " states " + size, hint);
            }
            if (checksum != null) {
                MessageDigest md = digest(checksum.algorithm().javaName());
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        md.update(buffer, 0, n);
                    }
                }
                String hex = HexFormat.of().formatHex(md.digest());
                if (!hex.equals(checksum.hex())) {
                    throw new MirrorException(file + " does not match the " + checksum.algorithm() + " digest "
                            + index + " states", hint);
                }
            }
        } catch (IOException e) {
            throw new MirrorException("cannot read " + file + ": " + e.getMessage(), hint, e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JRE", e);
        }
    }
}

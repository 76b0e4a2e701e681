package dev.peerget.repo.rpm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One read of an {@code .rpm} payload (every byte after the main header, to the end of the file) that
 * computes what the signature checks need: the payload digest, the MD5 of header and payload, and — only for
 * a legacy header+payload signature, whose API takes one array — header and payload in memory.
 *
 * @param payloadDigestHex the payload's digest in lower-case hex, or {@code null} when none was asked for
 * @param md5 MD5 of main header and payload, or {@code null} when not asked for
 * @param headerAndPayload main header and payload in one array, or {@code null} when not asked for
 * @param payloadBytes how many payload bytes were read
 */
public record PayloadPass(String payloadDigestHex, byte[] md5, byte[] headerAndPayload, long payloadBytes) {
    /** Java arrays stop a little short of {@code Integer.MAX_VALUE}. */
    private static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 16;
    private static final int BUFFER = 1 << 16;

    /** The package does not fit into one array for the legacy signature check. */
    public static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(long size) {
            super("header and payload are " + size + " bytes, more than one Java array holds");
        }
    }

    /**
     * Reads the rest of {@code in}.
     *
     * @param expectedPayloadSize the payload's size from the file's length, to size the in-memory copy
     * @param digestAlgorithm JCA name of the payload digest, or {@code null} for none
     * @throws IOException when reading fails or, for the in-memory copy, the file grew while it was read
     */
    public static PayloadPass run(InputStream in, byte[] mainHeader, long expectedPayloadSize, String digestAlgorithm,
            boolean md5, boolean keepInMemory) throws IOException, TooLargeException {
        MessageDigest payload = digestAlgorithm == null ? null : digest(digestAlgorithm);
        MessageDigest headerAndPayloadMd5 = md5 ? digest("MD5") : null;
        if (headerAndPayloadMd5 != null) {
            headerAndPayloadMd5.update(mainHeader);
        }
        byte[] all = null;
        long total = mainHeader.length + Math.max(0, expectedPayloadSize);
        if (keepInMemory) {
            if (total > MAX_IN_MEMORY) {
                throw new TooLargeException(total);
            }
            all = Arrays.copyOf(mainHeader, (int) total);
        }
        byte[] buffer = new byte[BUFFER];
        long read = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (payload != null) {
                payload.update(buffer, 0, n);
            }
            if (headerAndPayloadMd5 != null) {
                headerAndPayloadMd5.update(buffer, 0, n);
            }
            if (all != null) {
                if (mainHeader.length + read + n > all.length) {
                    throw new IOException("the file grew while it was being verified");
                }
                System.arraycopy(buffer, 0, all, (int) (mainHeader.length + read), n);
            }
            read += n;
        }
        if (all != null && mainHeader.length + read < all.length) {
            all = Arrays.copyOf(all, (int) (mainHeader.length + read));
        }
        return new PayloadPass(payload == null ? null : HexFormat.of().formatHex(payload.digest()),
                headerAndPayloadMd5 == null ? null : headerAndPayloadMd5.digest(), all, read);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}

package dev.peerget.repo.pgp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cleartext-signed message (RFC 4880 §7, RFC 9580 §7) split the way apt's {@code SplitClearSignedFile}
 * splits an {@code InRelease}: the same strictness, so that what we verify is exactly what we later parse.
 *
 * <p>Invariants: {@link #signedData()} is the canonical text the signatures cover — dash-escapes removed,
 * trailing spaces and tabs stripped from every line, lines joined by CR LF, no line ending after the last
 * line (the one before the signature armor belongs to the armor, RFC 4880 §7.1). {@link #text()} holds the
 * same lines, each ended by LF, which is how the archive publishes the same content as {@code Release}.
 * Immutable and thread-safe.
 */
public final class ClearsignedMessage {
    private static final String SIGNED_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

    private final String text;
    private final byte[] signedData;
    private final byte[] signatureArmor;

    private ClearsignedMessage(String text, byte[] signedData, byte[] signatureArmor) {
        this.text = text;
        this.signedData = signedData;
        this.signatureArmor = signatureArmor;
    }

    /** The signed lines, each ended by LF (see the class invariants). */
    public String text() {
        return text;
    }

    /** The bytes the signatures are computed over (canonical text, CR LF line endings). */
    public byte[] signedData() {
        return signedData.clone();
    }

    /** The armored signature blocks, one line each ended by LF. */
    public byte[] signatureArmor() {
        return signatureArmor.clone();
    }

    /**
     * Splits {@code data}. Anything apt would reject is rejected: text before the signed block or after the
     * signatures (unsigned data an attacker could have added, which a lenient parser would still read), lines
     * starting with a dash that are not dash-escaped, armor headers starting with a dash, unclosed blocks.
     *
     * @throws IllegalArgumentException describing what is wrong
     */
    public static ClearsignedMessage parse(byte[] data) {
        List<String> lines = lines(data);
        if (lines.isEmpty() || !lines.get(0).equals(SIGNED_MESSAGE)) {
            throw new IllegalArgumentException(lines.contains(SIGNED_MESSAGE)
                    ? "the file has content before '" + SIGNED_MESSAGE + "'"
                    : "the file is not clearsigned (no '" + SIGNED_MESSAGE + "' line)");
        }
        int i = 1;
        // Armor headers ("Hash: SHA512"), up to the empty line. gpgv checks them against the signatures.
        for (;; i++) {
            String line = at(lines, i, "the armor headers");
            if (line.isEmpty()) {
                break;
            }
            if (line.startsWith("-")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": an armor header starts with a dash");
            }
        }
        i++;
        List<String> message = new ArrayList<>();
        for (;; i++) {
            String line = at(lines, i, "the signed message");
            if (line.equals(BEGIN_SIGNATURE)) {
                break;
            }
            if (line.startsWith("- ")) {
                message.add(line.substring(2));
            } else if (line.startsWith("-")) {
                // RFC 4880 §7.1 asks only for a warning; apt refuses, as it is more likely an attempt to make
                // apt and gpgv disagree about where the message ends than a real Release line.
                throw new IllegalArgumentException("line " + (i + 1) + " starts with a dash but is not dash-escaped");
            } else {
                message.add(line);
            }
        }
        StringBuilder armor = new StringBuilder();
        boolean open = false;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (open) {
                if (line.equals(END_SIGNATURE)) {
                    open = false;
                } else if (line.startsWith("-")) {
                    throw new IllegalArgumentException("line " + (i + 1) + " inside a signature starts with a dash");
                }
            } else if (line.equals(BEGIN_SIGNATURE)) {
                open = true;
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + " after the signature is not signed");
            }
            armor.append(line).append('\n');
        }
        if (open) {
            throw new IllegalArgumentException("the signature block is not closed by '" + END_SIGNATURE + "'");
        }
        return new ClearsignedMessage(joinText(message), joinSigned(message),
                armor.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String at(List<String> lines, int i, String where) {
        if (i >= lines.size()) {
            throw new IllegalArgumentException("the file ends inside " + where + " (no '" + BEGIN_SIGNATURE + "')");
        }
        return lines.get(i);
    }

    /**
     * Lines as apt reads them: split at LF, then CR/LF stripped from the end, then spaces and tabs — trailing
     * whitespace is not covered by the signature (RFC 4880 §7.1), so it must not reach the parsed text either.
     * ISO-8859-1 keeps every byte as one char, so no input is altered by decoding.
     */
    private static List<String> lines(byte[] data) {
        String all = new String(data, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < all.length()) {
            int nl = all.indexOf('\n', start);
            int stop = nl < 0 ? all.length() : nl;
            lines.add(stripEnd(stripEnd(all.substring(start, stop), "\r\n"), " \t"));
            start = stop + 1;
        }
        return lines;
    }

    private static String stripEnd(String s, String chars) {
        int end = s.length();
        while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String joinText(List<String> message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : message) {
            out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            out.write('\n');
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] joinSigned(List<String> message) {
        return String.join("\r\n", message).getBytes(StandardCharsets.ISO_8859_1);
    }
}

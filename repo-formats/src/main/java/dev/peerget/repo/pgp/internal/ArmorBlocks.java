package dev.peerget.repo.pgp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;

/**
 * Finds and decodes ASCII-armored blocks (RFC 4880 §6.2, RFC 9580 §6.2) of one type in a text file, such as
 * every {@code PUBLIC KEY BLOCK} of a yum {@code gpgkey} file or every {@code SIGNATURE} of a detached
 * {@code Release.gpg}. Stateless and thread-safe.
 */
public final class ArmorBlocks {
    private static final String BEGIN = "-----BEGIN PGP ";
    private static final String END = "-----END PGP ";

    private ArmorBlocks() {
    }

    /** Whether the first non-blank characters of {@code data} open an armor block. */
    public static boolean looksArmored(byte[] data) {
        int i = 0;
        while (i < data.length && Character.isWhitespace(data[i] & 0xff)) {
            i++;
        }
        String head = new String(data, i, Math.min(BEGIN.length(), data.length - i), StandardCharsets.ISO_8859_1);
        return head.equals(BEGIN);
    }

    /**
     * Decodes every block labelled {@code type} (e.g. {@code "SIGNATURE"}). With {@code strictOutside} only
     * blank lines may appear outside those blocks, as apt demands of detached signatures (gpgv.cc: "contains
     * lines not belonging to a signature"), because gpgv and apt could otherwise disagree on what was signed.
     * Otherwise text around the blocks (comments in key files, other block types) is ignored.
     *
     * @throws IOException naming the problem (no block, unclosed block, stray lines, bad radix-64 or CRC)
     */
    public static List<byte[]> decode(byte[] data, String type, boolean strictOutside) throws IOException {
        String begin = BEGIN + type + "-----";
        String end = END + type + "-----";
        List<byte[]> blocks = new ArrayList<>();
        StringBuilder block = null;
        int lineNo = 0;
        for (String raw : new String(data, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            lineNo++;
            // deb822 folding (Signed-By) indents every line and writes empty lines as " ."; undo both.
            String line = raw.strip();
            if (block == null) {
                if (line.equals(begin)) {
                    block = new StringBuilder(line).append('\n');
                } else if (strictOutside && !line.isEmpty()) {
                    throw new IOException("line " + lineNo + " does not belong to a " + type.toLowerCase()
                            + " block");
                }
                continue;
            }
            if (line.equals(".")) {
                line = "";
            }
            if (line.startsWith("-") && !line.equals(end)) {
                // Radix-64 never starts a line with a dash: this is an unknown or injected header.
                throw new IOException("line " + lineNo + " inside an armored block starts with a dash");
            }
            block.append(line).append('\n');
            if (line.equals(end)) {
                blocks.add(dearmor(block.toString(), lineNo));
                block = null;
            }
        }
        if (block != null) {
            throw new IOException("the armored " + type.toLowerCase() + " block is not closed by '" + end + "'");
        }
        if (blocks.isEmpty()) {
            throw new IOException("no '" + begin + "' block found");
        }
        return blocks;
    }

    private static byte[] dearmor(String block, int endLine) throws IOException {
        try (InputStream in = new ArmoredInputStream(
                new ByteArrayInputStream(block.getBytes(StandardCharsets.ISO_8859_1)))) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new IOException("the armored block ending at line " + endLine + " is corrupt: " + e.getMessage(), e);
        }
    }
}

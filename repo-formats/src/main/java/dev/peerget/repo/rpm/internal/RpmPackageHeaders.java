package dev.peerget.repo.rpm.internal;

import dev.peerget.repo.rpm.internal.RpmFormatException.Kind;
import java.io.IOException;
import java.io.InputStream;

/**
 * The parts of an {@code .rpm} file before the payload: the lead, the signature header and the main header
 * (rpm's {@code doc/manual/format.md}). After {@link #read} the stream is positioned at the first payload byte.
 *
 * @param signature the signature header: digests and signatures, itself covered by nothing
 * @param main the main header: the package's metadata, covered by the header-only signatures
 * @param payloadOffset where the payload starts in the file (the main header's end)
 */
public record RpmPackageHeaders(RpmHeader signature, RpmHeader main, long payloadOffset) {
    /** The lead is a fixed 96-byte structure left over from rpm 2; only its magic and signature type matter. */
    public static final int LEAD_BYTES = 96;
    private static final byte[] LEAD_MAGIC = {(byte) 0xED, (byte) 0xAB, (byte) 0xEE, (byte) 0xDB};
    /** {@code RPMSIGTYPE_HEADERSIG}: the signature is a header structure; the only type rpm 4 reads. */
    private static final int HEADER_SIGNATURE_TYPE = 5;

    /** Reads lead and headers from {@code in}, positioned at the start of the file. */
    public static RpmPackageHeaders read(InputStream in) throws IOException, RpmFormatException {
        byte[] lead = in.readNBytes(LEAD_BYTES);
        if (lead.length < LEAD_MAGIC.length || !startsWithMagic(lead)) {
            throw new RpmFormatException(Kind.NOT_RPM, lead.length < LEAD_MAGIC.length
                    ? "it has only " + lead.length + " bytes"
                    : String.format("it starts with %02X %02X %02X %02X instead of the RPM magic ED AB EE DB",
                            lead[0], lead[1], lead[2], lead[3]));
        }
        if (lead.length < LEAD_BYTES) {
            throw new RpmFormatException(Kind.TRUNCATED, "the file ends inside the 96-byte lead, after "
                    + lead.length + " bytes");
        }
        int major = lead[4] & 0xFF;
        if (major < 3 || major > 4) {
            // rpm's rpmLeadRead: "unsupported RPM package version".
            throw new RpmFormatException(Kind.MALFORMED, "the lead says RPM format version " + major
                    + ", which rpm does not read (3 and 4 are)");
        }
        int signatureType = ((lead[78] & 0xFF) << 8) | (lead[79] & 0xFF);
        if (signatureType != HEADER_SIGNATURE_TYPE) {
            throw new RpmFormatException(Kind.MALFORMED, "the lead has signature type " + signatureType
                    + " (rpm reads only 5, a signature header)");
        }
        RpmHeader signature = RpmHeader.read(in, "signature header", LEAD_BYTES, RpmHeader.SIGNATURE_LIMITS);
        long end = LEAD_BYTES + (long) signature.bytes().length;
        // The signature header is padded with zeros to a multiple of 8 bytes so that the main header is aligned.
        int padding = (int) ((8 - end % 8) % 8);
        if (in.readNBytes(padding).length < padding) {
            throw new RpmFormatException(Kind.TRUNCATED, "the file ends in the padding after the signature header,"
                    + " before byte " + (end + padding));
        }
        long mainOffset = end + padding;
        RpmHeader main = RpmHeader.read(in, "main header", mainOffset, RpmHeader.MAIN_LIMITS);
        return new RpmPackageHeaders(signature, main, mainOffset + main.bytes().length);
    }

    private static boolean startsWithMagic(byte[] lead) {
        for (int i = 0; i < LEAD_MAGIC.length; i++) {
            if (lead[i] != LEAD_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}

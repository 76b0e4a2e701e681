package dev.peerget.repo.pgp;

import dev.peerget.repo.MetadataException;
import dev.peerget.repo.pgp.internal.ArmorBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.RSAPublicBCPGKey;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The OpenPGP certificates (primary keys with their subkeys) trusted for one repository — what apt's
 * {@code Signed-By} or dnf's {@code gpgkey=} names.
 *
 * <p>Accepts what apt and dnf accept: binary keyrings ({@code .gpg}, several certificates concatenated, gpg's
 * trust packets included) and ASCII armor ({@code .asc}, yum key files, an inline deb822 {@code Signed-By}
 * block, several blocks in one file). Loading does not judge the keys: whether a key is revoked or expired
 * depends on the verification time and is decided by {@link SignatureVerifier}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Keyring {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final List<PGPPublicKeyRing> certificates;
    /** Keeps the moduli registered by {@link #trustedRsaKeys} strongly reachable while this keyring lives. */
    private final List<RSAKeyParameters> rsaKeys;

    private Keyring(List<PGPPublicKeyRing> certificates) {
        this.certificates = List.copyOf(certificates);
        this.rsaKeys = trustedRsaKeys(this.certificates);
    }

    /**
     * Declares the RSA keys of this keyring trusted to BouncyCastle. Its lightweight API validates every RSA
     * modulus at first use with Miller-Rabin compositeness tests (full-size modular exponentiations; ~0.5 s for
     * Debian's 4096-bit keys in a fresh JVM, far more than the verification itself), a guard meant for keys from
     * untrusted sources. Keys of a keyring are trusted by the administrator who installed it, and gpgv does not
     * test them either. Constructing the key parameters as "internal" skips that test and records the modulus
     * in BouncyCastle's cache of validated moduli, which later conversions consult. Should that cache go away,
     * verification stays correct, only slower.
     */
    private static List<RSAKeyParameters> trustedRsaKeys(List<PGPPublicKeyRing> certificates) {
        List<RSAKeyParameters> keys = new ArrayList<>();
        for (PGPPublicKeyRing ring : certificates) {
            for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
                if (it.next().getPublicKeyPacket().getKey() instanceof RSAPublicBCPGKey rsa) {
                    keys.add(new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent(), true));
                }
            }
        }
        return List.copyOf(keys);
    }

    /** A keyring that trusts nothing; every verification against it fails with NO_PUBKEY. */
    public static Keyring empty() {
        return new Keyring(List.of());
    }

    /** All certificates of {@code keyrings} together (a source with several Signed-By entries or gpgkey URLs). */
    public static Keyring union(List<Keyring> keyrings) {
        List<PGPPublicKeyRing> all = new ArrayList<>();
        for (Keyring k : keyrings) {
            all.addAll(k.certificates);
        }
        return new Keyring(all);
    }

    /**
     * Reads and merges the key files, as apt does with several {@code Signed-By} paths. An empty file adds
     * nothing (apt skips empty keyrings too).
     *
     * @throws MetadataException naming the file that cannot be read or holds no usable public key data
     */
    public static Keyring load(List<Path> files) {
        List<PGPPublicKeyRing> all = new ArrayList<>();
        for (Path file : files) {
            byte[] data;
            try {
                data = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new MetadataException("cannot read keyring " + file + ": " + e.getMessage(),
                        "check that the file named in Signed-By / gpgkey= exists and is readable", e);
            }
            all.addAll(parse(data, file.toString()).certificates);
        }
        return new Keyring(all);
    }

    /**
     * Parses key data read from {@code sourceName} (a path or URL, used in messages): binary or armored.
     *
     * @throws MetadataException when the data is neither, is corrupt, or holds secret keys
     */
    public static Keyring parse(byte[] data, String sourceName) {
        if (data.length == 0) {
            return empty();
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try {
            if (ArmorBlocks.looksArmored(data) || !isBinaryPacket(data[0])) {
                for (byte[] block : ArmorBlocks.decode(data, "PUBLIC KEY BLOCK", false)) {
                    readBinary(block, rings);
                }
            } else {
                readBinary(data, rings);
            }
        } catch (IOException | PGPException | RuntimeException e) {
            throw new MetadataException("cannot read OpenPGP keys from " + sourceName + ": " + e.getMessage(),
                    "the file must be an OpenPGP public key, binary (.gpg) or ASCII-armored (.asc);"
                            + " fetch the repository's key again", e);
        }
        if (rings.isEmpty()) {
            throw new MetadataException("no OpenPGP public key in " + sourceName,
                    "the file must be an OpenPGP public key, binary (.gpg) or ASCII-armored (.asc)");
        }
        return new Keyring(rings);
    }

    /** Fingerprints (upper-case hex) of the primary keys, in file order. */
    public List<String> fingerprints() {
        return certificates.stream().map(r -> fingerprint(r.getPublicKey())).toList();
    }

    /** Whether no key is trusted. */
    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    /**
     * The primary key's fingerprint for a key of this keyring given by fingerprint or long key ID (the
     * signer returned by the verifier may be a subkey; apt's {@code Signed-By} may name either).
     */
    public Optional<String> primaryFingerprintOf(String keyFingerprintOrId) {
        String wanted = keyFingerprintOrId.toUpperCase(Locale.ROOT);
        for (PGPPublicKeyRing ring : certificates) {
            for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
                String fpr = fingerprint(it.next());
                if (fpr.equals(wanted) || fpr.endsWith(wanted) && wanted.length() == 16) {
                    return Optional.of(fingerprint(ring.getPublicKey()));
                }
            }
        }
        return Optional.empty();
    }

    /** The certificates, for the verifier. */
    List<PGPPublicKeyRing> certificates() {
        return certificates;
    }

    static String fingerprint(PGPPublicKey key) {
        return HEX.formatHex(key.getFingerprint());
    }

    /** RFC 4880 §4.2: bit 7 of a packet tag is always set; text (armor) never has it for its first byte. */
    private static boolean isBinaryPacket(byte first) {
        return (first & 0x80) != 0;
    }

    private static void readBinary(byte[] data, List<PGPPublicKeyRing> into) throws IOException, PGPException {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(data);
        for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
            if (o instanceof PGPPublicKeyRing ring) {
                into.add(ring);
            } else if (o instanceof PGPSecretKeyRing) {
                throw new PGPException("it holds a secret key; give the public key instead (gpg --export)");
            } else if (!(o instanceof PGPMarker)) {
                throw new PGPException("unexpected " + o.getClass().getSimpleName() + " where a public key belongs");
            }
        }
    }
}

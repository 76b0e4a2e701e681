package dev.peerget.repo.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/**
 * Makes detached signatures with apt's unprotected test secret keys at a chosen time, so that tests can sign
 * with keys whose validity has long ended (gpg refuses to sign with an expired key).
 */
final class TestSigner {
    private TestSigner() {
    }

    /** An armored binary-document signature over {@code data} by the key {@code keyFingerprint} of {@code secretKeyFile}. */
    static byte[] signDetached(Path secretKeyFile, String keyFingerprint, byte[] data, Instant created)
            throws IOException, PGPException {
        PGPSecretKeyRing ring;
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(secretKeyFile))) {
            ring = new PGPSecretKeyRing(in, new BcKeyFingerprintCalculator());
        }
        PGPSecretKey secret = null;
        for (PGPSecretKey k : ring) {
            if (HexFormat.of().withUpperCase().formatHex(k.getPublicKey().getFingerprint()).equals(keyFingerprint)) {
                secret = k;
            }
        }
        if (secret == null) {
            throw new IllegalArgumentException("no key " + keyFingerprint + " in " + secretKeyFile);
        }
        PGPPrivateKey privateKey = secret.extractPrivateKey(null);
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(secret.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                secret.getPublicKey());
        generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, Date.from(created));
        hashed.setIssuerFingerprint(false, secret.getPublicKey());
        generator.setHashedSubpackets(hashed.generate());
        generator.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
            generator.generate().encode(armor);
        }
        return out.toByteArray();
    }
}

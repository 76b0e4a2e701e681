package dev.peerget.engine.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerget.model.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexDigestsTest {
    /** The FIPS 180 / RFC 1321 test vectors of "abc", whichever provider computes them. */
    @ParameterizedTest
    @CsvSource({
        "MD5, 900150983cd24fb0d6963f7d28e17f72",
        "SHA1, a9993e364706816aba3e25717850c26c9cd0d89d",
        "SHA256, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "SHA512, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f",
    })
    void digestsAreTheStandardOnes(HashAlgorithm algorithm, String hex) {
        assertThat(HexFormat.of().formatHex(IndexDigests.digest(algorithm).digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(hex);
    }

    /** Where NSS is installed (Debian's OpenJDK depends on it), index digests are NSS's. */
    @Test
    void sha256ComesFromNssWhereItIsInstalled() {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libnss3.so")), "no NSS at Debian's amd64 path");
        assertThat(IndexDigests.digest(HashAlgorithm.SHA256).getProvider().getName()).isEqualTo("SunPKCS11-NSS");
    }
}

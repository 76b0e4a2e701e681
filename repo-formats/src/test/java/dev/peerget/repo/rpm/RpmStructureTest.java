package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.VerificationException;
import dev.peerget.repo.pgp.Keyring;
import dev.peerget.testing.FixtureRepos;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture packages with one structural field of the lead or a header made invalid, the offsets worked out here
 * from the format description rather than by the reader under test. rpm refuses each of them too.
 */
class RpmStructureTest {
    private static final int LEAD = 96;
    private static final int SIG = LEAD;

    @TempDir
    static Path shared;

    private static Keyring repoKey;
    private static Path repoDb;

    @BeforeAll
    static void keys() throws Exception {
        repoKey = Keyring.load(List.of(FixtureRepos.get().keyArmored()));
        repoDb = RpmTools.keyDb(shared.resolve("db"), FixtureRepos.get().keyArmored());
    }

    @Test
    void anUnknownFormatVersionInTheLeadIsRefused(@TempDir Path dir) throws Exception {
        refused(dir, b -> b.put(4, (byte) 9), "is not a valid RPM: the lead says RPM format version 9");
    }

    @Test
    void aLeadWithoutASignatureHeaderIsRefused(@TempDir Path dir) throws Exception {
        refused(dir, b -> b.putShort(78, (short) 1), "is not a valid RPM: the lead has signature type 1");
    }

    @Test
    void aSignatureHeaderWithoutMagicIsRefused(@TempDir Path dir) throws Exception {
        refused(dir, b -> b.put(SIG, (byte) 0), "no header magic at byte 96 where the signature header should start");
    }

    @Test
    void aSignatureHeaderClaimingTwoBillionEntriesIsRefusedBeforeAnythingIsAllocated(@TempDir Path dir)
            throws Exception {
        refused(dir, b -> b.putInt(SIG + 8, Integer.MAX_VALUE),
                "the signature header at byte 96 claims 2147483647 index entries (allowed: 1 to 65535)");
    }

    @Test
    void aMainHeaderClaimingAGibibyteOfDataIsRefused(@TempDir Path dir) throws Exception {
        refused(dir, b -> b.putInt(mainHeader(b) + 12, 1 << 30), "claims 1073741824 bytes of data");
    }

    @Test
    void anEntryPointingOutsideTheDataStoreIsRefused(@TempDir Path dir) throws Exception {
        // Entry 1 of the signature header: its offset field is the third int.
        refused(dir, b -> b.putInt(SIG + 16 + 16 + 8, 1 << 20), "points outside the data store");
    }

    @Test
    void anEntryOfUnknownTypeIsRefused(@TempDir Path dir) throws Exception {
        refused(dir, b -> b.putInt(mainHeader(b) + 16 + 16 + 4, 42), "has unknown type 42");
    }

    /** SHA1HEADER renamed to SHA256HEADER: two entries with one tag, which a reader could take either of. */
    @Test
    void aTagThatOccursTwiceIsRefused(@TempDir Path dir) throws Exception {
        refused(dir, b -> {
            for (int i = 0; i < b.getInt(SIG + 8); i++) {
                if (b.getInt(SIG + 16 + 16 * i) == 269) {
                    b.putInt(SIG + 16 + 16 * i, 273);
                }
            }
        }, "(tag 273) of the signature header at byte 96 repeats a tag");
    }

    private static int mainHeader(ByteBuffer b) {
        int length = 16 + b.getInt(SIG + 8) * 16 + b.getInt(SIG + 12);
        return SIG + length + (8 - length % 8) % 8;
    }

    private static void refused(Path dir, Consumer<ByteBuffer> damage, String reason) throws Exception {
        Path rpm = dir.resolve("pg-hello-1.0-1.x86_64.rpm");
        byte[] data = Files.readAllBytes(FixtureRepos.get().yumRoot().resolve("Packages/pg-hello-1.0-1.x86_64.rpm"));
        damage.accept(ByteBuffer.wrap(data));
        Files.write(rpm, data);

        assertThatThrownBy(() -> new RpmSignatureVerifier().verify(rpm, repoKey, Instant.now()))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("package " + rpm + " ")
                .hasMessageContaining(reason);
        RpmSignatureVerifierTest.assertRpmRefuses(repoDb, rpm);
    }
}

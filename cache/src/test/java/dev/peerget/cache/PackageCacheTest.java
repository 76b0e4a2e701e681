package dev.peerget.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCacheTest {
    @TempDir
    Path dir;

    private static final byte[] GOOD = "the package".getBytes(StandardCharsets.UTF_8);

    private static Checksum sha256(byte[] data) throws Exception {
        Path tmp = Files.createTempFile("pc", ".bin");
        Files.write(tmp, data);
        try {
            return new Checksum(HashAlgorithm.SHA256, PackageCache.digest(tmp, HashAlgorithm.SHA256));
        } finally {
            Files.delete(tmp);
        }
    }

    @Test
    void aMatchingFileIsMovedInAndFoundAgain() throws Exception {
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Path candidate = Files.write(dir.resolve("download"), GOOD);
        Checksum sum = sha256(GOOD);
        Path cached = cache.admit(candidate, sum, GOOD.length, false);
        assertThat(candidate).doesNotExist();
        assertThat(cached).hasBinaryContent(GOOD).isEqualTo(cache.pathOf(sum));
        assertThat(cache.find(sum, GOOD.length)).contains(cached);
        assertThat(cache.find(sum, GOOD.length + 1)).as("wrong size").isEmpty();
    }

    @Test
    void aMismatchIsRefusedDeletedAndLeavesNothingInTheCache() throws Exception {
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Path candidate = Files.write(dir.resolve("download"), "something else".getBytes(StandardCharsets.UTF_8));
        Checksum sum = sha256(GOOD);
        assertThatThrownBy(() -> cache.admit(candidate, sum, -1, false)).isInstanceOf(PackageCache.Mismatch.class)
                .hasMessageContaining("the signed index says " + sum.hex());
        assertThat(candidate).doesNotExist();
        try (var left = Files.list(dir.resolve("cache/packages"))) {
            assertThat(left).as("no temporary files").isEmpty();
        }
    }

    @Test
    void aKeptSourceOfTheSameOwnerIsLinkedNotCopied() throws Exception {
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Path candidate = Files.write(dir.resolve("seed-data"), GOOD);
        Path cached = cache.admit(candidate, sha256(GOOD), GOOD.length, true);
        assertThat(candidate).exists();
        assertThat(Files.isSameFile(candidate, cached)).isTrue();
    }

    @Test
    void aSymbolicLinkIsNeverAdmittedEvenToAMatchingFile() throws Exception {
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Path real = Files.write(dir.resolve("real"), GOOD);
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertThatThrownBy(() -> cache.admit(link, sha256(GOOD), GOOD.length, true))
                .isInstanceOf(PackageCache.Mismatch.class).hasMessageContaining("not a regular file");
        assertThat(cache.find(sha256(GOOD), GOOD.length)).isEmpty();
    }

    @Test
    void aFileOfAnotherUserIsCopiedSoThatUserCannotChangeTheCachedOne() throws Exception {
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Path candidate = Files.write(dir.resolve("engine-data"), GOOD);
        Files.setOwner(candidate, nobody);
        Path cached = cache.admit(candidate, sha256(GOOD), GOOD.length, true);
        assertThat(Files.isSameFile(candidate, cached)).as("a copy, not a link").isFalse();
        assertThat(Files.getOwner(cached, LinkOption.NOFOLLOW_LINKS)).isEqualTo(Files.getOwner(dir));
        // The other user changes its file: the cached copy stays as verified.
        Files.writeString(candidate, "evil");
        assertThat(cached).hasBinaryContent(GOOD);
    }

    @Test
    void aHugeFileOfAnotherUserIsRefusedBeforeAnyCopy() throws Exception {
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Path sparse = dir.resolve("sparse");
        try (var f = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(1L << 40);   // 1 TiB, no blocks
        }
        Files.setOwner(sparse, nobody);
        assertThatThrownBy(() -> cache.admit(sparse, sha256(GOOD), GOOD.length, true))
                .isInstanceOf(PackageCache.Mismatch.class).hasMessageContaining("size is " + (1L << 40));
        try (var left = Files.list(dir.resolve("cache/packages"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aWorldWritableFileIsCopied() throws Exception {
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Path candidate = Files.write(dir.resolve("open"), GOOD);
        Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path cached = cache.admit(candidate, sha256(GOOD), GOOD.length, true);
        assertThat(Files.isSameFile(candidate, cached)).isFalse();
    }

    @Test
    void aFileHashedAsItWasWrittenIsAdmittedOnTheCallersDigestAndRefusedOnAWrongOne() throws Exception {
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Checksum sum = sha256(GOOD);
        Path candidate = Files.write(dir.resolve("download"), GOOD);
        assertThat(cache.admitHashed(candidate, sum, GOOD.length, sum.hex())).hasBinaryContent(GOOD);
        assertThat(candidate).doesNotExist();

        Path other = Files.write(dir.resolve("download2"), GOOD);
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8)).hex();
        PackageCache empty = new PackageCache(dir.resolve("cache2"));
        assertThatThrownBy(() -> empty.admitHashed(other, sum, GOOD.length, wrong))
                .isInstanceOf(PackageCache.Mismatch.class).hasMessageContaining("SHA256 is " + wrong);
        assertThat(other).doesNotExist();
        assertThat(empty.find(sum, GOOD.length)).isEmpty();
    }

    @Test
    void theCallersDigestOfAFileOthersMayWriteIsNotTrustedTheCopyIsRead() throws Exception {
        PackageCache cache = new PackageCache(dir.resolve("cache"));
        Checksum sum = sha256(GOOD);
        // Another user changed the file after this process hashed what it wrote: its digest no longer holds.
        Path candidate = Files.write(dir.resolve("download"), "changed".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> cache.admitHashed(candidate, sum, 7, sum.hex()))
                .isInstanceOf(PackageCache.Mismatch.class).hasMessageContaining("the signed index says " + sum.hex());
        assertThat(cache.find(sum, 7)).isEmpty();
    }
}

package dev.peerget.repo.rpm;

import dev.peerget.model.Checksum;
import java.util.Objects;

/**
 * One {@code <data>} entry of {@code repodata/repomd.xml}: a metadata file of the repository and the digests
 * that let it be verified before it is parsed (createrepo_c's {@code cr_RepomdRecord}).
 *
 * @param type         {@code primary}, {@code filelists}, {@code other}, {@code primary_db}, {@code *_zck},
 *                     {@code updateinfo}, {@code group}, {@code modules}, or any future type (kept verbatim)
 * @param location     {@code location/@href}, relative to the repository base (e.g. {@code repodata/…-primary.xml.gz})
 * @param checksum     digest of the file as stored (compressed)
 * @param openChecksum digest of the decompressed content, null when the repomd gives none
 * @param size         size of the stored file in bytes, -1 when absent
 * @param openSize     decompressed size in bytes, -1 when absent
 * @param timestamp    {@code <timestamp>} in seconds since the epoch, -1 when absent
 */
public record RepomdData(String type, String location, Checksum checksum, Checksum openChecksum, long size,
        long openSize, long timestamp) {
    public RepomdData {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(checksum, "checksum");
        if (type.isEmpty() || location.isEmpty()) {
            throw new IllegalArgumentException("repomd data needs a type and a location");
        }
        if (size < -1 || openSize < -1) {
            throw new IllegalArgumentException("negative size in repomd data " + type);
        }
    }
}

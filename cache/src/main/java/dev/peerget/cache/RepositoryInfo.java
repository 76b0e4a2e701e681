package dev.peerget.cache;

import dev.peerget.model.PackageFormat;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store records about one repository (an apt source's suite, a yum repo id) besides its packages.
 *
 * @param key        stable identity across updates, e.g. {@code deb http://deb.debian.org/debian bookworm}
 * @param format     the repository's format
 * @param name       human-readable name for listings
 * @param baseUri    URI that package locations are relative to
 * @param suite      apt suite (empty for yum)
 * @param priority   apt pin priority (higher wins) or dnf priority (lower wins), as configured
 * @param cost       dnf cost (lower wins), 0 for apt
 * @param updatedAt  when the metadata was last fetched and verified successfully
 * @param indexDate  the Date of the signed index (Release Date, repomd revision time), null when unknown
 * @param validUntil Valid-Until of the signed index, null when the index sets none
 * @param signer     fingerprint of the key whose signature was verified, empty when unsigned/trusted
 * @param origin     apt Origin (empty for yum)
 * @param label      apt Label; the repo id for yum
 * @param codename   apt Codename (empty for yum)
 * @param revision   yum repomd revision (empty for apt)
 * @param torrent    the torrent the signed index publishes ({@link dev.peerget.repo.TorrentIndex}), empty when
 *                   it publishes none
 * @param archive    apt: the Release's Suite ({@code stable}, what apt list shows and {@code a=} pins match), where
 *                   {@code suite} is the sources.list's distribution ({@code bookworm}); empty for yum
 * @param releaseVersion apt: the Release's Version ({@code 12.5}; apt-get -s shows it as {@code Label:12.5/stable}),
 *                   empty when the Release has none, and for yum
 */
public record RepositoryInfo(
        String key,
        PackageFormat format,
        String name,
        String baseUri,
        String suite,
        int priority,
        int cost,
        Instant updatedAt,
        Instant indexDate,
        Instant validUntil,
        String signer,
        String origin,
        String label,
        String codename,
        String revision,
        Optional<TorrentRef> torrent,
        String archive,
        String releaseVersion) {

    public RepositoryInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(updatedAt, "updatedAt");
        suite = Objects.requireNonNullElse(suite, "");
        signer = Objects.requireNonNullElse(signer, "");
        origin = Objects.requireNonNullElse(origin, "");
        label = Objects.requireNonNullElse(label, "");
        codename = Objects.requireNonNullElse(codename, "");
        revision = Objects.requireNonNullElse(revision, "");
        torrent = Objects.requireNonNullElse(torrent, Optional.empty());
        archive = Objects.requireNonNullElse(archive, "");
        releaseVersion = Objects.requireNonNullElse(releaseVersion, "");
    }

    /** A repository that publishes no torrent. */
    public RepositoryInfo(String key, PackageFormat format, String name, String baseUri, String suite, int priority,
            int cost, Instant updatedAt, Instant indexDate, Instant validUntil, String signer, String origin,
            String label, String codename, String revision) {
        this(key, format, name, baseUri, suite, priority, cost, updatedAt, indexDate, validUntil, signer, origin,
                label, codename, revision, Optional.empty(), "", "");
    }

    /** This information with {@code ref} as the repository's torrent (null: none). */
    public RepositoryInfo withTorrent(TorrentRef ref) {
        return new RepositoryInfo(key, format, name, baseUri, suite, priority, cost, updatedAt, indexDate, validUntil,
                signer, origin, label, codename, revision, Optional.ofNullable(ref), archive, releaseVersion);
    }

    /** This information with {@code archive} as the signed index's Suite (apt's "archive", {@code a=} in pins). */
    public RepositoryInfo withArchive(String archive) {
        return new RepositoryInfo(key, format, name, baseUri, suite, priority, cost, updatedAt, indexDate, validUntil,
                signer, origin, label, codename, revision, torrent, archive, releaseVersion);
    }

    /** This information with {@code version} as the signed index's Version (apt's {@code v=}). */
    public RepositoryInfo withReleaseVersion(String version) {
        return new RepositoryInfo(key, format, name, baseUri, suite, priority, cost, updatedAt, indexDate, validUntil,
                signer, origin, label, codename, revision, torrent, archive, version);
    }
}

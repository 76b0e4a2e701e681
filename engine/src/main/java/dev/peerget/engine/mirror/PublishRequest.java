package dev.peerget.engine.mirror;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mirror torrent} is asked to do.
 *
 * @param root        the repository root: an apt archive (holding {@code dists/} and {@code pool/}) or a yum
 *                    repository (holding {@code repodata/})
 * @param name        the torrent's name (its top directory), null to take it from the first web seed, else the
 *                    root directory's name
 * @param webSeeds    the URLs the repository is served at, as clients configure them; see {@link WebSeeds}
 * @param trackers    announce URLs
 * @param format      the metainfo format
 * @param signKey     the gpg key to sign the changed index with, null to leave signing to the operator
 * @param gpgHomedir  gpg's home directory, null for gpg's default
 */
public record PublishRequest(Path root, String name, List<String> webSeeds, List<String> trackers,
        TorrentFormat format, String signKey, Path gpgHomedir) {
    public PublishRequest {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(format, "format");
        webSeeds = List.copyOf(webSeeds);
        trackers = List.copyOf(trackers);
    }

    /** A v1 torrent of {@code root} without web seeds, trackers or signing. */
    public static PublishRequest of(Path root) {
        return new PublishRequest(root, null, List.of(), List.of(), TorrentFormat.V1, null, null);
    }

    public PublishRequest withWebSeeds(List<String> urls) {
        return new PublishRequest(root, name, urls, trackers, format, signKey, gpgHomedir);
    }

    public PublishRequest withSigning(String key, Path homedir) {
        return new PublishRequest(root, name, webSeeds, trackers, format, key, homedir);
    }
}

package dev.peerget.engine.mirror;

import dev.peerget.engine.ToolLocator;
import dev.peerget.repo.pgp.SignatureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mirror torrent}: makes the torrent of every signed index of a repository, publishes it inside that
 * index, and re-signs the index with the operator's gpg key, or says exactly which signatures are stale and how
 * to write them. A signature is stale when its index changed in this run, when an InRelease no longer carries
 * its Release's text, or when a detached signature is older than its index; it is never left stale without a
 * word. Running it again on an unchanged repository writes nothing.
 */
public final class TorrentPublisher {
    private final ToolLocator tools;
    private final Clock clock;

    public TorrentPublisher(ToolLocator tools, Clock clock) {
        this.tools = tools;
        this.clock = clock;
    }

    public PublishReport publish(PublishRequest request) {
        RepositoryTree tree = RepositoryTree.detect(request.root());
        String name = nameOf(request, tree.root());
        TorrentSettings settings = new TorrentSettings(name, WebSeeds.urlList(request.webSeeds(), name),
                request.trackers(), request.format());
        // Found before anything is written: a missing gpg should not leave a half-published repository.
        GpgSigner signer = request.signKey() == null ? null : new GpgSigner(tools.find("gpg").orElseThrow(() ->
                new MirrorException("--sign-key needs gpg, which is not on the PATH",
                        "install gnupg, or leave out --sign-key and sign the files yourself")),
                request.signKey(), request.gpgHomedir());

        List<String> warnings = new ArrayList<>();
        List<IndexTorrent> torrents = new ArrayList<>();
        List<IndexSignature> stale = new ArrayList<>();
        List<Path> unsigned = new ArrayList<>();
        if (tree instanceof RepositoryTree.AptArchive apt) {
            AptPublisher publisher = new AptPublisher(settings);
            for (String suite : apt.suites()) {
                publisher.publish(apt, suite, warnings).ifPresent(torrents::add);
            }
        } else {
            new YumPublisher(settings, clock).publish((RepositoryTree.YumRepository) tree, warnings)
                    .ifPresent(torrents::add);
        }
        for (IndexTorrent t : torrents) {
            t.skipped().forEach(s -> warnings.add(t.index() + ": left out " + s));
            List<IndexSignature> all = tree instanceof RepositoryTree.AptArchive
                    ? AptPublisher.signatures(t) : YumPublisher.signatures(t);
            List<IndexSignature> present = all.stream().filter(s -> Files.exists(s.signature())).toList();
            boolean anyStale = present.stream().anyMatch(s -> t.changed() || isStale(s));
            if (signer != null) {
                if (anyStale || present.size() < all.size()) {
                    stale.addAll(all);
                }
            } else if (present.isEmpty()) {
                unsigned.add(t.dataFile());
            } else if (anyStale) {
                stale.addAll(present);
            }
        }
        if (signer != null) {
            stale.forEach(signer::sign);
        }
        String suggested = request.signKey() != null ? request.signKey() : issuerOf(stale);
        return new PublishReport(tree instanceof RepositoryTree.AptArchive ? "apt" : "yum", tree.root(), name,
                settings.urlList(), torrents, warnings, stale, request.signKey(), suggested, unsigned);
    }

    /** The explicit name, else the last segment of the first web seed, else the root directory's name. */
    private static String nameOf(PublishRequest request, Path root) {
        String name = request.name();
        if (name == null && !request.webSeeds().isEmpty()) {
            name = WebSeeds.lastSegment(request.webSeeds().get(0));
        }
        if (name == null) {
            name = root.getFileName() == null ? "" : root.getFileName().toString();
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw new MirrorException("'" + name + "' cannot be a torrent name (the directory clients save the "
                    + "files under)", "pass --name NAME, a plain directory name such as the last part of the "
                    + "repository's URL");
        }
        return name;
    }

    /** Whether a signature that exists no longer matches its index (see the class comment). */
    private static boolean isStale(IndexSignature s) {
        try {
            if (s.kind() == IndexSignature.Kind.CLEARSIGNED) {
                Optional<String> text = SignatureFiles.clearsignedText(Files.readAllBytes(s.signature()));
                return text.isEmpty() || !text.get().equals(Files.readString(s.data(), StandardCharsets.UTF_8));
            }
            return Files.getLastModifiedTime(s.signature()).compareTo(Files.getLastModifiedTime(s.data())) < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** The key the first readable stale signature claims to be made by, or null. */
    private static String issuerOf(List<IndexSignature> signatures) {
        for (IndexSignature s : signatures) {
            try {
                List<String> issuers = SignatureFiles.issuers(Files.readAllBytes(s.signature()));
                if (!issuers.isEmpty()) {
                    return issuers.get(0);
                }
            } catch (IOException e) {
                // Try the next one.
            }
        }
        return null;
    }
}

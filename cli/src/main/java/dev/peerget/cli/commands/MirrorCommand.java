package dev.peerget.cli.commands;

import dev.peerget.cli.Console;
import dev.peerget.cli.ExitCode;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.MirrorText;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.mirror.PublishReport;
import dev.peerget.engine.mirror.PublishRequest;
import dev.peerget.engine.mirror.SeedRequest;
import dev.peerget.engine.mirror.SeedSession;
import dev.peerget.engine.mirror.TorrentFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mirror}: for the operator of a repository mirror: publish the repository's torrents and seed them. */
@Command(name = "mirror", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "For the operator of an apt or yum repository: publish a torrent of its packages inside its "
                + "signed index, and seed it. See docs/mirror.md.",
        subcommands = {MirrorCommand.Torrent.class, MirrorCommand.Seed.class})
public final class MirrorCommand implements Runnable {
    @ParentCommand
    PeergetCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(parent.invocation().console().out());
    }

    /** {@code mirror torrent REPO_ROOT}: make, publish and sign the repository's torrents. */
    @Command(name = "torrent", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
            description = "Make a torrent (BitTorrent v1, or v1 + v2 with --format hybrid) of the packages a "
                    + "repository's indexes list (apt: one per "
                    + "suite, written to dists/SUITE/peerget.torrent and listed in its Release; yum: "
                    + "repodata/<sha256>-peerget.torrent, a <data type=\"torrent\"> entry of repomd.xml). Running "
                    + "it again after the repository changed replaces them. The changed index is signed again with "
                    + "--sign-key; otherwise the stale signatures and the gpg commands that rewrite them are printed.")
    public static final class Torrent implements Callable<Integer> {
        @ParentCommand
        MirrorCommand mirror;

        @Parameters(index = "0", paramLabel = "REPO_ROOT", description = "The repository root: the directory "
                + "holding dists/ and pool/ (apt) or repodata/ (yum).")
        Path root;

        @Option(names = "--web-seed", paramLabel = "URL", description = "A URL the repository is served at, as "
                + "clients configure it (http://mirror.example/debian/); its last directory must be the torrent "
                + "name. BitTorrent clients then download from it (BEP 19). May be repeated.")
        List<String> webSeeds = new ArrayList<>();

        @Option(names = "--tracker", paramLabel = "URL", description = "A tracker announce URL; may be repeated.")
        List<String> trackers = new ArrayList<>();

        @Option(names = "--name", paramLabel = "NAME", description = "The torrent name, the directory clients save "
                + "the files under (default: the last directory of the first --web-seed, else REPO_ROOT's name).")
        String name;

        @Option(names = "--format", paramLabel = "v1|hybrid", description = "The torrent format (default: v1, "
                + "BitTorrent v1 with BEP 47 pad files, which every client reads). hybrid: v1 and v2 (BEP 52) in one "
                + "file, so v2 clients also verify each package by its merkle root; aria2 1.36 and Transmission 3.00 "
                + "cannot use it. peerget clients read both and name the torrent by its v1 info hash.")
        TorrentFormat format = TorrentFormat.V1;

        @Option(names = "--sign-key", paramLabel = "KEYID", description = "Sign the changed indexes with this gpg "
                + "key: InRelease and Release.gpg, or repomd.xml.asc.")
        String signKey;

        @Option(names = "--gpg-homedir", paramLabel = "DIR", description = "gpg's home directory for --sign-key "
                + "(default: gpg's own, usually ~/.gnupg).")
        Path gpgHomedir;

        @Override
        public Integer call() {
            Console console = mirror.parent.invocation().console();
            PublishRequest request = new PublishRequest(root, name, webSeeds, trackers, format, signKey,
                    gpgHomedir);
            try (Peerget engine = mirror.parent.invocation().engine()) {
                PublishReport report = engine.publishTorrents(request);
                MirrorText.publishReport(report, console.out(), console.err());
                return ExitCode.OK.code();
            }
        }
    }

    /** {@code mirror seed REPO_ROOT}: seed the published torrents until stopped. */
    @Command(name = "seed", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
            description = "Seed the torrents 'mirror torrent' published in REPO_ROOT from its own files, printing a "
                    + "status line per torrent periodically, until interrupted (SIGINT or SIGTERM).")
    public static final class Seed implements Callable<Integer> {
        /** How long a signal waits for the engine to stop before the JVM goes down anyway. */
        private static final long STOP_GRACE_SECONDS = 15;

        @ParentCommand
        MirrorCommand mirror;

        @Parameters(index = "0", paramLabel = "REPO_ROOT", description = "The repository root given to 'mirror "
                + "torrent'.")
        Path root;

        @Option(names = "--listen", paramLabel = "ADDR:PORT", description = "Where peers connect (default: "
                + "0.0.0.0:6881; port 0 picks a free one).")
        String listen = "0.0.0.0:6881";

        @Option(names = "--local", description = "No DHT, local peer discovery, UPnP or NAT-PMP: peers come from "
                + "the trackers and web seeds only.")
        boolean local;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the torrent engine keeps its "
                + "native library and links (default: var/cache/peerget under --root).")
        Path stateDir;

        @Option(names = "--status-interval", paramLabel = "SECONDS", description = "Seconds between status lines "
                + "(default: 30).")
        long statusInterval = 30;

        @Override
        public Integer call() throws InterruptedException {
            Console console = mirror.parent.invocation().console();
            if (statusInterval <= 0) {
                console.err().println("E: --status-interval must be a positive number of seconds");
                console.err().println("hint: e.g. --status-interval 30");
                return ExitCode.USAGE.code();
            }
            Path state = stateDir != null ? stateDir : mirror.parent.invocation().context().layout().cacheDir();
            SeedRequest request = new SeedRequest(root, listen, local, state, Duration.ofSeconds(statusInterval));
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            // SIGINT and SIGTERM run shutdown hooks: this one ends run() and lets the engine stop cleanly first.
            Thread onSignal = new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "peerget-seed-stop");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try (Peerget engine = mirror.parent.invocation().engine();
                    SeedSession session = engine.seed(request, MirrorText.seedListener(console.out(), console.err()))) {
                MirrorText.seedStarted(session, root, console.out(), console.err());
                session.run(stop);
            } finally {
                stopped.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down (a signal): the hook is running.
                }
            }
            return ExitCode.OK.code();
        }
    }
}

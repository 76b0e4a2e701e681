package dev.peerget.cli.commands;

import dev.peerget.cli.Console;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.FetchProgressPrinter;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.query.AvailablePackage;
import dev.peerget.fetch.swarm.FetchReport;
import dev.peerget.model.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code download PKG…}: like {@code apt-get download} / {@code dnf download}: verified files, no dependencies. */
@Command(name = "download", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Fetch the package files of each PKG (name, name:arch, name=version) into the current "
                + "directory, like apt-get download and dnf download: from the repository's torrent when it "
                + "publishes one, else from the mirror, verified against the signed index. Dependencies are not "
                + "fetched.")
public final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Parameters(arity = "1..*", paramLabel = "PKG", description = "Packages to fetch.")
    List<String> specs;

    @Option(names = "--destdir", paramLabel = "DIR", description = "Write the files into DIR instead of the "
            + "current directory.")
    Path destDir;

    @Override
    public Integer call() throws IOException {
        Console console = parent.invocation().console();
        Path target = destDir != null ? destDir : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(target)) {
            throw new EngineException(target + " is not a directory", "create it or choose another --destdir");
        }
        Path privateCache = null;
        try (Peerget engine = parent.invocation().engine()) {
            List<PackageRecord> records = new ArrayList<>();
            for (String spec : specs) {
                AvailablePackage p = engine.queries().downloadCandidate(spec);
                if (!records.contains(p.record())) {
                    records.add(p.record());
                }
            }
            FetchProgressPrinter printer = new FetchProgressPrinter(console.out(), console.err(),
                    console.isTerminal(), parent.invocation().debug());
            // A user who may not write the system's package cache (apt-get download works for every user):
            // a cache of this run's own beside the destination, deleted afterwards.
            if (!engine.mayWritePackageCache()) {
                privateCache = Files.createTempDirectory(target, ".peerget-download-");
            }
            FetchReport report = (privateCache == null ? engine.fetcher() : engine.fetcher(privateCache))
                    .download(records, target, printer);
            printer.summary(report);
            return 0;
        } finally {
            if (privateCache != null) {
                deleteTree(privateCache);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

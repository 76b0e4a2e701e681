package dev.peerget.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes; inherited by the subcommands. */
public final class GlobalOptions {
    @Option(names = {"--root", "--installroot"}, paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Work on the system below DIR: configuration, keys, state, cache and the dpkg/rpm "
                    + "databases are all taken from there (like dpkg --root, dnf --installroot).")
    Path root = Path.of("/");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read settings from FILE instead of etc/peerget/peerget.conf under the root.")
    Path config;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Override a peerget.conf setting for this run; may be repeated.")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-C", "--cacheonly"}, scope = ScopeType.INHERIT,
            description = "Run from what is stored alone, as dnf -C: expired yum metadata is used as it is, update "
                    + "is refused, and nothing is downloaded (the package files must be in the cache already).")
    boolean cacheOnly;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Quiet, as apt-get's -q: output for logs, without progress drawing; twice (-qq), no "
                    + "report on standard output from update and the commands that change packages, and -y implied "
                    + "(errors still go to standard error).")
    boolean[] quiet = new boolean[0];

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces and internal details with errors.")
    boolean debug;
}

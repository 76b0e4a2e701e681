package dev.peerget.cli;

import dev.peerget.cli.commands.AutoremoveCommand;
import dev.peerget.cli.commands.CheckUpdateCommand;
import dev.peerget.cli.commands.CleanCommand;
import dev.peerget.cli.commands.DebugCommand;
import dev.peerget.cli.commands.DistUpgradeCommand;
import dev.peerget.cli.commands.DowngradeCommand;
import dev.peerget.cli.commands.DownloadCommand;
import dev.peerget.cli.commands.HistoryCommand;
import dev.peerget.cli.commands.InstallCommand;
import dev.peerget.cli.commands.ListCommand;
import dev.peerget.cli.commands.MarkCommand;
import dev.peerget.cli.commands.MirrorCommand;
import dev.peerget.cli.commands.PurgeCommand;
import dev.peerget.cli.commands.ReinstallCommand;
import dev.peerget.cli.commands.RecoverCommand;
import dev.peerget.cli.commands.RemoveCommand;
import dev.peerget.cli.commands.UpgradeCommand;
import dev.peerget.cli.commands.PolicyCommand;
import dev.peerget.cli.commands.ProvidesCommand;
import dev.peerget.cli.commands.RepolistCommand;
import dev.peerget.cli.commands.SearchCommand;
import dev.peerget.cli.commands.SeedCommand;
import dev.peerget.cli.commands.ShowCommand;
import dev.peerget.cli.commands.UpdateCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The top-level {@code peerget} command: global options and the subcommands. The subcommands are listed in
 * {@link #SUBCOMMANDS} rather than in the annotation, so that a run builds picocli's model of the one it
 * invokes only ({@link Main#commandLine(PeergetCommand, String...)}).
 */
@Command(name = "peerget",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "peerget is a package client for Debian (apt) and RPM (yum/dnf) repositories. It reads the system's "
                + "repository configuration, verifies the OpenPGP signatures and checksums of every index, and "
                + "keeps the metadata in a local database for search, show, list and policy."
        })
public final class PeergetCommand implements Runnable {
    /** Every subcommand, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            UpdateCommand.class,
            SearchCommand.class,
            ShowCommand.class,
            ListCommand.class,
            PolicyCommand.class,
            ProvidesCommand.class,
            RepolistCommand.class,
            CheckUpdateCommand.class,
            DownloadCommand.class,
            InstallCommand.class,
            ReinstallCommand.class,
            DowngradeCommand.class,
            RemoveCommand.class,
            PurgeCommand.class,
            UpgradeCommand.class,
            DistUpgradeCommand.class,
            AutoremoveCommand.class,
            MarkCommand.class,
            HistoryCommand.class,
            RecoverCommand.class,
            CleanCommand.class,
            SeedCommand.class,
            MirrorCommand.class,
            DebugCommand.class,
            CommandLine.HelpCommand.class);

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    private Invocation invocation;

    void attach(Invocation invocation) {
        this.invocation = invocation;
    }

    GlobalOptions global() {
        return global;
    }

    /** The current run, for subcommands. */
    public Invocation invocation() {
        return invocation;
    }

    @Override
    public void run() {
        spec.commandLine().usage(invocation.console().out());
    }
}

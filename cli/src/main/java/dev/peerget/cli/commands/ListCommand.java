package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.cli.render.PackageText;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.query.ListEntry;
import dev.peerget.engine.query.ListMode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code list}: packages with their state, like apt list. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class, description = "List packages by name: the candidate version of every available package, "
        + "or only installed, upgradable, or all versions. GLOB filters names (shell wildcards: * ? [...]).")
public final class ListCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Mixin
    JsonOption json;

    static final class Mode {
        @Option(names = "--installed", description = "Only installed packages.")
        boolean installed;
        @Option(names = "--upgradable", description = "Only installed packages with a newer candidate.")
        boolean upgradable;
        @Option(names = {"-a", "--all", "--all-versions"}, description = "Every available version.")
        boolean all;
    }

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Parameters(arity = "0..1", paramLabel = "GLOB", description = "Only names matching this pattern.")
    String glob;

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        ListMode m = mode.installed ? ListMode.INSTALLED : mode.upgradable ? ListMode.UPGRADABLE
                : mode.all ? ListMode.ALL_VERSIONS : ListMode.AVAILABLE;
        try (Peerget engine = parent.invocation().engine()) {
            List<ListEntry> entries = engine.queries().list(m, glob);
            if (json.enabled()) {
                JsonWriter w = new JsonWriter(out).beginArray();
                for (ListEntry e : entries) {
                    w.beginObject().field("name", e.name()).field("version", e.version()).field("arch", e.arch())
                            .field("origin", e.origin()).field("installed", e.isInstalledVersion())
                            .field("installed_version", e.installed() == null ? null : e.installed().record().version())
                            .field("upgradable_to", e.upgradable()).endObject();
                }
                w.endArray();
            } else {
                for (ListEntry e : entries) {
                    out.println(PackageText.listLine(e.name(), e.origin(), e.version(), e.arch()) + state(e));
                }
            }
            return 0;
        }
    }

    /** apt list's bracketed state. */
    private static String state(ListEntry e) {
        if (e.installed() == null) {
            return "";
        }
        if (e.isInstalledVersion()) {
            if (e.upgradable() != null) {
                return " [installed,upgradable to: " + e.upgradable() + "]";
            }
            return e.origin().isEmpty() ? " [installed,local]" : " [installed]";
        }
        if (e.upgradable() != null && e.upgradable().equals(e.version())) {
            return " [upgradable from: " + e.installed().record().version() + "]";
        }
        return "";
    }
}

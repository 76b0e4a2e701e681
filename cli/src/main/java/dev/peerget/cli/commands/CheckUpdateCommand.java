package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.query.ListEntry;
import dev.peerget.engine.query.ListMode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code check-update}: dnf check-update, for scripts. */
@Command(name = "check-update", aliases = "check-upgrade", mixinStandardHelpOptions = true,
        versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "List the installed packages that have a newer candidate (NAME.ARCH VERSION REPOSITORY), and "
                + "exit with 100 when there is one, 0 when there is none, as dnf check-update does (with --json "
                + "too).")
public final class CheckUpdateCommand implements Callable<Integer> {
    /** dnf's exit status when updates are available. */
    static final int UPDATES_AVAILABLE = 100;

    @ParentCommand
    PeergetCommand parent;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            List<ListEntry> upgradable = engine.queries().list(ListMode.UPGRADABLE, null);
            if (json.enabled()) {
                // The fields of list --json; the exit code stays dnf's, so scripts may test either.
                JsonWriter w = new JsonWriter(out).beginArray();
                for (ListEntry e : upgradable) {
                    w.beginObject().field("name", e.name()).field("version", e.version()).field("arch", e.arch())
                            .field("origin", e.origin())
                            .field("installed_version", e.installed().record().version())
                            .endObject();
                }
                w.endArray();
                return upgradable.isEmpty() ? 0 : UPDATES_AVAILABLE;
            }
            if (upgradable.isEmpty()) {
                return 0;
            }
            int name = upgradable.stream().mapToInt(e -> e.name().length() + 1 + e.arch().length()).max().orElse(0);
            int version = upgradable.stream().mapToInt(e -> e.version().length()).max().orElse(0);
            out.println();
            for (ListEntry e : upgradable) {
                out.printf("%-" + name + "s  %-" + version + "s  %s%n", e.name() + "." + e.arch(), e.version(),
                        e.origin());
            }
            return UPDATES_AVAILABLE;
        }
    }
}

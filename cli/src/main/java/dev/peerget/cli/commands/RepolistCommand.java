package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.RepositoryView;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code repolist}: the configured repositories, like dnf repolist. */
@Command(name = "repolist", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class, description = "List the configured repositories (apt sources and yum repos) with how "
        + "many packages the last update stored for each.")
public final class RepolistCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Mixin
    JsonOption json;

    @Option(names = "--all", description = "Include disabled repositories.")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            List<RepositoryView> repos = engine.repositories().stream().filter(r -> all || r.enabled()).toList();
            if (json.enabled()) {
                JsonWriter w = new JsonWriter(out).beginArray();
                for (RepositoryView r : repos) {
                    w.beginObject().field("id", r.id()).field("name", r.name()).field("format", r.format().id())
                            .field("enabled", r.enabled()).field("source", r.source())
                            .field("packages", r.packageCount())
                            .field("updated", r.updatedAt() == null ? null : r.updatedAt().toString())
                            .field("torrent", r.torrentInfoHash()).endObject();
                }
                w.endArray();
            } else {
                int idWidth = Math.max(7, repos.stream().mapToInt(r -> r.id().length()).max().orElse(0));
                int nameWidth = Math.max(9, repos.stream().mapToInt(r -> r.name().length()).max().orElse(0));
                String fmt = "%-" + idWidth + "s  %-" + nameWidth + "s  %-6s  %8s%s%n";
                out.printf(Locale.ROOT, fmt, "repo id", "repo name", "format", "packages", all ? "  status" : "");
                for (RepositoryView r : repos) {
                    out.printf(Locale.ROOT, fmt, r.id(), r.name(), r.format() == dev.peerget.model.PackageFormat.DEB
                            ? "apt" : "yum", r.updatedAt() == null ? "-" : Long.toString(r.packageCount()),
                            all ? (r.enabled() ? "  enabled" : "  disabled") : "");
                }
            }
            return 0;
        }
    }
}

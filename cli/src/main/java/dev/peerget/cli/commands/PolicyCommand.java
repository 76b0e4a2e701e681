package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.query.PackageQueries;
import dev.peerget.engine.query.PinnedVersion;
import dev.peerget.engine.query.Policy;
import dev.peerget.engine.query.VersionRow;
import dev.peerget.model.PackageFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code policy PKG…}: installed and candidate versions and where each version comes from. */
@Command(name = "policy", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Show the installed and candidate version of each PKG and the priority of every version's "
                + "sources (apt: pin priority, higher wins; dnf: repository priority, lower wins). Without PKG, the "
                + "priority of every package index (apt: each component and architecture of a repository; dnf: each "
                + "repository) with the release fields pins match, then (apt) the versions that preference records "
                + "naming a package pin, as apt-cache policy prints them.")
public final class PolicyCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Mixin
    JsonOption json;

    @Parameters(arity = "0..*", paramLabel = "PKG", description = "Package names.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            if (names.isEmpty()) {
                sources(out, engine.policySources());
                if (!json.enabled()) {
                    pinned(out, engine.queries().pinned());
                }
                return 0;
            }
            List<Policy> policies = new ArrayList<>();
            for (String n : names) {
                List<Policy> found = engine.policy(n);
                if (found.isEmpty()) {
                    // apt-cache policy prints nothing for an unknown name and exits 0 (its notice is not shown at
                    // the default verbosity); stdout stays apt's, the notice goes to stderr.
                    parent.invocation().console().err().println("N: Unable to locate package " + n);
                }
                policies.addAll(found);
            }
            if (json.enabled()) {
                json(out, policies);
            } else {
                // yum's tables keep their old heading: NAME:ARCH when any name has several tables.
                boolean severalPerName = policies.stream().map(Policy::name).distinct().count() < policies.size();
                for (Policy p : policies) {
                    table(out, p, severalPerName);
                }
            }
            return 0;
        }
    }

    /**
     * One table. Debian: apt-cache policy's text (cmdline/apt-cache.cc): {@code NAME:} or {@code NAME:ARCH:} for
     * a foreign architecture, the version's own priority, then each index with its priority as
     * {@code "       %4i %s"}. RPM: peerget's own layout, unchanged.
     */
    private static void table(PrintWriter out, Policy p, boolean severalPerName) {
        boolean apt = p.format() == PackageFormat.DEB;
        String heading = apt ? (p.foreign() ? p.name() + ":" + p.arch() : p.name())
                : p.name() + (severalPerName ? ":" + p.arch() : "");
        out.println(heading + ":");
        out.println("  Installed: " + (p.installed() == null ? "(none)" : p.installed()));
        out.println("  Candidate: " + (p.candidate() == null ? "(none)" : p.candidate()));
        out.println("  Version table:");
        for (VersionRow row : p.versions()) {
            out.println((row.installed() ? " *** " : "     ") + row.version() + " " + row.priority());
            for (VersionRow.Source s : row.sources()) {
                out.printf(apt ? "       %4d %s%n" : "        %3d %s%n", s.priority(), s.description());
            }
        }
    }

    private static void json(PrintWriter out, List<Policy> policies) {
        JsonWriter w = new JsonWriter(out).beginArray();
        for (Policy p : policies) {
            w.beginObject().field("name", p.name()).field("arch", p.arch())
                    .field("installed", p.installed()).field("candidate", p.candidate());
            w.name("versions").beginArray();
            for (VersionRow row : p.versions()) {
                w.beginObject().field("version", row.version()).field("priority", row.priority())
                        .field("installed", row.installed());
                w.name("sources").beginArray();
                for (VersionRow.Source s : row.sources()) {
                    w.beginObject().field("priority", s.priority()).field("source", s.description()).endObject();
                }
                w.endArray().endObject();
            }
            w.endArray().endObject();
        }
        w.endArray();
    }

    /** apt-cache policy's closing section, printed even when empty, in apt 2.6's words. */
    private static void pinned(PrintWriter out, List<PinnedVersion> pinned) {
        out.println("Pinned packages:");
        for (PinnedVersion p : pinned) {
            out.println("     " + p.packageName() + " -> " + p.version() + " with priority " + p.priority());
        }
    }

    private void sources(PrintWriter out, List<PackageQueries.SourcePolicy> sources) {
        if (json.enabled()) {
            JsonWriter w = new JsonWriter(out).beginArray();
            for (PackageQueries.SourcePolicy s : sources) {
                w.beginObject().field("priority", s.priority()).field("source", s.source())
                        .field("release", s.release()).field("origin", s.origin())
                        .field("component", s.component()).field("arch", s.arch()).endObject();
            }
            w.endArray();
            return;
        }
        out.println("Package files:");
        for (PackageQueries.SourcePolicy s : sources) {
            out.printf("%4d %s%n", s.priority(), s.source());
            out.println("     release " + s.release());
            if (!s.origin().isEmpty()) {
                out.println("     origin " + s.origin());
            }
        }
    }
}

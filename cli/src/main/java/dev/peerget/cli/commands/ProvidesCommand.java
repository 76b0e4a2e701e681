package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.query.AvailablePackage;
import dev.peerget.model.PackageFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code provides}: dnf provides / whatprovides. */
@Command(name = "provides", aliases = "whatprovides", mixinStandardHelpOptions = true,
        versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Find the available packages that provide a capability, a package name, or a file (RPM "
                + "repositories list their files; a bare command name is also looked up in /usr/bin, /usr/sbin, /bin "
                + "and /sbin), like dnf provides.")
public final class ProvidesCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Mixin
    JsonOption json;

    @Parameters(arity = "1..*", paramLabel = "WHAT", description = "Capabilities, names or absolute file paths.")
    List<String> what = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            JsonWriter w = json.enabled() ? new JsonWriter(out).beginArray() : null;
            for (String capability : what) {
                Map<String, List<AvailablePackage>> matches = engine.queries().provides(capability);
                for (Map.Entry<String, List<AvailablePackage>> match : matches.entrySet()) {
                    for (AvailablePackage p : match.getValue()) {
                        var r = p.record();
                        boolean file = match.getKey().startsWith("/");
                        if (w != null) {
                            w.beginObject().field("name", r.name()).field("version", r.version())
                                    .field("arch", r.arch()).field("repository", p.origin())
                                    .field(file ? "file" : "provide", match.getKey()).endObject();
                            continue;
                        }
                        String id = r.format() == PackageFormat.RPM ? r.name() + "-" + r.version() + "." + r.arch()
                                : r.name() + "_" + r.version() + "_" + r.arch();
                        out.println(id + " : " + r.summary());
                        out.println("Repo        : " + p.origin());
                        out.println("Matched from:");
                        out.println((file ? "Filename    : " : "Provide     : ") + match.getKey());
                        out.println();
                    }
                }
            }
            if (w != null) {
                w.endArray();
            }
            return 0;
        }
    }
}

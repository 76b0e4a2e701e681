package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.cli.render.PackageJson;
import dev.peerget.cli.render.PackageText;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.query.SearchHit;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code search TERM…}: packages whose name contains, or whose description has words starting with, every term. */
@Command(name = "search", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class, description = "List packages matching every TERM: the name contains it, or a word of "
        + "the summary or description starts with it.")
public final class SearchCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Mixin
    JsonOption json;

    @Option(names = "--names-only", description = "Match package names only.")
    boolean namesOnly;

    @Parameters(arity = "1..*", paramLabel = "TERM", description = "Search terms (all must match).")
    List<String> terms;

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            List<SearchHit> hits = engine.queries().search(terms, namesOnly);
            if (json.enabled()) {
                JsonWriter w = new JsonWriter(out).beginArray();
                for (SearchHit h : hits) {
                    w.beginObject();
                    PackageJson.brief(w, h.candidate().record());
                    w.field("origin", h.candidate().origin()).field("installed", h.installed());
                    w.endObject();
                }
                w.endArray();
            } else {
                for (SearchHit h : hits) {
                    var r = h.candidate().record();
                    out.println(PackageText.listLine(r.name(), h.candidate().origin(), r.version(), r.arch())
                            + (h.installed() ? " [installed]" : ""));
                    out.println("  " + r.summary());
                    out.println();
                }
            }
            return 0;
        }
    }
}

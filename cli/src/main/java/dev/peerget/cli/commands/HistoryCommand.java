package dev.peerget.cli.commands;

import dev.peerget.cli.JsonOption;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.cli.render.JsonWriter;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.installer.Change;
import dev.peerget.installer.HistoryEntry;
import dev.peerget.installer.ToolRun;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code history [list|info N|undo N]}: the transactions peerget carried out, like {@code dnf history}. */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "List the transactions peerget carried out under this root (who, when, what changed), show "
                + "one, or undo one (like dnf history).",
        subcommands = {HistoryCommand.Info.class, HistoryCommand.Undo.class})
public final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @ParentCommand
    PeergetCommand parent;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            List<HistoryEntry> entries = engine.history().list();
            if (json.enabled()) {
                JsonWriter w = new JsonWriter(out).beginArray();
                entries.forEach(e -> entry(w, e));
                w.endArray();
                return 0;
            }
            out.printf("%4s | %-40s | %-16s | %-8s | %s%n", "ID", "Command line", "Date and time", "Action(s)",
                    "Altered");
            List<HistoryEntry> newestFirst = new java.util.ArrayList<>(entries);
            newestFirst.sort(java.util.Comparator.comparingLong(HistoryEntry::id).reversed());
            for (HistoryEntry e : newestFirst) {
                out.printf("%4d | %-40s | %-16s | %-8s | %d%n", e.id(), abbreviate(shortCommand(e.commandLine()), 40),
                        TIME.format(e.started().atZone(ZoneId.systemDefault())), actions(e), e.changes().size());
            }
            return 0;
        }
    }

    static String actions(HistoryEntry e) {
        if (e.outcome() != HistoryEntry.Outcome.OK) {
            return e.outcome().name().toLowerCase(Locale.ROOT);
        }
        return String.join(",", e.changes().stream().map(c -> c.action().name().substring(0, 1)).distinct()
                .toList());
    }

    /** The command as a user recognises it: without "peerget" and the global --root/--config options. */
    static String shortCommand(String commandLine) {
        return commandLine.replaceFirst("^peerget ", "").replaceAll("(^| )--(root|config)[= ]\\S+", "").strip();
    }

    private static String abbreviate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }

    static void entry(JsonWriter w, HistoryEntry e) {
        w.beginObject().field("id", e.id()).field("command_line", e.commandLine())
                .field("user", e.user()).field("uid", e.uid()).field("started", e.started().toString())
                .field("ended", e.endedAt().map(Object::toString).orElse(null))
                .field("outcome", e.outcome().name().toLowerCase(Locale.ROOT));
        w.name("changes").beginArray();
        for (Change c : e.changes()) {
            w.beginObject().field("action", c.action().name().toLowerCase(Locale.ROOT)).field("name", c.name())
                    .field("arch", c.arch()).field("from", c.oldVersion()).field("to", c.newVersion())
                    .field("automatic", c.automatic()).field("result", c.result().name().toLowerCase(Locale.ROOT))
                    .endObject();
        }
        w.endArray().endObject();
    }

    /** {@code history info N}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show what transaction N changed, who ran "
            + "it and when, and the output of a failed dpkg or rpm run.")
    public static final class Info implements Callable<Integer> {
        @ParentCommand
        HistoryCommand history;

        @Mixin
        JsonOption json;

        @Parameters(paramLabel = "N", description = "The transaction's id (see peerget history).")
        long id;

        @Override
        public Integer call() {
            PrintWriter out = history.parent.invocation().console().out();
            try (Peerget engine = history.parent.invocation().engine()) {
                HistoryEntry e = engine.history().get(id).orElseThrow(() -> new EngineException(
                        "there is no transaction " + id, "list the recorded transactions with peerget history"));
                if (json.enabled()) {
                    entry(new JsonWriter(out), e);
                    return 0;
                }
                out.println("Transaction ID : " + e.id());
                out.println("Begin time     : " + TIME.format(e.started().atZone(ZoneId.systemDefault())));
                out.println("End time       : " + e.endedAt().map(t -> TIME.format(t.atZone(ZoneId.systemDefault())))
                        .orElse("(not ended)"));
                out.println("User           : " + e.user() + " (uid " + e.uid() + ")");
                out.println("Outcome        : " + e.outcome().name().toLowerCase(Locale.ROOT));
                out.println("Command Line   : " + e.commandLine());
                out.println("Packages Altered:");
                for (Change c : e.changes()) {
                    String versions = c.oldVersion() != null && c.newVersion() != null
                            ? c.oldVersion() + " -> " + c.newVersion()
                            : c.newVersion() != null ? c.newVersion() : c.oldVersion();
                    out.printf("    %-10s %s:%s %s%s%s%n", c.action().name().toLowerCase(Locale.ROOT), c.name(),
                            c.arch(), versions == null ? "" : versions, c.automatic() ? " (automatic)" : "",
                            c.result() == Change.Result.OK ? "" : " [" + c.result().name().toLowerCase(Locale.ROOT)
                                    + "]");
                }
                for (ToolRun run : e.runs()) {
                    if (run.exitCode() != 0) {
                        out.println(String.join(" ", run.command()) + " exited with " + run.exitCode() + ":");
                        run.outputTail().lines().forEach(l -> out.println("    " + l));
                    }
                }
                return 0;
            }
        }
    }

    /** {@code history undo N}: a plan that puts back what N changed, confirmed and carried out like install. */
    @Command(name = "undo", mixinStandardHelpOptions = true, description = "Undo transaction N: install again what it "
            + "removed, remove what it installed, go back to the versions it replaced (when they are still "
            + "available).")
    public static final class Undo extends PlanningCommand {
        @Parameters(paramLabel = "N", description = "The transaction's id (see peerget history).")
        long id;

        @Override
        PlanRequest.Operation operation() {
            return PlanRequest.Operation.INSTALL;
        }

        @Override
        List<String> specs() {
            throw new IllegalStateException("undo's arguments come from the history");
        }

        private java.util.Set<String> automatic = java.util.Set.of();

        @Override
        List<String> specs(Peerget engine) {
            options.allowDowngrades = true;
            options.noRecommends = true;
            dev.peerget.engine.install.UndoRequest undo = engine.undo(id);
            automatic = undo.automatic();
            java.io.PrintWriter out = options.json ? invocation().console().err() : invocation().reportConsole().out();
            undo.notRestored().forEach(n -> out.println("N: " + n));
            return undo.specs();
        }

        /** dnf's history undo puts back the install reason: what was a dependency is marked automatic again. */
        @Override
        java.util.Set<String> markAutomatic() {
            return automatic;
        }
    }
}

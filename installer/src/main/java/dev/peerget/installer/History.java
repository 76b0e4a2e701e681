package dev.peerget.installer;

import dev.peerget.installer.internal.HistoryDatabase;
import dev.peerget.model.Layout;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the transaction history of a root ({@code var/lib/peerget/history.sqlite}) that the installers write,
 * and turns an entry into the steps that would undo it. Reading needs no lock and never creates the file.
 * Each call opens the database briefly; instances are immutable and thread-safe.
 */
public final class History {
    private final Layout layout;

    public History(Layout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** Every recorded transaction, newest first; empty when nothing was ever installed with peerget here. */
    public List<HistoryEntry> list() {
        if (!Files.exists(HistoryDatabase.fileOf(layout))) {
            return List.of();
        }
        try (HistoryDatabase db = HistoryDatabase.open(layout)) {
            return db.list();
        }
    }

    /** The transaction with this id, if recorded. */
    public Optional<HistoryEntry> get(long id) {
        if (!Files.exists(HistoryDatabase.fileOf(layout))) {
            return Optional.empty();
        }
        try (HistoryDatabase db = HistoryDatabase.open(layout)) {
            return db.get(id);
        }
    }

    /**
     * What would undo transaction {@code id}, newest change first: remove what it installed, install again what it
     * removed (at the removed version), downgrade what it upgraded and upgrade what it downgraded. Each package put
     * back gets the mark it had before ({@link UndoStep#automatic()}), manual where the history has none, as dnf's
     * history undo restores the install reason. Only changes whose result is {@link Change.Result#OK} are undone;
     * reinstalls and configurations need no undo, and a purge of what was only configuration files
     * ({@link #notRestored}) cannot be undone by installing. Whether the old versions can still be fetched is the
     * engine's question.
     *
     * @throws InstallerException when no transaction has this id
     */
    public List<UndoStep> undo(long id) {
        return undo(entry(id));
    }

    /**
     * The transaction with this id.
     *
     * @throws InstallerException when no transaction has it
     */
    public HistoryEntry entry(long id) {
        return get(id).orElseThrow(() -> new InstallerException(
                "no transaction " + id + " in the history of " + layout.root(),
                "list the recorded transactions with peerget history"));
    }

    /** The undo steps of {@code entry}; see {@link #undo(long)}. */
    public static List<UndoStep> undo(HistoryEntry entry) {
        List<UndoStep> steps = new ArrayList<>();
        List<Change> changes = entry.changes();
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change c = changes.get(i);
            if (c.result() != Change.Result.OK) {
                continue;
            }
            boolean wasAutomatic = c.prior() == Change.Prior.AUTOMATIC;
            switch (c.action()) {
                case INSTALL -> steps.add(new UndoStep(Action.REMOVE, c.name(), c.arch(), null, c.automatic()));
                case REMOVE, PURGE -> {
                    if (c.oldVersion() != null && !notRestorable(c)) {
                        steps.add(new UndoStep(Action.INSTALL, c.name(), c.arch(), c.oldVersion(), wasAutomatic));
                    }
                }
                case UPGRADE, DOWNGRADE -> steps.add(c.oldVersion() == null
                        // nothing was installed before after all: undoing means removing it
                        ? new UndoStep(Action.REMOVE, c.name(), c.arch(), null, c.automatic())
                        : new UndoStep(c.action() == Action.UPGRADE ? Action.DOWNGRADE : Action.UPGRADE, c.name(),
                                c.arch(), c.oldVersion(), wasAutomatic));
                case REINSTALL, CONFIGURE -> {
                    // the package is as it was before
                }
            }
        }
        return steps;
    }

    /**
     * The changes of {@code entry} that {@link #undo(HistoryEntry)} leaves alone although they were done: purges of
     * packages of which only configuration files were there (dpkg state {@code config-files}). Installing the
     * package would not bring back what was there, and it was not installed before. Newest first.
     */
    public static List<Change> notRestored(HistoryEntry entry) {
        List<Change> out = new ArrayList<>();
        List<Change> changes = entry.changes();
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change c = changes.get(i);
            if (c.result() == Change.Result.OK && notRestorable(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean notRestorable(Change c) {
        return (c.action() == Action.REMOVE || c.action() == Action.PURGE) && c.prior() == Change.Prior.CONFIG_FILES;
    }
}

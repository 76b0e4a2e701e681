package dev.peerget.engine.install;

import dev.peerget.engine.EngineException;
import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.installer.History;
import dev.peerget.installer.HistoryEntry;
import dev.peerget.installer.UndoStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What undoes a recorded transaction: an install of the package arguments {@code name:arch=version} to put back
 * and {@code name:arch-} to take away (apt's syntax; see PlanWorkflow), the packages put back that were marked
 * automatic before it (dnf's history undo restores the install reason), and what it leaves alone.
 *
 * @param specs       the package arguments
 * @param automatic   the packages ({@code name:arch}) among them to mark automatic again
 *                    ({@link PlanRequest#withMarkAutomatic})
 * @param notRestored one line per change not undone, for the user
 */
public record UndoRequest(List<String> specs, Set<String> automatic, List<String> notRestored) {
    public UndoRequest {
        specs = List.copyOf(specs);
        automatic = Set.copyOf(automatic);
        notRestored = List.copyOf(notRestored);
    }

    /**
     * The request that undoes transaction {@code id} of {@code history}.
     *
     * @throws EngineException when nothing it changed can be undone
     */
    public static UndoRequest of(History history, long id) {
        HistoryEntry entry = history.entry(id);
        List<String> specs = new ArrayList<>();
        Set<String> automatic = new HashSet<>();
        for (UndoStep step : History.undo(entry)) {
            String pkg = step.name() + ":" + step.arch();
            switch (step.action()) {
                case REMOVE, PURGE -> specs.add(pkg + "-");
                default -> {
                    specs.add(pkg + "=" + step.version());
                    if (step.automatic()) {
                        automatic.add(pkg);
                    }
                }
            }
        }
        List<String> notRestored = History.notRestored(entry).stream()
                .map(c -> c.name() + ":" + c.arch() + " is not installed again: transaction " + id + " purged only "
                        + "its configuration files (it was not installed)").toList();
        if (specs.isEmpty()) {
            throw new EngineException("transaction " + id + " changed nothing that can be undone"
                    + (notRestored.isEmpty() ? "" : " (" + String.join("; ", notRestored) + ")"),
                    "see 'peerget history info " + id + "'");
        }
        return new UndoRequest(specs, automatic, notRestored);
    }
}

package dev.peerget.engine.install;

import dev.peerget.cache.MarkStore;
import dev.peerget.cache.PackageMarks;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.installer.Change;
import dev.peerget.installer.TransactionResult;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageRecord;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Resolution;
import java.util.HashSet;
import java.util.Set;

/**
 * The auto/manual marks around one transaction (peerget's extended_states, apt's read as well): what they were
 * before, for the history, and what they become, before the package tool runs and after. Used while the root
 * lock is held; not thread-safe.
 */
final class TransactionMarks {
    private final Layout layout;

    TransactionMarks(Layout layout) {
        this.layout = layout;
    }

    /** The installed packages ({@code name:arch}) the plan replaces or removes that are marked automatic now. */
    Set<String> automaticBefore(Resolution.Solved solved) {
        PackageMarks m = new MarkStore(layout.marksFile()).read()
                .withAutomaticFrom(new MarkStore(layout.aptExtendedStates()).read());
        Set<String> out = new HashSet<>();
        for (Action a : solved.plan().actions()) {
            if (a.from() != null && m.isAutomatic(a.from().record().name(), a.from().record().arch())) {
                out.add(PackageMarks.key(a.from().record().name(), a.from().record().arch()));
            }
        }
        return out;
    }

    /**
     * apt's extended_states after the transaction: dependencies pulled in are automatic, requested ones manual,
     * and what the plan asks to mark automatic (history undo) is. With {@code removals}, what the plan removes is
     * forgotten.
     */
    void record(PlanResult plan, Resolution.Solved solved, boolean removals) {
        MarkStore marks = new MarkStore(layout.marksFile());
        PackageMarks m = marks.read();
        for (Action a : solved.plan().actions()) {
            if (a.kind() == Action.Kind.REMOVE) {
                if (!removals) {
                    continue;
                }
                PackageRecord r = a.from().record();
                m = m.without(r.name(), r.arch());
            } else if (a.kind() == Action.Kind.INSTALL) {
                PackageRecord r = a.to().record();
                m = m.withAutomatic(r.name(), r.arch(), a.automatic());
            } else if (!a.automatic()) {
                PackageRecord r = a.to().record();
                m = m.withAutomatic(r.name(), r.arch(), false);
            }
            if (a.to() != null && plan.markAutomatic().contains(PackageMarks.key(a.to().record().name(),
                    a.to().record().arch()))) {
                m = m.withAutomatic(a.to().record().name(), a.to().record().arch(), true);
            }
        }
        marks.write(requestedManual(plan, m));
    }

    /** What an install named that was installed already and marked automatic becomes manual, as with apt-get. */
    static PackageMarks requestedManual(PlanResult plan, PackageMarks m) {
        for (var n : plan.notices()) {
            if (n instanceof dev.peerget.engine.plan.PlanNotice.AlreadyInstalled a && a.wasAutomatic()) {
                m = m.withAutomatic(a.installed().name(), a.installed().record().arch(), false);
            }
        }
        return m;
    }

    /** For a plan with nothing to carry out: only its requested packages' manual marks ({@link #requestedManual}). */
    void recordRequested(PlanResult plan) {
        MarkStore marks = new MarkStore(layout.marksFile());
        marks.write(requestedManual(plan, marks.read()));
    }

    /**
     * The marks after a transaction that stopped part-way: what it removed is forgotten. The marks written before
     * the run stay for every package it installs, done or not: one that dpkg only unpacked is still installed,
     * and recovery finishes it (apt keeps extended_states so too).
     */
    void record(TransactionResult result) {
        MarkStore marks = new MarkStore(layout.marksFile());
        PackageMarks m = marks.read();
        for (Change c : result.changes()) {
            if ((c.action() == dev.peerget.installer.Action.REMOVE || c.action() == dev.peerget.installer.Action.PURGE)
                    && c.result() == Change.Result.OK) {
                m = m.without(c.name(), c.arch());
            }
        }
        marks.write(m);
    }
}

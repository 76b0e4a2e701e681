package dev.peerget.installer;

import java.util.Objects;

/**
 * One step of undoing a recorded transaction, by name and version only: the engine finds the package (the old
 * version may no longer be in any repository; then that step cannot be undone) and plans it as usual.
 *
 * @param action    {@link Action#INSTALL}, {@link Action#REMOVE}, {@link Action#UPGRADE} or {@link Action#DOWNGRADE}
 * @param name      package name
 * @param arch      architecture
 * @param version   the version to install, null for a removal
 * @param automatic for a package put back ({@link Action#INSTALL}, {@link Action#UPGRADE},
 *                  {@link Action#DOWNGRADE}): whether it was marked automatic before the undone transaction, so
 *                  that the undo restores that mark (false when the history does not say); for a removal,
 *                  whether the undone transaction installed it as a dependency
 */
public record UndoStep(Action action, String name, String arch, String version, boolean automatic) {
    public UndoStep {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        if ((action == Action.REMOVE) != (version == null)) {
            throw new IllegalArgumentException("undo " + action + " of " + name + " with version " + version);
        }
    }
}

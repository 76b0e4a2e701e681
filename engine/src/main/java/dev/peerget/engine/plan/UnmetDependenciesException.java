package dev.peerget.engine.plan;

import dev.peerget.engine.EngineException;
import java.util.List;

/**
 * The installed Debian packages have unmet dependencies and the request does not allow repairing them
 * ({@link PlanRequest#fixBroken()}): apt-get refuses every change then, and so does peerget. Carries the
 * dependencies, for the CLI to list as apt does.
 */
public final class UnmetDependenciesException extends EngineException {
    private static final long serialVersionUID = 1L;
    private final transient List<UnmetDependency> unmet;

    public UnmetDependenciesException(List<UnmetDependency> unmet) {
        super("Unmet dependencies.", "run 'peerget install -f' with no packages to correct them (or add -f to "
                + "this command, which then repairs them too)");
        this.unmet = List.copyOf(unmet);
    }

    /** The unmet dependencies, installed package by installed package. */
    public List<UnmetDependency> unmet() {
        return unmet;
    }
}

package dev.peerget.engine.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A command's request for a plan.
 *
 * @param operation       which command
 * @param specs           the package arguments as typed
 * @param installWeak     install Recommends / weak dependencies (apt and dnf default: true)
 * @param allowDowngrades allow moving installed packages to lower versions
 * @param debugSolver     write the problem as a libsolv testcase into this directory (dnf's
 *                        {@code --debugsolver}); null for none
 * @param targetRelease   apt's default release for this command ({@code apt-get -t}: a suite or codename whose
 *                        versions get priority 990); null for apt.conf's {@code APT::Default-Release}, if any
 * @param purge           removals purge configuration files too ({@code apt-get remove --purge}); always true
 *                        for {@link Operation#PURGE}
 * @param markAutomatic   packages ({@code name:arch}) to mark automatic when the plan installs or replaces them,
 *                        although the specs name them (history undo restores the marks they had)
 * @param reinstall       an install reinstalls the named packages that are installed ({@code apt-get install
 *                        --reinstall}) and installs the others
 * @param fixBroken       apt-get's {@code -f}: the plan may also repair the installed set (install the missing
 *                        dependencies of installed packages, or remove what cannot be kept), and no specs are
 *                        needed; without it a Debian system whose installed packages have unmet dependencies is
 *                        refused ({@link UnmetDependenciesException})
 */
public record PlanRequest(Operation operation, List<String> specs, boolean installWeak, boolean allowDowngrades,
                          Path debugSolver, String targetRelease, boolean purge, Set<String> markAutomatic,
                          boolean reinstall, boolean fixBroken) {
    /** The commands that produce plans. */
    public enum Operation { INSTALL, REINSTALL, REMOVE, PURGE, UPGRADE, DIST_UPGRADE, AUTOREMOVE }

    public PlanRequest {
        Objects.requireNonNull(operation, "operation");
        specs = List.copyOf(specs);
        purge = purge || operation == Operation.PURGE;
        markAutomatic = Set.copyOf(markAutomatic);
    }

    /** A request that does not repair the installed set ({@link #fixBroken()} false). */
    public PlanRequest(Operation operation, List<String> specs, boolean installWeak, boolean allowDowngrades,
                       Path debugSolver, String targetRelease, boolean purge, Set<String> markAutomatic,
                       boolean reinstall) {
        this(operation, specs, installWeak, allowDowngrades, debugSolver, targetRelease, purge, markAutomatic,
                reinstall, false);
    }

    /** A request that marks what the specs name manual, as apt and dnf do. */
    public PlanRequest(Operation operation, List<String> specs, boolean installWeak, boolean allowDowngrades,
                       Path debugSolver, String targetRelease, boolean purge) {
        this(operation, specs, installWeak, allowDowngrades, debugSolver, targetRelease, purge, Set.of(), false);
    }

    /** This request with {@code packages} ({@code name:arch}) marked automatic; see {@link #markAutomatic()}. */
    public PlanRequest withMarkAutomatic(Set<String> packages) {
        return new PlanRequest(operation, specs, installWeak, allowDowngrades, debugSolver, targetRelease, purge,
                packages, reinstall, fixBroken);
    }

    /** This request with {@link #reinstall()} as given. */
    public PlanRequest withReinstall(boolean on) {
        return new PlanRequest(operation, specs, installWeak, allowDowngrades, debugSolver, targetRelease, purge,
                markAutomatic, on, fixBroken);
    }

    /** This request with {@link #fixBroken()} as given. */
    public PlanRequest withFixBroken(boolean on) {
        return new PlanRequest(operation, specs, installWeak, allowDowngrades, debugSolver, targetRelease, purge,
                markAutomatic, reinstall, on);
    }

    /** A request whose removals purge only for {@link Operation#PURGE}. */
    public PlanRequest(Operation operation, List<String> specs, boolean installWeak, boolean allowDowngrades,
                       Path debugSolver, String targetRelease) {
        this(operation, specs, installWeak, allowDowngrades, debugSolver, targetRelease, false);
    }

    /** A request without a solver testcase or target release. */
    public PlanRequest(Operation operation, List<String> specs, boolean installWeak, boolean allowDowngrades) {
        this(operation, specs, installWeak, allowDowngrades, null, null);
    }

    /** A request without a target release. */
    public PlanRequest(Operation operation, List<String> specs, boolean installWeak, boolean allowDowngrades,
                       Path debugSolver) {
        this(operation, specs, installWeak, allowDowngrades, debugSolver, null);
    }
}

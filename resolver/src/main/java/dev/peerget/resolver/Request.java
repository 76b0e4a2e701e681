package dev.peerget.resolver;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to resolve: the jobs and the policy switches.
 *
 * @param jobs          the user's jobs, in command-line order
 * @param installWeak   install Recommends (apt) / weak dependencies (dnf) of what gets installed
 * @param allowDowngrade allow replacing an installed build by a lower version
 * @param held          names that must stay as they are (apt-mark hold, dnf versionlock)
 * @param automatic     installed packages marked as automatically installed (for autoremove): {@code name:arch}
 *                      for one build, as apt and dnf keep marks, or a bare name for every build of the name
 * @param timeout       give up after this long with {@link Resolution.TimedOut}
 * @param installOnlyLimit how many versions of a name whose versions may coexist (installonly kernels) a plan
 *                      keeps at most, removing the oldest installed ones beyond it (dnf's
 *                      {@code installonly_limit}); 0 for no limit
 * @param cleanDependencies also remove the installed packages marked automatic that the packages this plan
 *                      removes depended on and that nothing kept needs any more (dnf's
 *                      {@code clean_requirements_on_remove}, libsolv's cleandeps); apt leaves them to autoremove
 * @param downgradable  names whose installed build may be replaced by a lower version although no job asks for one
 *                      (apt's pins of 1000 or more: the candidate is installed "even if this constitutes a
 *                      downgrade"); a name only moves there when a job targets it, like any other change of version
 */
public record Request(List<Job> jobs, boolean installWeak, boolean allowDowngrade, Set<String> held,
                      Set<String> automatic, Duration timeout, int installOnlyLimit, boolean cleanDependencies,
                      Set<String> downgradable) {
    public Request {
        jobs = List.copyOf(jobs);
        held = Set.copyOf(held);
        automatic = Set.copyOf(automatic);
        downgradable = Set.copyOf(downgradable);
        Objects.requireNonNull(timeout, "timeout");
        if (installOnlyLimit < 0) {
            throw new IllegalArgumentException("negative installonly limit " + installOnlyLimit);
        }
    }

    /** Whether the installed build {@code c} is marked automatic ({@link #automatic()}). */
    public boolean isAutomatic(Candidate c) {
        return automatic.contains(c.name()) || automatic.contains(c.name() + ":" + c.record().arch());
    }

    /** Whether some build of {@code name} is marked automatic ({@link #automatic()}). */
    public boolean isAutomaticName(String name) {
        if (automatic.contains(name)) {
            return true;
        }
        String prefix = name + ":";
        return automatic.stream().anyMatch(a -> a.startsWith(prefix));
    }

    /** A request without {@link #downgradable()} names. */
    public Request(List<Job> jobs, boolean installWeak, boolean allowDowngrade, Set<String> held,
                   Set<String> automatic, Duration timeout, int installOnlyLimit, boolean cleanDependencies) {
        this(jobs, installWeak, allowDowngrade, held, automatic, timeout, installOnlyLimit, cleanDependencies,
                Set.of());
    }

    /** A request that leaves unneeded dependencies of removed packages installed. */
    public Request(List<Job> jobs, boolean installWeak, boolean allowDowngrade, Set<String> held,
                   Set<String> automatic, Duration timeout, int installOnlyLimit) {
        this(jobs, installWeak, allowDowngrade, held, automatic, timeout, installOnlyLimit, false);
    }

    /** A request without a limit on installonly versions. */
    public Request(List<Job> jobs, boolean installWeak, boolean allowDowngrade, Set<String> held,
                   Set<String> automatic, Duration timeout) {
        this(jobs, installWeak, allowDowngrade, held, automatic, timeout, 0, false);
    }

    /** This request with {@code limit} as its {@link #installOnlyLimit()}. */
    public Request withInstallOnlyLimit(int limit) {
        return new Request(jobs, installWeak, allowDowngrade, held, automatic, timeout, limit, cleanDependencies,
                downgradable);
    }

    /** This request with {@code clean} as its {@link #cleanDependencies()}. */
    public Request withCleanDependencies(boolean clean) {
        return new Request(jobs, installWeak, allowDowngrade, held, automatic, timeout, installOnlyLimit, clean,
                downgradable);
    }

    /** This request with {@code list} as its jobs. */
    public Request withJobs(List<Job> list) {
        return new Request(list, installWeak, allowDowngrade, held, automatic, timeout, installOnlyLimit,
                cleanDependencies, downgradable);
    }

    /** This request with {@code names} as its {@link #downgradable()} names. */
    public Request withDowngradable(Set<String> names) {
        return new Request(jobs, installWeak, allowDowngrade, held, automatic, timeout, installOnlyLimit,
                cleanDependencies, names);
    }

    /** The jobs with default policy: weak dependencies on, no downgrades, nothing held, 30 s. */
    public static Request of(Job... jobs) {
        return new Request(List.of(jobs), true, false, Set.of(), Set.of(), Duration.ofSeconds(30));
    }
}

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
 * @param automatic     names of installed packages marked as automatically installed (for autoremove)
 * @param timeout       give up after this long with {@link Resolution.TimedOut}
 */
public record Request(List<Job> jobs, boolean installWeak, boolean allowDowngrade, Set<String> held,
                      Set<String> automatic, Duration timeout) {
    public Request {
        jobs = List.copyOf(jobs);
        held = Set.copyOf(held);
        automatic = Set.copyOf(automatic);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The jobs with default policy: weak dependencies on, no downgrades, nothing held, 30 s. */
    public static Request of(Job... jobs) {
        return new Request(List.of(jobs), true, false, Set.of(), Set.of(), Duration.ofSeconds(30));
    }
}

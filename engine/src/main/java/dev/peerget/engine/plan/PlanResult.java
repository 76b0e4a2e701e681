package dev.peerget.engine.plan;

import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Resolution;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A resolved plan (or why there is none) with the figures apt prints under it.
 *
 * @param format     the package format the plan is for
 * @param resolution the resolver's answer
 * @param operation  the command the plan is for
 * @param purge      whether removals purge configuration files too
 * @param notices    what to tell about the package arguments besides the plan, in command-line order
 * @param markAutomatic packages ({@code name:arch}) marked automatic when the plan installs or replaces them
 *                   ({@link PlanRequest#markAutomatic()})
 */
public record PlanResult(PackageFormat format, Resolution resolution, PlanRequest.Operation operation,
                         boolean purge, List<PlanNotice> notices, Set<String> markAutomatic) {
    public PlanResult {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(resolution, "resolution");
        notices = List.copyOf(notices);
        markAutomatic = Set.copyOf(markAutomatic);
    }

    /** A result that marks nothing automatic beyond what the resolver says. */
    public PlanResult(PackageFormat format, Resolution resolution, PlanRequest.Operation operation, boolean purge,
                      List<PlanNotice> notices) {
        this(format, resolution, operation, purge, notices, Set.of());
    }

    /** A result without notices. */
    public PlanResult(PackageFormat format, Resolution resolution, PlanRequest.Operation operation, boolean purge) {
        this(format, resolution, operation, purge, List.of());
    }

    /** The held packages this plan changes (apt-get asks before it does, and refuses under -y alone). */
    public List<PlanNotice.HeldChanged> heldChanged() {
        return notices.stream().filter(n -> n instanceof PlanNotice.HeldChanged)
                .map(n -> (PlanNotice.HeldChanged) n).toList();
    }

    /** Bytes of package files to download for the plan. */
    public long downloadBytes() {
        if (!(resolution instanceof Resolution.Solved s)) {
            return 0;
        }
        return s.plan().actions().stream().filter(a -> a.to() != null).mapToLong(a -> a.to().record().size()).sum();
    }

    /** Change of installed size in bytes (negative when space is freed). */
    public long installedSizeDelta() {
        if (!(resolution instanceof Resolution.Solved s)) {
            return 0;
        }
        long delta = 0;
        for (Action a : s.plan().actions()) {
            if (a.to() != null) {
                delta += a.to().record().installedSize();
            }
            if (a.from() != null) {
                delta -= a.from().record().installedSize();
            }
        }
        return delta;
    }
}

package dev.peerget.engine.plan;

import dev.peerget.resolver.Candidate;
import java.util.Objects;

/**
 * What apt-get and dnf tell about a package argument besides the plan itself; the CLI words each one as the
 * system's own tool does.
 */
public sealed interface PlanNotice {
    /**
     * An install of a package whose installed build is what the request would install: nothing to do for it but,
     * when it was marked automatic ({@code wasAutomatic}), to mark it manual, as apt-get and dnf do.
     */
    record AlreadyInstalled(Candidate installed, boolean wasAutomatic) implements PlanNotice {
        public AlreadyInstalled {
            Objects.requireNonNull(installed, "installed");
        }
    }

    /** A removal of a package that is known but not installed ({@code spec} as typed): nothing to remove. */
    record NotInstalled(String spec) implements PlanNotice {
        public NotInstalled {
            Objects.requireNonNull(spec, "spec");
        }
    }

    /**
     * A held package ({@code mark hold}, dpkg's hold selection) that the user named in an install, so the plan
     * changes it, as apt-get does for an explicit request; {@code held} is the installed build.
     */
    record HeldChanged(Candidate held) implements PlanNotice {
        public HeldChanged {
            Objects.requireNonNull(held, "held");
        }
    }
}

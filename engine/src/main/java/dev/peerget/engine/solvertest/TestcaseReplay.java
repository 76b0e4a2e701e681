package dev.peerget.engine.solvertest;

import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Resolution;
import dev.peerget.resolver.Resolver;
import dev.peerget.resolver.SatResolver;
import java.nio.file.Path;

/**
 * {@code peerget debug solve}: answers a libsolv testcase with peerget's resolver, without any root, metadata
 * or installed database. Stateless.
 */
public final class TestcaseReplay {
    private final Resolver resolver;

    public TestcaseReplay() {
        this(new SatResolver());
    }

    public TestcaseReplay(Resolver resolver) {
        this.resolver = resolver;
    }

    public PlanResult replay(Path script) {
        Testcase tc = new TestcaseReader().read(script);
        Resolution resolution = resolver.resolve(tc.universe(), tc.request());
        return new PlanResult(tc.format(), resolution, operation(tc), false);
    }

    /** The command the jobs correspond to, so the plan renders as that command would show it. */
    private static PlanRequest.Operation operation(Testcase tc) {
        PlanRequest.Operation op = PlanRequest.Operation.INSTALL;
        for (Job j : tc.request().jobs()) {
            if (j instanceof Job.Upgrade u) {
                return u.allowChanges() ? PlanRequest.Operation.DIST_UPGRADE : PlanRequest.Operation.UPGRADE;
            } else if (j instanceof Job.Autoremove) {
                op = PlanRequest.Operation.AUTOREMOVE;
            } else if (j instanceof Job.Remove && op == PlanRequest.Operation.INSTALL) {
                op = PlanRequest.Operation.REMOVE;
            } else if (j instanceof Job.Reinstall && op == PlanRequest.Operation.INSTALL) {
                op = PlanRequest.Operation.REINSTALL;
            }
        }
        return op;
    }
}

package dev.peerget.engine.install;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.RepositoryInfo;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.plan.PackageSpecs;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.installer.InstallerException;
import dev.peerget.installer.Step;
import dev.peerget.installer.deb.DpkgInstaller;
import dev.peerget.installer.deb.DpkgOrdering;
import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Resolution;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A plan as {@code apt-get -s} shows it. For Debian, the dpkg runs a real transaction would make: the same steps
 * as {@link TransactionWorkflow#execute} ordered by the same installer against the dpkg database as it is now,
 * each new version named by its release the way apt names it. RPM plans (dnf has no simulation) keep the plan's
 * order and the repository names, as do Debian plans dpkg cannot order. Reads the store and the package database,
 * changes nothing, takes no lock. One per command; not thread-safe.
 */
public final class TransactionSimulator {
    /** What apt calls a package file named on the command line. */
    private static final String LOCAL_DEB = "local-deb";

    private final EngineContext context;
    private final MetadataStore store;

    public TransactionSimulator(EngineContext context, MetadataStore store) {
        this.context = context;
        this.store = store;
    }

    /** The simulation of a solved plan. */
    public Simulation simulate(PlanResult plan) {
        if (!(plan.resolution() instanceof Resolution.Solved solved)) {
            throw new IllegalArgumentException("only a solved plan can be simulated");
        }
        if (plan.format() != PackageFormat.DEB) {
            return Simulation.inPlanOrder(solved.plan(), plan.purge(), Candidate::source);
        }
        Function<Candidate, String> release = aptReleases();
        // Ordering reads no package file: the index's location stands in for the file a real run fetches first.
        List<Step> steps = PlanSteps.of(plan, solved, r -> Path.of(r.location()));
        List<DpkgOrdering.Batch> batches;
        try {
            batches = new DpkgInstaller(TransactionWorkflow.installerOptions(context)).order(steps);
        } catch (InstallerException e) {
            // A real run refuses before dpkg starts, and says why; the simulation shows the plan as it is.
            return Simulation.inPlanOrder(solved.plan(), plan.purge(), release);
        }
        Map<Step, Action> actionOf = new IdentityHashMap<>();
        List<Action> actions = solved.plan().actions();
        for (int i = 0; i < steps.size(); i++) {
            actionOf.put(steps.get(i), actions.get(i));
        }
        List<Simulation.Entry> entries = new ArrayList<>();
        for (DpkgOrdering.Batch batch : batches) {
            Simulation.Kind kind = switch (batch.kind()) {
                case REMOVE -> Simulation.Kind.REMOVE;
                case PURGE -> Simulation.Kind.PURGE;
                case UNPACK -> Simulation.Kind.UNPACK;
                case CONFIGURE -> Simulation.Kind.CONFIGURE;
            };
            for (Step s : batch.steps()) {
                Action a = actionOf.get(s);
                entries.add(new Simulation.Entry(kind, a, a.to() == null ? "" : release.apply(a.to())));
            }
        }
        return new Simulation(entries);
    }

    /** Each candidate's release as apt names it, from the stored repository its source names. */
    private Function<Candidate, String> aptReleases() {
        Map<String, RepositoryInfo> byName = new HashMap<>();
        for (StoredRepository r : store.repositories()) {
            byName.putIfAbsent(r.info().name(), r.info());
        }
        return c -> {
            if (PackageSpecs.isLocalFile(c)) {
                return LOCAL_DEB;
            }
            RepositoryInfo info = byName.get(c.source());
            return info == null ? c.source() : aptRelease(info);
        };
    }

    /**
     * apt's name for a release ({@code pkgCache::VerIterator::RelStr}, checked against apt 2.6): the Release's
     * Label and a colon when it has one, then {@code Version/Suite}, or the Suite alone without a Version; a
     * Release without a Suite is named by the repository's host ({@code localhost} for {@code file:} URIs).
     */
    public static String aptRelease(RepositoryInfo info) {
        String where;
        if (!info.archive().isEmpty()) {
            where = info.releaseVersion().isEmpty() ? info.archive() : info.releaseVersion() + "/" + info.archive();
        } else {
            String host = null;
            try {
                host = URI.create(info.baseUri()).getHost();
            } catch (IllegalArgumentException e) {
                // not a URI apt could have fetched from either: apt's "localhost" below
            }
            where = host == null || host.isEmpty() ? "localhost" : host;
        }
        return info.label().isEmpty() ? where : info.label() + ":" + where;
    }
}

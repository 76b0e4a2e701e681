package dev.peerget.engine.plan;

import dev.peerget.cache.MarkStore;
import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.PackageMarks;
import dev.peerget.engine.EngineContext;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.config.Setting;
import dev.peerget.engine.config.ToolDefaults;
import dev.peerget.engine.installed.InstalledDatabase;
import dev.peerget.engine.solvertest.TestcaseWriter;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.repo.LocalPackageFile;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Plan;
import dev.peerget.resolver.Request;
import dev.peerget.resolver.Resolution;
import dev.peerget.resolver.Resolver;
import dev.peerget.resolver.SatResolver;
import dev.peerget.resolver.Universe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans install, remove, upgrade and autoremove: chooses the package format, builds the resolver's universe
 * over the metadata store and the installed databases, turns the command into jobs with the user's marks
 * (automatic, held), and resolves. Refuses a Debian system whose installed packages have unmet dependencies
 * unless the request may repair them ({@link PlanRequest#fixBroken()}), as apt-get does. Does not change anything.
 */
public final class PlanWorkflow {
    private final EngineContext context;
    private final MetadataStore store;
    private final InstalledDatabase installed;
    private final Resolver resolver;

    public PlanWorkflow(EngineContext context, MetadataStore store, InstalledDatabase installed) {
        this(context, store, installed, new SatResolver());
    }

    public PlanWorkflow(EngineContext context, MetadataStore store, InstalledDatabase installed, Resolver resolver) {
        this.context = context;
        this.store = store;
        this.installed = installed;
        this.resolver = resolver;
    }

    public PlanResult plan(PlanRequest request) {
        PackageFormat format = chooseFormat(request);
        StoreUniverse universe = StoreUniverse.of(context, store, installed, format, request.targetRelease());
        if (format == PackageFormat.DEB && !request.fixBroken()) {
            // apt-get refuses any change while installed packages have unmet dependencies, unless -f; dnf has no
            // such rule (and its resolver repairs what it can), so RPM systems are not checked.
            List<UnmetDependency> unmet = BrokenPackages.find(universe);
            if (!unmet.isEmpty()) {
                throw new UnmetDependenciesException(unmet);
            }
        }
        PackageMarks marks = new MarkStore(context.layout().marksFile()).read()
                .withAutomaticFrom(new MarkStore(context.layout().aptExtendedStates()).read());
        List<Job> jobs = jobs(request, format, universe);
        Set<String> automatic = new HashSet<>();
        Set<String> held = new HashSet<>(marks.heldNames());
        for (InstalledPackage p : installed.packages(format)) {
            if (marks.isAutomatic(p.record().name(), p.record().arch())) {
                automatic.add(p.record().name() + ":" + p.record().arch()); // per build, as apt and dnf
            }
            if (p.held()) {
                held.add(p.record().name()); // apt-mark hold / dpkg --set-selections
            }
        }
        // apt-get changes a held package the user names in an install (pkgDepCache::IsModeChangeOk lets a request
        // "from the user" through), and says so before it asks; the other holds stay.
        Set<String> heldRequested = new HashSet<>(held);
        heldRequested.retainAll(installNames(jobs));
        held.removeAll(heldRequested);
        Request r = new Request(jobs, request.installWeak(), request.allowDowngrades(), held, automatic,
                Duration.ofSeconds(context.settings().getLong(Setting.SOLVER_TIMEOUT)),
                FormatRulesFactory.installOnlyLimit(format, context.layout()))
                .withCleanDependencies(format == PackageFormat.RPM
                        && request.operation() == PlanRequest.Operation.REMOVE
                        && ToolDefaults.dnfCleanRequirementsOnRemove(context.layout()))
                .withDowngradable(universe.pinnedDowngrades());
        if (request.fixBroken() && format == PackageFormat.DEB) {
            r = repairsFirst(universe, r);
        }
        if (request.debugSolver() != null) {
            String arch = format == PackageFormat.DEB ? context.architectures().nativeDeb()
                    : context.architectures().rpmArch();
            new TestcaseWriter().write(request.debugSolver(), format, arch, universe, r);
        }
        Resolution resolution = resolver.resolve(universe, r);
        if (resolution instanceof Resolution.Solved solved) {
            // Purges of packages of which only configuration files remain, which the resolver does not see.
            List<Job.Remove> removals = jobs.stream().filter(Job.Remove.class::isInstance)
                    .map(Job.Remove.class::cast).toList();
            resolution = new Resolution.Solved(AbsentRemovals.apply(solved.plan(), removals, universe,
                    request.purge()).plan());
        }
        return new PlanResult(format, resolution, request.operation(), request.purge(),
                notices(jobs, universe, resolution, heldRequested, r), request.markAutomatic());
    }

    /**
     * apt-get -f upgrade: pkgFixBroken repairs the broken packages first, installing what they miss or removing
     * them, and the upgrade that follows installs nothing new and removes nothing else. So when an upgrade without
     * changes meets a broken system, the repair alone is solved first, and the names it installs or removes are
     * exempt from the upgrade's rules. {@code r} unchanged otherwise.
     */
    private Request repairsFirst(StoreUniverse universe, Request r) {
        if (r.jobs().stream().noneMatch(j -> j instanceof Job.Upgrade up && !up.allowChanges())
                || BrokenPackages.find(universe).isEmpty()) {
            return r;
        }
        if (!(resolver.resolve(universe, r.withJobs(List.of())) instanceof Resolution.Solved repair)) {
            return r; // nothing repairs it: the upgrade's own solve explains why
        }
        Set<String> names = new HashSet<>();
        for (Action a : repair.plan().actions()) {
            if (a.kind() == Action.Kind.INSTALL || a.kind() == Action.Kind.REMOVE) {
                names.add((a.to() != null ? a.to() : a.from()).name());
            }
        }
        return r.withJobs(r.jobs().stream().map(j -> j instanceof Job.Upgrade up && !up.allowChanges()
                ? (Job) up.withRepairs(names) : j).toList());
    }

    /** The names install jobs ask for by name (a local file's package too). */
    private static Set<String> installNames(List<Job> jobs) {
        Set<String> names = new HashSet<>();
        for (Job job : jobs) {
            if (job instanceof Job.Install in) {
                names.add(in.name());
            } else if (job instanceof Job.InstallExactly ex) {
                names.add(ex.candidate().name());
            }
        }
        return names;
    }

    /**
     * apt's and dnf's notices about the arguments: an install that finds its package already installed as
     * asked, a removal of a package that is not installed, a held package the plan changes.
     */
    private static List<PlanNotice> notices(List<Job> jobs, Universe universe, Resolution resolution,
                                            Set<String> heldRequested, Request request) {
        List<PlanNotice> out = new ArrayList<>();
        Plan plan = resolution instanceof Resolution.Solved s ? s.plan() : null;
        Set<String> changed = new HashSet<>();
        if (plan != null) {
            plan.actions().forEach(a -> changed.add((a.to() != null ? a.to() : a.from()).name()));
        }
        for (Job job : jobs) {
            if (job instanceof Job.Install in && plan != null && !changed.contains(in.name())) {
                universe.named(in.name()).stream()
                        .filter(c -> c.installed() && (in.arch() == null || in.arch().equals(c.record().arch())))
                        .findFirst().ifPresent(c -> out.add(new PlanNotice.AlreadyInstalled(c,
                                request.isAutomatic(c))));
            } else if (job instanceof Job.Remove rm && !changed.contains(rm.name()) && universe.named(rm.name()).stream()
                    .noneMatch(c -> c.installed() && (rm.arch() == null || rm.arch().equals(c.record().arch())))) {
                out.add(new PlanNotice.NotInstalled(rm.arch() == null || rm.archImplied() ? rm.name()
                        : rm.name() + ":" + rm.arch()));
            }
        }
        if (plan != null) {
            plan.actions().stream().filter(a -> a.from() != null && heldRequested.contains(a.from().name()))
                    .forEach(a -> out.add(new PlanNotice.HeldChanged(a.from())));
        }
        return out;
    }

    private List<Job> jobs(PlanRequest request, PackageFormat format, StoreUniverse universe) {
        String rpmCommand = context.tools().find("rpm").map(Object::toString).orElse("rpm");
        List<Job> jobs = new ArrayList<>();
        switch (request.operation()) {
            case INSTALL -> request.specs().forEach(s -> jobs.add(LocalPackageFile.isPackageFile(s)
                    ? PackageSpecs.installFile(s, format, rpmCommand)
                    // apt-get install --reinstall: what is installed is reinstalled, the rest installed.
                    : request.reinstall() && universe.named(s).stream().anyMatch(c -> c.installed())
                            ? new Job.Reinstall(s)
                    // apt's "install PKG-": remove PKG in the same transaction (history undo uses it too).
                    : s.length() > 1 && s.endsWith("-") && universe.named(s).isEmpty()
                            ? PackageSpecs.remove(s.substring(0, s.length() - 1))
                            : PackageSpecs.install(s, format, universe, context.architectures().nativeDeb())));
            case REINSTALL -> request.specs().forEach(s -> jobs.add(new Job.Reinstall(s)));
            case REMOVE, PURGE -> request.specs().forEach(s -> jobs.add(PackageSpecs.remove(s, format, universe,
                    context.architectures().nativeDeb())));
            case UPGRADE -> jobs.add(new Job.Upgrade(request.specs(), false));
            case DIST_UPGRADE -> jobs.add(new Job.Upgrade(request.specs(), true));
            case AUTOREMOVE -> {
                jobs.add(new Job.Autoremove());
                request.specs().forEach(s -> jobs.add(PackageSpecs.remove(s)));
            }
        }
        // With -f and no packages, an empty request: the installed packages' dependencies are hard constraints,
        // so the resolver installs what they miss, or removes what cannot be kept.
        if (jobs.isEmpty() && !request.fixBroken()) {
            throw new EngineException("no packages given", "name the packages to " + request.operation()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return jobs;
    }

    /**
     * The format a command works on: the {@code package_format} setting, else the format of the installed
     * database (dpkg's status file wins when both exist, as on Debian with rpm installed), else the only
     * format with repositories, else Debian.
     */
    private PackageFormat chooseFormat(PlanRequest request) {
        String setting = context.settings().get(Setting.PACKAGE_FORMAT);
        if (setting.equals("deb")) {
            return PackageFormat.DEB;
        }
        if (setting.equals("rpm")) {
            return PackageFormat.RPM;
        }
        if (!installed.packages(PackageFormat.DEB).isEmpty()) {
            return PackageFormat.DEB;
        }
        if (!installed.packages(PackageFormat.RPM).isEmpty()) {
            return PackageFormat.RPM;
        }
        Set<PackageFormat> formats = new HashSet<>();
        store.repositories().forEach(r -> formats.add(r.info().format()));
        if (formats.size() == 1) {
            return formats.iterator().next();
        }
        if (formats.isEmpty()) {
            throw new EngineException("no repositories have been updated under " + context.layout().root(),
                    "configure repositories and run 'peerget update'");
        }
        return PackageFormat.DEB;
    }
}

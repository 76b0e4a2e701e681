package dev.peerget.engine.plan;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.StoredRepository;
import dev.peerget.engine.EngineContext;
import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.InstallabilityChecker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The installability of every package in the stored repositories of one format, in an empty system (what
 * {@code dose-distcheck} reports for an archive): loads them all and asks the
 * {@link InstallabilityChecker}.
 */
public final class ArchiveCheck {
    /** How many packages were checked, which cannot be installed, and relations the check had to leave out. */
    public record Result(int total, List<Candidate> broken, int approximated, Duration elapsed) {
        public Result {
            broken = List.copyOf(broken);
        }
    }

    private ArchiveCheck() {
    }

    public static Result run(EngineContext context, MetadataStore store, PackageFormat format) {
        return run(context, store, format, arch -> context.architectures().preference(arch) >= 0);
    }

    /**
     * The same check over the packages whose architecture {@code architectures} accepts: the others are neither
     * checked nor used to satisfy a dependency (to compare with a tool that leaves multilib builds out).
     */
    public static Result run(EngineContext context, MetadataStore store, PackageFormat format,
            Predicate<String> architectures) {
        long start = System.nanoTime();
        Map<Long, StoredRepository> repos = new HashMap<>();
        store.repositories().forEach(r -> repos.put(r.id(), r));
        List<Candidate> all = new ArrayList<>();
        store.forEachPackage(true, p -> {
            if (p.record().format() == format && architectures.test(p.record().arch())) {
                StoredRepository repo = repos.get(p.repositoryId());
                all.add(new Candidate(p.record(), repo.info().name(), repo.info().priority(), false,
                        p.record().essential()));
            }
        });
        var report = new InstallabilityChecker(FormatRulesFactory.rules(format, context)).check(all);
        List<Candidate> broken = new ArrayList<>(report.broken());
        broken.sort((a, b) -> a.toString().compareTo(b.toString()));
        return new Result(all.size(), broken, report.approximated(), Duration.ofNanos(System.nanoTime() - start));
    }
}

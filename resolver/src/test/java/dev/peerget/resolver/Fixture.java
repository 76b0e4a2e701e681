package dev.peerget.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Shared helpers: resolve, check every plan with the independent validator, render plans compactly. */
abstract class Fixture {
    static final Resolver RESOLVER = new SatResolver();
    static final PlanValidator VALIDATOR = new PlanValidator();

    static Request request(Job... jobs) {
        return Request.of(jobs);
    }

    static Request noWeak(Job... jobs) {
        return new Request(List.of(jobs), false, false, Set.of(), Set.of(), Duration.ofSeconds(30));
    }

    static Job install(String name) {
        return Job.Install.of(name);
    }

    static Job remove(String name) {
        return new Job.Remove(name, null);
    }

    /** Resolves and requires a valid plan. */
    static Plan solved(TestRepo repo, Request request) {
        Resolution r = RESOLVER.resolve(repo.universe(), request);
        assertThat(r).as("resolution").isInstanceOf(Resolution.Solved.class);
        Plan plan = ((Resolution.Solved) r).plan();
        assertThat(VALIDATOR.validate(repo.universe(), request, plan)).as("violations of " + changes(plan)).isEmpty();
        return plan;
    }

    static Resolution.Unsatisfiable unsat(TestRepo repo, Request request) {
        Resolution r = RESOLVER.resolve(repo.universe(), request);
        assertThat(r).as("resolution").isInstanceOf(Resolution.Unsatisfiable.class);
        return (Resolution.Unsatisfiable) r;
    }

    /** The plan as sorted strings: {@code +a=1}, {@code -a=1}, {@code a=1>2} (upgrade), {@code a=2<1}, {@code *a=1}. */
    static Set<String> changes(Plan plan) {
        Set<String> out = new TreeSet<>();
        for (Action a : plan.actions()) {
            out.add(switch (a.kind()) {
                case INSTALL -> "+" + a.to().name() + "=" + a.to().record().version();
                case REMOVE -> "-" + a.from().name() + "=" + a.from().record().version();
                case UPGRADE -> a.to().name() + "=" + a.from().record().version() + ">" + a.to().record().version();
                case DOWNGRADE -> a.to().name() + "=" + a.from().record().version() + "<" + a.to().record().version();
                case REINSTALL -> "*" + a.to().name() + "=" + a.to().record().version();
            });
        }
        return out;
    }
}

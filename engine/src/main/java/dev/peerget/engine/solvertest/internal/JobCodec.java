package dev.peerget.engine.solvertest.internal;

import dev.peerget.model.Op;
import dev.peerget.model.PackageId;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Universe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Jobs both ways: as libsolv {@code job} lines (testcase_str2job: {@code install name DEP},
 * {@code install pkg NAME-EVR.ARCH@REPO}, {@code install oneof ...}, {@code erase name DEP},
 * {@code update|distupgrade all packages}) and as exact {@link Directive}s. Stateless.
 */
public final class JobCodec {
    private JobCodec() {
    }

    /** The nearest libsolv job lines ({@code job ...}); empty when libsolv has no such job (autoremove). */
    public static List<String> libsolv(Job job, Universe universe, Function<Candidate, String> pkg) {
        List<String> out = new ArrayList<>();
        if (job instanceof Job.Install in) {
            if (in.source() != null) {
                List<String> oneof = universe.named(in.name()).stream()
                        .filter(c -> c.source().equals(in.source()))
                        .filter(c -> in.arch() == null || c.record().arch().equals(in.arch()))
                        .filter(c -> universe.rules().versionScheme().satisfies(c.record().version(), in.constraint()))
                        .map(pkg).toList();
                if (!oneof.isEmpty()) {
                    out.add("job install oneof " + String.join(" ", oneof));
                    return out;
                }
            }
            out.add("job install name " + select(in.name(), in.arch(), in.constraint()));
        } else if (job instanceof Job.InstallExactly ex) {
            out.add("job install pkg " + pkg.apply(ex.candidate()));
        } else if (job instanceof Job.Reinstall re) {
            List<Candidate> inst = universe.named(re.name()).stream().filter(Candidate::installed).toList();
            out.add(inst.isEmpty() ? "job install name " + DepSyntax.escape(re.name())
                    : "job install pkg " + pkg.apply(inst.get(0)));
        } else if (job instanceof Job.Remove rm) {
            out.add("job erase name " + select(rm.name(), rm.arch(), null));
        } else if (job instanceof Job.Upgrade up) {
            String verb = up.allowChanges() ? "distupgrade" : "update";
            if (up.names().isEmpty()) {
                out.add("job " + verb + " all packages");
            } else {
                up.names().forEach(n -> out.add("job " + verb + " name " + DepSyntax.escape(n)));
            }
        }
        return out;
    }

    private static String select(String name, String arch, VersionConstraint c) {
        String s = DepSyntax.escape(name);
        if (arch != null) {
            s = c == null ? s + " . " + DepSyntax.escape(arch) : "(" + s + " . " + DepSyntax.escape(arch) + ")";
        }
        return c == null ? s : s + " " + c.op().rpmSymbol() + " " + DepSyntax.escape(c.version());
    }

    /** The exact form. */
    public static Directive directive(Job job) {
        if (job instanceof Job.Install in) {
            return Directive.of("job", "install").with("name", in.name())
                    .with("op", in.constraint() == null ? null : in.constraint().op().name())
                    .with("version", in.constraint() == null ? null : in.constraint().version())
                    .with("arch", in.arch()).with("archimplied", in.archImplied() ? "yes" : null)
                    .with("source", in.source());
        } else if (job instanceof Job.InstallExactly ex) {
            return Directive.of("job", "install-exactly").with("name", ex.candidate().name())
                    .with("version", ex.candidate().record().version()).with("arch", ex.candidate().record().arch());
        } else if (job instanceof Job.Reinstall re) {
            return Directive.of("job", "reinstall").with("name", re.name());
        } else if (job instanceof Job.Remove rm) {
            return Directive.of("job", "remove").with("name", rm.name()).with("arch", rm.arch())
                    .with("archimplied", rm.archImplied() ? "yes" : null);
        } else if (job instanceof Job.Upgrade up) {
            Directive d = Directive.of("job", "upgrade").with("changes", Boolean.toString(up.allowChanges()));
            for (String n : up.names()) {
                d = d.with("name", n);
            }
            return d;
        }
        return Directive.of("job", "autoremove");
    }

    /** Reads {@link #directive}'s output back. */
    public static Job fromDirective(Directive d, Function<PackageId, Candidate> lookup) {
        String name = d.get("name");
        switch (d.word(1)) {
            case "install" -> {
                VersionConstraint c = d.get("op") == null ? null
                        : new VersionConstraint(Op.valueOf(d.get("op")), d.get("version"));
                return new Job.Install(name, c, d.get("arch"), d.get("source"), "yes".equals(d.get("archimplied")));
            }
            case "install-exactly" -> {
                PackageId id = new PackageId(name, d.get("version"), d.get("arch"));
                Candidate c = lookup.apply(id);
                if (c == null) {
                    throw new IllegalArgumentException("no package " + id + " in the testcase");
                }
                return new Job.InstallExactly(c);
            }
            case "reinstall" -> {
                return new Job.Reinstall(name);
            }
            case "remove" -> {
                return new Job.Remove(name, d.get("arch"), "yes".equals(d.get("archimplied")));
            }
            case "upgrade" -> {
                return new Job.Upgrade(d.all("name"), Boolean.parseBoolean(d.get("changes")));
            }
            case "autoremove" -> {
                return new Job.Autoremove();
            }
            default -> throw new IllegalArgumentException("unknown peerget job '" + d.word(1) + "'");
        }
    }

    /**
     * Reads a libsolv {@code job} line (without the word {@code job}); null for jobs that are policy, not
     * requests ({@code lock}, {@code userinstalled}, {@code multiversion}), which the caller handles.
     */
    public static Job fromLibsolv(String text, Map<String, Candidate> byPkg) {
        String body = text.replaceAll("\\s*\\[[^]]*]\\s*$", "").trim(); // job flags such as [cleandeps]
        String[] f = body.split("\\s+", 3);
        if (f.length < 3) {
            throw new IllegalArgumentException("a job needs a verb, a selection and a value: '" + text + "'");
        }
        String verb = f[0];
        String how = f[1];
        String what = f[2];
        if (how.equals("all")) {
            return switch (verb) {
                case "update" -> new Job.Upgrade(List.of(), false);
                case "distupgrade" -> new Job.Upgrade(List.of(), true);
                default -> throw new IllegalArgumentException("peerget cannot replay '" + verb + " all'");
            };
        }
        if (how.equals("pkg") || how.equals("oneof")) {
            List<Candidate> cs = new ArrayList<>();
            for (String p : what.split("\\s+")) {
                Candidate c = byPkg.get(p);
                if (c == null) {
                    throw new IllegalArgumentException("no package " + p + " in the testcase");
                }
                cs.add(c);
            }
            if (!verb.equals("install")) {
                throw new IllegalArgumentException("peerget can replay only 'install' of chosen packages: '" + text + "'");
            }
            if (cs.size() == 1) {
                return new Job.InstallExactly(cs.get(0));
            }
            Candidate first = cs.get(0);
            if (cs.stream().allMatch(c -> c.name().equals(first.name()) && c.source().equals(first.source()))) {
                return new Job.Install(first.name(), null, null, first.source());
            }
            throw new IllegalArgumentException("peerget cannot replay a choice among different packages: '" + text + "'");
        }
        if (!how.equals("name") && !how.equals("provides")) {
            throw new IllegalArgumentException("unknown job selection '" + how + "'");
        }
        if (!(DepSyntax.parse(what) instanceof Requirement.Atom a)) {
            throw new IllegalArgumentException("peerget can replay jobs on simple names only: '" + text + "'");
        }
        return switch (verb) {
            case "install" -> new Job.Install(a.name(), a.constraint(), a.archQualifier(), null);
            case "erase" -> new Job.Remove(a.name(), a.archQualifier());
            case "update" -> new Job.Upgrade(List.of(a.name()), false);
            case "distupgrade" -> new Job.Upgrade(List.of(a.name()), true);
            default -> null;
        };
    }
}

package dev.peerget.engine.solvertest;

import dev.peerget.engine.solvertest.internal.DepSyntax;
import dev.peerget.engine.solvertest.internal.Directive;
import dev.peerget.engine.solvertest.internal.JobCodec;
import dev.peerget.engine.solvertest.internal.TesttagsWriter;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.Relation;
import dev.peerget.model.Requirement;
import dev.peerget.repo.rpm.RpmRules;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Reachable;
import dev.peerget.resolver.Request;
import dev.peerget.resolver.Universe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a dependency problem as a libsolv testcase directory, as {@code dnf --debugsolver} does: the
 * {@code testcase.t} script and one testtags file per repository, {@code @System.repo} holding the installed
 * packages. Only the slice the resolver would look at is written ({@link Reachable}). libsolv's
 * {@code testsolv} runs the result; {@link TestcaseReader} reads it back for {@code peerget debug solve}.
 *
 * <p>Repository priorities: Debian pin priorities as they are; rpm repositories as {@code -priority.-cost}, the
 * way dnf hands them to libsolv (higher wins). What libsolv cannot express exactly travels in
 * {@code #!peerget} comment lines, which peerget prefers when it replays the testcase.
 *
 * <p>Stateless.
 */
public final class TestcaseWriter {
    /** The script's file name inside the directory. */
    public static final String SCRIPT = "testcase.t";
    static final String SYSTEM_REPO = "@System";
    private static final int RPM_PRIORITY_SCALE = 100_000;

    /**
     * Writes the testcase into {@code dir} (created if needed; existing testcase files are overwritten).
     *
     * @param arch the system architecture for libsolv's {@code system} line ({@code amd64}, {@code x86_64})
     * @return the script
     */
    public Path write(Path dir, PackageFormat format, String arch, Universe universe, Request request) {
        Set<Candidate> slice = new LinkedHashSet<>();
        for (Candidate c : Reachable.candidates(universe, request)) {
            slice.add(canonical(universe, c));
        }
        for (Job job : request.jobs()) {
            if (job instanceof Job.InstallExactly ex) {
                slice.add(ex.candidate());
            }
        }
        List<Candidate> installed = slice.stream().filter(Candidate::installed).toList();
        Map<String, List<Candidate>> bySource = new LinkedHashMap<>();
        for (Candidate c : slice) {
            if (!(c.installed() && c.source().equals(SYSTEM_REPO))) {
                bySource.computeIfAbsent(c.source(), s -> new ArrayList<>()).add(c);
            }
        }
        Map<String, String> libsolvNames = new LinkedHashMap<>();
        bySource.keySet().forEach(s -> libsolvNames.put(s, libsolvName(s, libsolvNames.values())));
        Set<String> files = wantedFiles(slice);
        try {
            Files.createDirectories(dir);
            List<String> script = new ArrayList<>();
            script.add("# peerget solver testcase: 'peerget debug solve " + SCRIPT + "' replays it with peerget's "
                    + "resolver, 'testsolv " + SCRIPT + "' with libsolv's");
            int systemPref = installed.stream().filter(c -> c.source().equals(SYSTEM_REPO))
                    .mapToInt(Candidate::preference).findFirst().orElse(format == PackageFormat.DEB ? 100 : 0);
            writeRepo(dir.resolve(SYSTEM_REPO + ".repo"), universe, installed, files, systemPref);
            script.add("repo " + SYSTEM_REPO + " " + priority(format, systemPref) + " testtags " + SYSTEM_REPO + ".repo");
            for (var e : bySource.entrySet()) {
                String name = libsolvNames.get(e.getKey());
                String file = fileName(name) + ".repo";
                int pref = e.getValue().get(0).preference();
                writeRepo(dir.resolve(file), universe, e.getValue(), files, pref);
                script.add("repo " + name + " " + priority(format, pref) + " testtags " + file);
                if (!name.equals(e.getKey())) {
                    script.add(Directive.of("repo").with("name", name).with("source", e.getKey()).line());
                }
            }
            script.add("system " + arch + " " + format.id() + " " + SYSTEM_REPO);
            List<String> flags = new ArrayList<>();
            if (!request.installWeak()) {
                flags.add("ignorerecommended");
            }
            if (request.allowDowngrade()) {
                flags.add("allowdowngrade");
            }
            if (!flags.isEmpty()) {
                script.add("solverflags " + String.join(" ", flags));
            }
            request.held().stream().sorted().forEach(h -> script.add("job lock name " + DepSyntax.escape(h)));
            if (universe.rules() instanceof RpmRules rpm) {
                // libsolv's installonly packages are "multiversion" jobs, as dnf sets them up.
                rpm.installOnly().stream().sorted()
                        .forEach(n -> script.add("job multiversion provides " + DepSyntax.escape(n)));
            }
            for (Job job : request.jobs()) {
                for (String line : JobCodec.libsolv(job, universe, c -> pkg(c, libsolvNames))) {
                    script.add(request.cleanDependencies() && job instanceof Job.Remove ? line + " [cleandeps]" : line);
                }
            }
            for (Job job : request.jobs()) {
                script.add(JobCodec.directive(job).line());
            }
            Directive auto = Directive.of("automatic");
            for (String a : request.automatic().stream().sorted().toList()) {
                auto = auto.with("name", a);
            }
            if (!request.automatic().isEmpty()) {
                script.add(auto.line());
            }
            script.add(Directive.of("timeout").with("ms", Long.toString(request.timeout().toMillis())).line());
            if (request.cleanDependencies()) {
                script.add(Directive.of("cleandeps").line()); // libsolv's own jobs carry [cleandeps] instead
            }
            if (request.installOnlyLimit() > 0) {
                script.add(Directive.of("installonly").with("limit", Integer.toString(request.installOnlyLimit()))
                        .line());
            }
            Path scriptFile = dir.resolve(SCRIPT);
            Files.write(scriptFile, script, StandardCharsets.UTF_8);
            return scriptFile;
        } catch (IOException e) {
            throw new TestcaseException("cannot write the solver testcase to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The repository build for an installed build the universe handed out as installed-only: which of the two
     * a universe returns can depend on the order of lookups, and the repository one is what plans show.
     */
    private static Candidate canonical(Universe universe, Candidate c) {
        if (c.installed() && c.source().equals(SYSTEM_REPO)) {
            for (Candidate other : universe.named(c.name())) {
                if (other.id().equals(c.id()) && !other.source().equals(SYSTEM_REPO)) {
                    return other;
                }
            }
        }
        return c;
    }

    private static void writeRepo(Path file, Universe universe, List<Candidate> candidates, Set<String> files,
                                  int repoPreference) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            TesttagsWriter w = new TesttagsWriter(out, universe.rules()::isBuiltIn, files);
            for (Candidate c : candidates) {
                w.write(c.record());
                if (c.preference() != repoPreference) {
                    out.println("=Xpf: " + c.preference());
                }
            }
            if (out.checkError()) {
                throw new UncheckedIOException(new IOException("write failed: " + file));
            }
        }
    }

    /** libsolv's priority, higher wins: the pin for Debian; {@code -priority.-cost} for dnf. */
    static String priority(PackageFormat format, int preference) {
        if (format == PackageFormat.DEB) {
            return Integer.toString(preference);
        }
        int prio = preference / RPM_PRIORITY_SCALE;
        int sub = preference % RPM_PRIORITY_SCALE;
        return sub == 0 ? Integer.toString(prio) : prio + "." + sub;
    }

    /** Inverse of {@link #priority}. */
    static int preference(PackageFormat format, String priority) {
        int dot = priority.indexOf('.');
        int prio = Integer.parseInt(dot < 0 ? priority : priority.substring(0, dot));
        int sub = dot < 0 ? 0 : Integer.parseInt(priority.substring(dot + 1));
        return format == PackageFormat.DEB ? prio : prio * RPM_PRIORITY_SCALE + sub;
    }

    /** libsolv names repositories by one word: blanks become {@code _}, as its testcase_repoid2str does. */
    private static String libsolvName(String source, java.util.Collection<String> taken) {
        String base = source.replaceAll("\\s", "_");
        if (base.equals(SYSTEM_REPO)) {
            base = "System";
        }
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + "#" + i;
        }
        return name;
    }

    private static String fileName(String repoName) {
        return repoName.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** libsolv's {@code testcase_solvid2str}: {@code name-evr.arch@repo}. */
    private static String pkg(Candidate c, Map<String, String> libsolvNames) {
        String repo = c.installed() && c.source().equals(SYSTEM_REPO) ? SYSTEM_REPO
                : libsolvNames.getOrDefault(c.source(), c.source());
        return c.name() + "-" + c.record().version() + "." + c.record().arch() + "@" + repo;
    }

    private static Set<String> wantedFiles(Set<Candidate> slice) {
        Set<String> files = new HashSet<>();
        for (Candidate c : slice) {
            for (Relation r : c.record().relations()) {
                collectPaths(r.requirement(), files);
            }
        }
        return files;
    }

    private static void collectPaths(Requirement r, Set<String> out) {
        if (r instanceof Requirement.Atom a) {
            if (a.name().startsWith("/")) {
                out.add(a.name());
            }
        } else if (r instanceof Requirement.AnyOf x) {
            x.alternatives().forEach(p -> collectPaths(p, out));
        } else if (r instanceof Requirement.AllOf x) {
            x.operands().forEach(p -> collectPaths(p, out));
        } else if (r instanceof Requirement.With x) {
            x.operands().forEach(p -> collectPaths(p, out));
        } else if (r instanceof Requirement.Without x) {
            collectPaths(x.base(), out);
            collectPaths(x.excluded(), out);
        } else if (r instanceof Requirement.If x) {
            collectPaths(x.then(), out);
            collectPaths(x.condition(), out);
            if (x.otherwise() != null) {
                collectPaths(x.otherwise(), out);
            }
        } else if (r instanceof Requirement.Unless x) {
            collectPaths(x.then(), out);
            collectPaths(x.condition(), out);
            if (x.otherwise() != null) {
                collectPaths(x.otherwise(), out);
            }
        }
    }
}

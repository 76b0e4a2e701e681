package dev.peerget.engine.solvertest;

import dev.peerget.engine.config.Architectures;
import dev.peerget.engine.solvertest.internal.DepSyntax;
import dev.peerget.engine.solvertest.internal.Directive;
import dev.peerget.engine.solvertest.internal.JobCodec;
import dev.peerget.engine.solvertest.internal.TesttagsReader;
import dev.peerget.model.FormatRules;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageId;
import dev.peerget.repo.deb.DebianRules;
import dev.peerget.repo.rpm.RpmRules;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a libsolv testcase ({@code testsolv}'s input; libsolv's {@code ext/testcase.c}) into a {@link Testcase}:
 * {@code repo NAME PRIO testtags FILE|<inline>}, {@code system ARCH rpm|deb REPO}, {@code solverflags},
 * {@code job} lines ({@code install}, {@code erase}, {@code update}, {@code distupgrade}, {@code lock}) and the
 * {@code #!peerget} lines {@link TestcaseWriter} adds, which win over the {@code job} lines when present.
 * {@code result} sections are skipped: peerget computes its own. Stateless.
 */
public final class TestcaseReader {
    private static final String INLINE = "<inline>";

    private record RepoLine(String name, String priority, String file, List<String> inline, int line) { }

    /** Reads {@code script}; repository files are resolved against its directory. */
    public Testcase read(Path script) {
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TestcaseException("cannot read the solver testcase " + script + ": " + e.getMessage(), e);
        }
        return new Run(script).parse(lines);
    }

    private static final class Run {
        private final Path script;
        private final List<RepoLine> repos = new ArrayList<>();
        private final Map<String, String> sources = new HashMap<>();
        private final List<String> jobLines = new ArrayList<>();
        private final List<Directive> jobDirectives = new ArrayList<>();
        private final Set<String> held = new LinkedHashSet<>();
        private final Set<String> automatic = new LinkedHashSet<>();
        private PackageFormat format = PackageFormat.RPM; // libsolv's default distribution type
        private String arch = "noarch";
        private String systemRepo;
        private boolean installWeak = true;
        private boolean allowDowngrade;
        private Duration timeout = Duration.ofSeconds(30);
        /** RPM installonly names and provides from {@code job multiversion}; dnf's defaults when there are none. */
        private final Set<String> multiversion = new LinkedHashSet<>();
        private int installOnlyLimit;
        private boolean cleanDependencies;

        Run(Path script) {
            this.script = script;
        }

        Testcase parse(List<String> lines) {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                try {
                    i = line(lines, i, line);
                } catch (IllegalArgumentException e) {
                    throw new TestcaseException(script + ":" + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            FormatRules rules = rules();
            List<Candidate> candidates = candidates();
            // The system line's architecture, as libsolv's pool_setarch: native and noarch first, then multilib.
            Architectures system = new Architectures(Architectures.debianNameOfJvmArch(arch), List.of());
            TestcaseUniverse universe = new TestcaseUniverse(rules, candidates, system::choicePreference);
            Map<PackageId, Candidate> byId = new HashMap<>();
            Map<String, Candidate> byPkg = new HashMap<>();
            Map<String, String> libsolvNameOfSource = new HashMap<>();
            sources.forEach((name, source) -> libsolvNameOfSource.put(source, name));
            for (Candidate c : candidates) {
                byId.put(c.id(), c);
                String repo = libsolvNameOfSource.getOrDefault(c.source(), c.source());
                byPkg.put(c.name() + "-" + c.record().version() + "." + c.record().arch() + "@" + repo, c);
            }
            List<Job> jobs = new ArrayList<>();
            try {
                if (!jobDirectives.isEmpty()) {
                    jobDirectives.forEach(d -> jobs.add(JobCodec.fromDirective(d, byId::get)));
                } else {
                    for (String j : jobLines) {
                        Job job = JobCodec.fromLibsolv(j, byPkg);
                        if (job != null) {
                            jobs.add(job);
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new TestcaseException(script + ": " + e.getMessage(), e);
            }
            Request request = new Request(jobs, installWeak, allowDowngrade, held, automatic, timeout,
                    installOnlyLimit, cleanDependencies);
            return new Testcase(format, arch, universe, request);
        }

        /** Handles one line; returns the index of the last line it consumed. */
        private int line(List<String> lines, int i, String line) {
            if (line.startsWith(Directive.PREFIX)) {
                directive(Directive.parse(line));
                return i;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                return i;
            }
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "repo" -> {
                    if (f.length < 5 || !f[3].equals("testtags")) {
                        throw new IllegalArgumentException("expected 'repo NAME PRIORITY testtags FILE'");
                    }
                    List<String> inline = new ArrayList<>();
                    int at = i + 1;
                    if (f[4].equals(INLINE)) {
                        while (i + 1 < lines.size() && lines.get(i + 1).startsWith("#>")) {
                            inline.add(lines.get(++i).substring(2));
                        }
                    }
                    repos.add(new RepoLine(f[1], f[2], f[4], inline, at));
                }
                case "system" -> {
                    if (f.length < 3) {
                        throw new IllegalArgumentException("expected 'system ARCH DISTTYPE [REPO]'");
                    }
                    arch = f[1];
                    format = switch (f[2]) {
                        case "deb", "debian" -> PackageFormat.DEB;
                        case "rpm" -> PackageFormat.RPM;
                        default -> throw new IllegalArgumentException("distribution type '" + f[2]
                                + "' is not supported; peerget knows rpm and deb");
                    };
                    systemRepo = f.length > 3 ? f[3] : null;
                }
                case "solverflags" -> {
                    for (int k = 1; k < f.length; k++) {
                        boolean off = f[k].startsWith("!");
                        String flag = off ? f[k].substring(1) : f[k];
                        if (flag.equals("ignorerecommended")) {
                            installWeak = off;
                        } else if (flag.equals("allowdowngrade")) {
                            allowDowngrade = !off;
                        }
                    }
                }
                case "job" -> {
                    if (f.length >= 4 && f[1].equals("lock") && f[2].equals("name")) {
                        held.add(DepSyntax.unescape(f[3]));
                    } else if (f.length >= 4 && f[1].equals("multiversion")
                            && (f[2].equals("name") || f[2].equals("provides"))) {
                        multiversion.add(DepSyntax.unescape(f[3]));
                    } else {
                        jobLines.add(line.substring(3).strip());
                        // dnf's clean_requirements_on_remove: its erase jobs carry libsolv's cleandeps flag
                        cleanDependencies |= f[1].equals("erase") && line.matches(".*\\[[^]]*\\bcleandeps\\b[^]]*]\\s*$");
                    }
                }
                case "result" -> {
                    while (i + 1 < lines.size() && lines.get(i + 1).startsWith("#>")) {
                        i++;
                    }
                }
                case "nextjob" -> throw new IllegalArgumentException(
                        "testcases with several problems ('nextjob') are not supported; split them");
                default -> {
                    // poolflags, namespace, feature, genid, disable: they do not change peerget's answer
                }
            }
            return i;
        }

        private void directive(Directive d) {
            switch (d.word(0)) {
                case "job" -> jobDirectives.add(d);
                case "repo" -> sources.put(d.get("name"), d.get("source"));
                case "automatic" -> automatic.addAll(d.all("name"));
                case "timeout" -> timeout = Duration.ofMillis(Long.parseLong(d.get("ms")));
                case "installonly" -> installOnlyLimit = Integer.parseInt(d.get("limit"));
                case "cleandeps" -> cleanDependencies = true;
                default -> throw new IllegalArgumentException("unknown peerget directive '" + d.word(0) + "'");
            }
        }

        private FormatRules rules() {
            try {
                return format == PackageFormat.DEB ? new DebianRules(arch)
                        : multiversion.isEmpty() ? RpmRules.withDnfDefaults() : new RpmRules(multiversion);
            } catch (IllegalArgumentException e) {
                throw new TestcaseException(script + ": " + e.getMessage(), e);
            }
        }

        /** Installed packages first (merged with the same build in a repository), then the rest. */
        private List<Candidate> candidates() {
            Map<PackageId, TesttagsReader.Entry> system = new LinkedHashMap<>();
            int systemPreference = format == PackageFormat.DEB ? 100 : 0;
            Map<PackageId, Candidate> available = new LinkedHashMap<>();
            for (RepoLine r : repos) {
                if (r.name().equals(systemRepo)) {
                    systemPreference = preference(r);
                    read(r).forEach(e -> system.putIfAbsent(e.record().id(), e));
                }
            }
            for (RepoLine r : repos) {
                if (r.name().equals(systemRepo)) {
                    continue;
                }
                int pref = preference(r);
                String source = sources.getOrDefault(r.name(), DepSyntax.unescape(r.name()));
                for (TesttagsReader.Entry e : read(r)) {
                    available.putIfAbsent(e.record().id(), new Candidate(e.record(), source,
                            e.preference() != null ? e.preference() : pref, system.containsKey(e.record().id()),
                            e.record().essential()));
                }
            }
            List<Candidate> out = new ArrayList<>();
            for (TesttagsReader.Entry e : system.values()) {
                Candidate c = available.remove(e.record().id());
                out.add(c != null ? c : new Candidate(e.record(), TestcaseWriter.SYSTEM_REPO,
                        e.preference() != null ? e.preference() : systemPreference, true, e.record().essential()));
            }
            out.addAll(available.values());
            return out;
        }

        private int preference(RepoLine r) {
            try {
                return TestcaseWriter.preference(format, r.priority());
            } catch (NumberFormatException e) {
                throw new TestcaseException(script + ":" + r.line() + ": bad repository priority '" + r.priority()
                        + "'", e);
            }
        }

        private List<TesttagsReader.Entry> read(RepoLine r) {
            if (r.file().equals(INLINE)) {
                return TesttagsReader.read(format, script.toString(), r.inline(), r.line() + 1);
            }
            String name = r.file().startsWith("<") && r.file().endsWith(">")
                    ? r.file().substring(1, r.file().length() - 1) : r.file();
            Path file = script.toAbsolutePath().getParent().resolve(name);
            try {
                return TesttagsReader.read(format, file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8), 1);
            } catch (IOException e) {
                throw new TestcaseException("cannot read repository " + r.name() + " of " + script + ": " + file
                        + ": " + e.getMessage(), e);
            }
        }
    }
}

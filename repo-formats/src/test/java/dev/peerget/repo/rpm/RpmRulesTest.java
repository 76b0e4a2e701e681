package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.model.Op;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmRulesTest {
    private static final RpmRules RULES = RpmRules.withDnfDefaults();
    private static final String APPSTREAM = "yum/osbuild-cs9/appstream-and-custom/appstream";
    private static final String BASEOS = "yum/osbuild-cs9/baseos";

    /**
     * A package from {@code "name evr arch"}; {@code provides} is a comma-separated list of {@code name} or
     * {@code name=evr}; {@code files} a space-separated list of paths.
     */
    static PackageRecord pkg(String spec, String provides, String files) {
        String[] f = spec.trim().split("\\s+");
        PackageRecord.Builder b = PackageRecord.builder(PackageFormat.RPM, f[0], f[1], f[2]);
        if (provides != null) {
            for (String p : provides.split(",")) {
                String[] nv = p.trim().split("=", 2);
                b.provide(new Provide(nv[0].trim(), nv.length > 1 ? nv[1].trim() : null));
            }
        }
        if (files != null) {
            b.files(List.of(files.trim().split("\\s+")));
        }
        return b.build();
    }

    /** An atom from {@code "name"} or {@code "name op evr"} with rpm's operators. */
    static Requirement.Atom atom(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length == 1) {
            return Requirement.Atom.of(f[0]);
        }
        Op op = switch (f[1]) {
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case "=" -> Op.EQ;
            case ">=" -> Op.GE;
            case ">" -> Op.GT;
            default -> throw new IllegalArgumentException(f[1]);
        };
        return new Requirement.Atom(f[0], null, new VersionConstraint(op, f[2]));
    }

    @ParameterizedTest(name = "{0} [{1}] satisfies {3}: {4}")
    @CsvSource(delimiter = ';', nullValues = "", textBlock = """
            # the implicit self-provide name = EVR, with rpm's range overlap
            bash 5.1.8-6.el9 x86_64 ;                    ;                 ; bash                   ; true
            bash 5.1.8-6.el9 x86_64 ;                    ;                 ; bash >= 5.1            ; true
            bash 5.1.8-6.el9 x86_64 ;                    ;                 ; bash > 5.1.8           ; false
            bash 5.1.8-6.el9 x86_64 ;                    ;                 ; bash = 5.1.8           ; true
            bash 5.1.8-6.el9 x86_64 ;                    ;                 ; bash < 5.1.8-7         ; true
            bash 5.1.8-6.el9 x86_64 ;                    ;                 ; bash >= 1:5.0          ; false
            bash 5.1.8-6.el9 x86_64 ;                    ;                 ; sh                     ; false
            # provides: versioned ones by range, unversioned ones satisfy any range (rpmdsCompare)
            python3 3.9.18-1.el9 x86_64 ; python(abi)=3.9 ;                ; python(abi) = 3.9      ; true
            python3 3.9.18-1.el9 x86_64 ; python(abi)=3.9 ;                ; python(abi) >= 3.10    ; false
            python3 3.9.18-1.el9 x86_64 ; python(abi)=3.9 ;                ; python(abi)            ; true
            sendmail 8.16 x86_64    ; MTA                 ;                ; MTA                    ; true
            sendmail 8.16 x86_64    ; MTA                 ;                ; MTA >= 99              ; true
            glibc 2.34-60.el9 x86_64 ; glibc(x86-64)=2.34-60.el9 ;         ; glibc(x86-64) >= 2.34  ; true
            glibc 2.34-60.el9 i686  ; glibc(x86-32)=2.34-60.el9 ;          ; glibc(x86-64)          ; false
            # files: paths listed by the index (primary's subset or filelists)
            bash 5.1.8-6.el9 x86_64 ; /bin/sh             ; /usr/bin/bash /usr/bin/sh ; /usr/bin/sh ; true
            bash 5.1.8-6.el9 x86_64 ; /bin/sh             ; /usr/bin/bash /usr/bin/sh ; /bin/sh     ; true
            bash 5.1.8-6.el9 x86_64 ;                     ; /usr/bin/bash   ; /usr/bin/sh           ; false
            bash 5.1.8-6.el9 x86_64 ;                     ; /usr/bin/bash   ; usr/bin/bash          ; false
            # the arch does not matter: rpm dependencies are arch-neutral
            zlib 1.2.11 i686        ;                     ;                 ; zlib                  ; true
            """)
    void satisfies(String candidate, String provides, String files, String atom, boolean expected) {
        PackageRecord c = pkg(candidate, provides, files);
        PackageRecord dependent = pkg("d 1 x86_64", null, null);
        assertThat(RULES.satisfies(c, atom(atom), dependent)).isEqualTo(expected);
        assertThat(RULES.satisfies(c, atom(atom), null)).as("user request").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2} vs {3} [{4}]: {5}")
    @CsvSource(delimiter = ';', nullValues = "", textBlock = """
            d 1 x86_64          ; CONFLICTS ; foo < 2          ; foo 1.5-1 x86_64     ;                ; true
            d 1 x86_64          ; CONFLICTS ; foo < 2          ; foo 2.0-1 x86_64     ;                ; false
            d 1 x86_64          ; CONFLICTS ; virt             ; bar 1 x86_64         ; virt           ; true
            d 1 x86_64          ; CONFLICTS ; virt < 2         ; bar 1 x86_64         ; virt=3         ; false
            d 1 x86_64          ; CONFLICTS ; /usr/bin/foo     ; bar 1 x86_64         ;                ; false
            # Obsoletes match package names only, never provides
            d 1 x86_64          ; OBSOLETES ; foo < 2          ; foo 1.5-1 x86_64     ;                ; true
            d 1 x86_64          ; OBSOLETES ; foo < 2          ; foo 1.5-1 i686       ;                ; true
            d 1 x86_64          ; OBSOLETES ; foo < 2          ; foo 2.0-1 x86_64     ;                ; false
            d 1 x86_64          ; OBSOLETES ; foo              ; bar 1 x86_64         ; foo=1          ; false
            # never itself; Obsoletes never the same name and arch (rpm.org Tag Semantics)
            d 1 x86_64          ; CONFLICTS ; d                ; d 1 x86_64           ;                ; false
            d 1 x86_64          ; OBSOLETES ; d                ; d 1 x86_64           ;                ; false
            d 2 x86_64          ; OBSOLETES ; d < 2            ; d 1 x86_64           ;                ; false
            d 2 x86_64          ; OBSOLETES ; d < 2            ; d 1 i686             ;                ; true
            # other kinds forbid nothing
            d 1 x86_64          ; DEPENDS   ; foo              ; foo 1 x86_64         ;                ; false
            d 1 x86_64          ; BREAKS    ; foo              ; foo 1 x86_64         ;                ; false
            """)
    void forbids(String dependent, RelationKind kind, String atom, String candidate, String provides,
                 boolean expected) {
        PackageRecord c = pkg(candidate, provides, null);
        assertThat(RULES.forbids(pkg(dependent, null, null), kind, atom(atom), c)).isEqualTo(expected);
    }

    @Test
    void conflictsMatchFiles() {
        PackageRecord bar = pkg("bar 1 x86_64", null, "/usr/bin/foo");
        assertThat(RULES.forbids(pkg("d 1 x86_64", null, null), RelationKind.CONFLICTS, atom("/usr/bin/foo"), bar))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} [{1}] with {2} [{3}]: {4}")
    @CsvSource(delimiter = ';', nullValues = "", textBlock = """
            # installonly: by name or by provide, in different versions
            kernel 5.14.0-55.el9 x86_64      ;                        ; kernel 5.14.0-60.el9 x86_64      ;                        ; true
            kernel-core 5.14.0-55.el9 x86_64 ; installonlypkg(kernel) ; kernel-core 5.14.0-60.el9 x86_64 ; installonlypkg(kernel) ; true
            kernel-core 5.14.0-55.el9 x86_64 ;                        ; kernel-core 5.14.0-60.el9 x86_64 ;                        ; false
            kernel 5.14.0-55.el9 x86_64      ;                        ; kernel 5.14.0-55.el9 x86_64      ;                        ; false
            # multilib: one version in two binary architectures
            glibc 2.34-60.el9 x86_64         ;                        ; glibc 2.34-60.el9 i686           ;                        ; true
            glibc 2.34-60.el9 x86_64         ;                        ; glibc 2.34-61.el9 i686           ;                        ; false
            glibc 2.34-60.el9 x86_64         ;                        ; glibc 2.34-60.el9 x86_64         ;                        ; false
            foo 1-1 noarch                   ;                        ; foo 1-1 x86_64                   ;                        ; false
            foo 1-1 x86_64                   ;                        ; foo 2-1 x86_64                   ;                        ; false
            # different names are not this rule's business
            foo 1-1 x86_64                   ;                        ; bar 1-1 x86_64                   ;                        ; true
            """)
    void mayCoexist(String a, String aProvides, String b, String bProvides, boolean expected) {
        PackageRecord pa = pkg(a, aProvides, null);
        PackageRecord pb = pkg(b, bProvides, null);
        assertThat(RULES.mayCoexist(pa, pb)).isEqualTo(expected);
        assertThat(RULES.mayCoexist(pb, pa)).isEqualTo(expected);
    }

    @Test
    void installOnlyIsConfigurable() {
        RpmRules none = new RpmRules(Set.of());
        PackageRecord k1 = pkg("kernel 5.14.0-55.el9 x86_64", null, null);
        PackageRecord k2 = pkg("kernel 5.14.0-60.el9 x86_64", null, null);
        assertThat(none.mayCoexist(k1, k2)).isFalse();
        assertThat(new RpmRules(Set.of("foo")).isInstallOnly(pkg("bar 1 x86_64", "foo", null))).isTrue();
        assertThat(RULES.installOnly()).contains("kernel", "installonlypkg(kernel)", "multiversion(kernel)");
    }

    @Test
    void rpmlibIsBuiltIn() {
        assertThat(RULES.isBuiltIn(atom("rpmlib(PayloadIsZstd) <= 5.4.18-1"))).isTrue();
        assertThat(RULES.isBuiltIn(atom("rpmlib(CompressedFileNames)"))).isTrue();
        assertThat(RULES.isBuiltIn(atom("config(bash)"))).isFalse();
        assertThat(RULES.isBuiltIn(atom("rpm"))).isFalse();
        assertThat(RULES.versionScheme()).isSameAs(RpmVersionScheme.INSTANCE);
    }

    // --- real CentOS Stream 9 repositories ---

    /** BaseOS primary with every package's file list replaced by filelists.xml's, merged on pkgid. */
    static List<PackageRecord> baseosWithFilelists() throws IOException {
        Path filelists = RepoData.file(BASEOS, "filelists");
        Map<String, List<String>> files = RepoData.filelists(filelists).stream()
                .collect(Collectors.toMap(PackageFiles::pkgid, PackageFiles::files));
        List<PackageRecord> out = new ArrayList<>();
        for (PackageRecord p : RepoData.primary(BASEOS)) {
            out.add(p.withFiles(files.get(p.checksums().get(0).hex())));
        }
        return out;
    }

    /** Name, provide and file → packages carrying it. */
    static Map<String, List<PackageRecord>> byCapability(List<PackageRecord> all) {
        Map<String, List<PackageRecord>> index = new HashMap<>();
        for (PackageRecord p : all) {
            index.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            p.provides().forEach(v -> index.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(p));
            p.files().forEach(f -> index.computeIfAbsent(f, k -> new ArrayList<>()).add(p));
        }
        return index;
    }

    @Test
    void baseosFileRequiresResolveThroughFilelists() throws IOException {
        List<PackageRecord> baseos = baseosWithFilelists();
        PackageRecord bash = baseos.stream().filter(p -> p.name().equals("bash")).findFirst().orElseThrow();
        assertThat(RULES.satisfies(bash, atom("/usr/bin/sh"), null)).isTrue();
        assertThat(RULES.satisfies(bash, atom("/bin/sh"), null)).isTrue(); // an explicit provide in bash
        assertThat(RULES.satisfies(bash, atom("/usr/bin/csh"), null)).isFalse();
        Map<String, List<PackageRecord>> index = byCapability(baseos);
        List<String> shProviders = index.get("/usr/bin/sh").stream()
                .filter(p -> RULES.satisfies(p, atom("/usr/bin/sh"), null)).map(PackageRecord::name).toList();
        assertThat(shProviders).containsExactly("bash");
    }

    /**
     * Every Requires atom of BaseOS (with its full file lists) and AppStream (primary's file subset only), rich
     * dependencies flattened into their atoms, against both repositories together: 204,497 of 208,530 plain
     * Requires resolve (11,135 of them on files), and 1,895 of 1,942 rich-dependency atoms (conditions of
     * {@code if}/{@code unless} and branches of {@code or} need not be installable). The corpus BaseOS is an
     * older snapshot than its AppStream, so most of the rest are exact-version requirements on BaseOS packages
     * ({@code NetworkManager = 1:1.51.2-1.el9} against BaseOS's 1.36.0): an unversioned requirement whose name
     * some package carries always resolves. Two file requirements do not: {@code /usr/libexec/gcr-ssh-askpass}
     * is outside primary's file subset, and this AppStream's filelists were emptied upstream.
     */
    @Test
    void centosStream9RequiresResolve() throws IOException {
        List<PackageRecord> all = new ArrayList<>(baseosWithFilelists());
        all.addAll(RepoData.primary(APPSTREAM));
        Map<String, List<PackageRecord>> index = byCapability(all);
        Function<Requirement.Atom, Boolean> resolvable = a -> RULES.isBuiltIn(a)
                || index.getOrDefault(a.name(), List.of()).stream().anyMatch(c -> RULES.satisfies(c, a, null));
        int plain = 0;
        int plainResolved = 0;
        int fileAtoms = 0;
        List<String> unresolvedFiles = new ArrayList<>();
        List<String> unresolvedUnversionedButCarried = new ArrayList<>();
        int richAtoms = 0;
        int richAtomsResolved = 0;
        for (PackageRecord p : all) {
            for (Relation r : p.relations()) {
                if (!r.kind().isHardRequirement()) {
                    continue;
                }
                if (r.requirement() instanceof Requirement.Atom a) {
                    plain++;
                    boolean isFile = a.name().startsWith("/");
                    fileAtoms += isFile ? 1 : 0;
                    if (resolvable.apply(a)) {
                        plainResolved++;
                    } else if (isFile) {
                        unresolvedFiles.add(p.id() + ": " + r.text());
                    } else if (a.constraint() == null && index.containsKey(a.name())) {
                        unresolvedUnversionedButCarried.add(p.id() + ": " + r.text());
                    }
                } else {
                    for (Requirement.Atom a : atoms(r.requirement())) {
                        richAtoms++;
                        richAtomsResolved += resolvable.apply(a) ? 1 : 0;
                    }
                }
            }
        }
        assertThat(plain).isEqualTo(208_530);
        assertThat(fileAtoms).isEqualTo(11_135);
        assertThat(plainResolved).isEqualTo(204_497);
        assertThat(unresolvedFiles).containsExactly(
                "gnome-keyring 40.0-3.el9 x86_64: /usr/libexec/gcr-ssh-askpass",
                "gnome-keyring 40.0-4.el9 x86_64: /usr/libexec/gcr-ssh-askpass");
        assertThat(unresolvedUnversionedButCarried).isEmpty();
        assertThat(richAtoms).isEqualTo(1_942);
        assertThat(richAtomsResolved).isEqualTo(1_895);
    }

    /** Atoms of common AppStream rich dependencies resolve to the packages one expects. */
    @Test
    void appstreamRichDependencyAtomsResolve() throws IOException {
        List<PackageRecord> all = new ArrayList<>(baseosWithFilelists());
        all.addAll(RepoData.primary(APPSTREAM));
        Map<String, List<PackageRecord>> index = byCapability(all);
        Function<Requirement.Atom, List<String>> providers = a -> index.getOrDefault(a.name(), List.of()).stream()
                .filter(c -> RULES.satisfies(c, a, null)).map(PackageRecord::name).distinct().sorted().toList();
        List<Requirement.Atom> java = atoms(RichDependencyParser.parse(
                "(java-headless or java-17-headless or java-11-headless or java-1.8.0-headless)"));
        assertThat(providers.apply(java.get(0))).contains("java-17-openjdk-headless", "java-11-openjdk-headless");
        assertThat(providers.apply(java.get(3))).containsExactly("java-1.8.0-openjdk-headless");
        List<Requirement.Atom> ansible = atoms(RichDependencyParser.parse(
                "(ansible-core >= 2.11.0 or ansible >= 2.9.0)"));
        assertThat(providers.apply(ansible.get(0))).containsExactly("ansible-core");
        assertThat(providers.apply(RichDependencyParser.parse("(python3-rpm-macros if rpm-build)") instanceof
                Requirement.If i ? (Requirement.Atom) i.condition() : null)).containsExactly("rpm-build");
    }

    static List<Requirement.Atom> atoms(Requirement r) {
        List<Requirement.Atom> out = new ArrayList<>();
        collect(r, out);
        return out;
    }

    private static void collect(Requirement r, List<Requirement.Atom> out) {
        if (r == null) {
            return;
        }
        if (r instanceof Requirement.Atom a) {
            out.add(a);
        } else if (r instanceof Requirement.AnyOf x) {
            x.alternatives().forEach(y -> collect(y, out));
        } else if (r instanceof Requirement.AllOf x) {
            x.operands().forEach(y -> collect(y, out));
        } else if (r instanceof Requirement.With x) {
            x.operands().forEach(y -> collect(y, out));
        } else if (r instanceof Requirement.Without x) {
            collect(x.base(), out);
            collect(x.excluded(), out);
        } else if (r instanceof Requirement.If x) {
            collect(x.then(), out);
            collect(x.condition(), out);
            collect(x.otherwise(), out);
        } else if (r instanceof Requirement.Unless x) {
            collect(x.then(), out);
            collect(x.condition(), out);
            collect(x.otherwise(), out);
        }
    }
}

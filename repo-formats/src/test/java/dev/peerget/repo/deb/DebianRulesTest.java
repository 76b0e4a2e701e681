package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianRulesTest {
    private static final DebianRules RULES = new DebianRules("amd64");

    /**
     * A package from {@code "name version arch [multi-arch]"}, with an optional Provides field value.
     */
    static PackageRecord pkg(String spec, String provides) {
        String[] f = spec.trim().split("\\s+");
        PackageRecord.Builder b = PackageRecord.builder(PackageFormat.DEB, f[0], f[1], f[2]);
        if (f.length > 3) {
            b.multiArch(MultiArch.valueOf(f[3].toUpperCase(Locale.ROOT)));
        }
        if (provides != null && !provides.isBlank()) {
            b.provides(DebRelationParser.parseProvides(provides));
        }
        return b.build();
    }

    /** The single atom of a relation field value such as {@code foo:any (>= 1.0)}. */
    static Requirement.Atom atom(String text) {
        return (Requirement.Atom) DebRelationParser.parse(RelationKind.DEPENDS, text).get(0).requirement();
    }

    /** Dependent "-" means a user's request. */
    @ParameterizedTest(name = "{0} [{1}] satisfies {2} from {3}: {4}")
    @CsvSource(delimiter = ';', nullValues = "", textBlock = """
            # name and version
            foo 1.0-1 amd64          ;                        ; foo                ; d 1 amd64 ; true
            foo 1.0-1 amd64          ;                        ; foo (>= 1.0)       ; d 1 amd64 ; true
            foo 1.0-1 amd64          ;                        ; foo (>> 1.0-1)     ; d 1 amd64 ; false
            foo 1:0.5 amd64          ;                        ; foo (>= 1.0)       ; d 1 amd64 ; true
            foo 1.0-1 amd64          ;                        ; bar                ; d 1 amd64 ; false
            # Policy 7.5: unversioned provides satisfy unversioned dependencies only
            exim4 4.96 amd64         ; mail-transport-agent   ; mail-transport-agent          ; d 1 amd64 ; true
            exim4 4.96 amd64         ; mail-transport-agent   ; mail-transport-agent (>= 1)   ; d 1 amd64 ; false
            libfoo 2.0 amd64         ; libbar (= 1.5)         ; libbar (>= 1.0)    ; d 1 amd64 ; true
            libfoo 2.0 amd64         ; libbar (= 1.5)         ; libbar (>= 2.0)    ; d 1 amd64 ; false
            libfoo 2.0 amd64         ; libbar (= 1.5)         ; libbar             ; d 1 amd64 ; true
            libfoo 2.0 amd64         ; libbar (= 1.5)         ; libfoo (= 1.5)     ; d 1 amd64 ; false
            # architecture without qualifier: same arch, all = native, or Multi-Arch: foreign
            foo 1 i386               ;                        ; foo                ; d 1 amd64 ; false
            foo 1 i386               ;                        ; foo                ; d 1 i386  ; true
            foo 1 all                ;                        ; foo                ; d 1 amd64 ; true
            foo 1 all                ;                        ; foo                ; d 1 i386  ; false
            foo 1 amd64              ;                        ; foo                ; d 1 all   ; true
            foo 1 i386               ;                        ; foo                ; d 1 all   ; false
            foo 1 all foreign        ;                        ; foo                ; d 1 i386  ; true
            foo 1 i386 foreign       ;                        ; foo                ; d 1 amd64 ; true
            foo 1 i386 allowed       ;                        ; foo                ; d 1 amd64 ; false
            foo 1 i386 same          ;                        ; foo                ; d 1 amd64 ; false
            # provides take the provider's architecture and Multi-Arch
            mawk 1 i386              ; awk                    ; awk                ; d 1 amd64 ; false
            mawk 1 i386 foreign      ; awk                    ; awk                ; d 1 amd64 ; true
            mawk 1 all               ; awk                    ; awk                ; d 1 amd64 ; true
            # :any needs Multi-Arch: allowed (dpkg deparchsatisfied, apt's implicit name:any provides)
            python3 3.11 amd64 allowed ;                      ; python3:any        ; d 1 amd64 ; true
            python3 3.11 i386 allowed  ;                      ; python3:any        ; d 1 amd64 ; true
            python3 3.11 i386 allowed  ;                      ; python3:any (>= 3.12) ; d 1 amd64 ; false
            python3 3.11 amd64         ;                      ; python3:any        ; d 1 amd64 ; false
            python3 3.11 amd64 foreign ;                      ; python3:any        ; d 1 amd64 ; false
            perl 5.36 amd64 allowed    ; perlapi-5.36         ; perlapi-5.36:any   ; d 1 amd64 ; true
            # :native and :arch
            foo 1 amd64              ;                        ; foo:native         ; d 1 i386  ; true
            foo 1 i386               ;                        ; foo:native         ; d 1 i386  ; false
            foo 1 all                ;                        ; foo:native         ; d 1 i386  ; true
            foo 1 i386               ;                        ; foo:i386           ; d 1 amd64 ; true
            foo 1 i386 foreign       ;                        ; foo:amd64          ; d 1 amd64 ; false
            # a user's request picks the architecture itself, unless it names one
            foo 1 i386               ;                        ; foo                ; -         ; true
            foo 1 i386               ;                        ; foo:any            ; -         ; true
            foo 1 i386               ;                        ; foo:amd64          ; -         ; false
            foo 1 all                ;                        ; foo:amd64          ; -         ; true
            foo 1 i386               ;                        ; foo (>= 2)         ; -         ; false
            exim4 4.96 amd64         ; mail-transport-agent   ; mail-transport-agent ; -       ; true
            """)
    void satisfies(String candidate, String provides, String atom, String dependent, boolean expected) {
        PackageRecord dep = dependent.equals("-") ? null : pkg(dependent, null);
        assertThat(RULES.satisfies(pkg(candidate, provides), atom(atom), dep)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} [{1}] {2} {3}, candidate {4} [{5}]: {6}")
    @CsvSource(delimiter = ';', nullValues = "", textBlock = """
            d 1 amd64                ;                 ; CONFLICTS ; foo              ; foo 1 amd64       ;            ; true
            d 1 amd64                ;                 ; BREAKS    ; foo (<< 2)       ; foo 1 amd64       ;            ; true
            d 1 amd64                ;                 ; BREAKS    ; foo (<< 1)       ; foo 1 amd64       ;            ; false
            # unqualified and :any negative relations hit every architecture; :arch only that one
            d 1 amd64                ;                 ; CONFLICTS ; foo              ; foo 1 i386        ;            ; true
            d 1 amd64                ;                 ; CONFLICTS ; foo:any          ; foo 1 i386        ;            ; true
            d 1 amd64                ;                 ; CONFLICTS ; foo:amd64        ; foo 1 i386        ;            ; false
            d 1 amd64                ;                 ; CONFLICTS ; foo:amd64        ; foo 1 all         ;            ; true
            # a conflict on a virtual package hits every provider; versioned ones only versioned provides
            d 1 amd64                ;                 ; CONFLICTS ; mail-transport-agent ; postfix 3 amd64 ; mail-transport-agent ; true
            d 1 amd64                ;                 ; CONFLICTS ; mail-transport-agent (<< 5) ; postfix 3 amd64 ; mail-transport-agent ; false
            d 1 amd64                ;                 ; BREAKS    ; libbar (<< 2)    ; libfoo 1 amd64    ; libbar (= 1.5) ; true
            d 1 amd64                ;                 ; BREAKS    ; libbar (<< 1)    ; libfoo 1 amd64    ; libbar (= 1.5) ; false
            # Policy 7.4: never against itself, even through a provide (the "one provider" idiom)
            postfix 3 amd64          ; mail-transport-agent ; CONFLICTS ; mail-transport-agent ; postfix 3 amd64 ; mail-transport-agent ; false
            exim4 4 amd64            ; mail-transport-agent ; CONFLICTS ; mail-transport-agent ; postfix 3 amd64 ; mail-transport-agent ; true
            foo 1 amd64              ;                 ; CONFLICTS ; foo              ; foo 1 amd64       ;            ; false
            # apt: provides of the dependent's own name never count
            foo 2 amd64              ; virt            ; CONFLICTS ; virt             ; foo 1 amd64       ; virt       ; false
            # Multi-Arch: same does not conflict with its other-arch instances; M-A: no does
            libx 1 amd64 same        ;                 ; BREAKS    ; libx (<< 2)      ; libx 1 i386 same  ;            ; false
            libx 1 amd64             ;                 ; BREAKS    ; libx (<< 2)      ; libx 1 i386       ;            ; true
            # only Conflicts and Breaks forbid; Debian has no Obsoletes
            d 1 amd64                ;                 ; REPLACES  ; foo              ; foo 1 amd64       ;            ; false
            d 1 amd64                ;                 ; OBSOLETES ; foo              ; foo 1 amd64       ;            ; false
            d 1 amd64                ;                 ; DEPENDS   ; foo              ; foo 1 amd64       ;            ; false
            """)
    void forbids(String dependent, String depProvides, RelationKind kind, String atom, String candidate,
                 String candProvides, boolean expected) {
        assertThat(RULES.forbids(pkg(dependent, depProvides), kind, atom(atom), pkg(candidate, candProvides)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource(delimiter = ';', textBlock = """
            libx 1 amd64 same  ; libx 1 i386 same    ; true
            libx 1 amd64 same  ; libx 1-0 i386 same  ; true
            libx 1 amd64 same  ; libx 2 i386 same    ; false
            libx 1 amd64 same  ; libx 1 i386         ; false
            libx 1 amd64       ; libx 1 i386         ; false
            libx 1 amd64 same  ; libx 2 amd64 same   ; false
            libx 1 amd64 same  ; libx 1 amd64 same   ; false
            foo 1 amd64 foreign; foo 1 i386 foreign  ; false
            foo 1 amd64        ; bar 1 amd64         ; true
            """)
    void mayCoexist(String a, String b, boolean expected) {
        assertThat(RULES.mayCoexist(pkg(a, null), pkg(b, null))).isEqualTo(expected);
        assertThat(RULES.mayCoexist(pkg(b, null), pkg(a, null))).isEqualTo(expected);
    }

    /**
     * The resolver shares satisfier sets between dependents with equal keys: that is only right if such
     * dependents really get the same answers, for every candidate and atom.
     */
    @Test
    void dependentsWithEqualKeysGetEqualAnswers() {
        List<PackageRecord> dependents = List.of(pkg("d 1 amd64", null), pkg("e 2 amd64 same", "virt"),
                pkg("f 1 all", null), pkg("g 1 all foreign", null), pkg("h 1 i386", null),
                pkg("k 3 i386 allowed", "foo"));
        List<PackageRecord> candidates = List.of(pkg("foo 1 amd64", null), pkg("foo 1 i386", null),
                pkg("foo 1 all", null), pkg("foo 1 i386 foreign", null), pkg("foo 2 amd64 allowed", null),
                pkg("foo 2 i386 allowed", null), pkg("mawk 1 i386 foreign", "awk, foo (= 1)"),
                pkg("exim4 4 amd64", "virt"));
        List<Requirement.Atom> atoms = List.of(atom("foo"), atom("foo (>= 2)"), atom("foo:any"), atom("foo:i386"),
                atom("foo:native"), atom("awk"), atom("virt"));
        int pairsWithEqualKeys = 0;
        for (PackageRecord a : dependents) {
            for (PackageRecord b : dependents) {
                if (a == b || !RULES.satisfiesKey(a).equals(RULES.satisfiesKey(b))) {
                    continue;
                }
                pairsWithEqualKeys++;
                for (PackageRecord c : candidates) {
                    for (Requirement.Atom at : atoms) {
                        assertThat(RULES.satisfies(c, at, a)).as("%s for %s vs %s: %s", c.id(), a.id(), b.id(), at)
                                .isEqualTo(RULES.satisfies(c, at, b));
                    }
                }
            }
        }
        // ordered pairs: d, e, f, g (amd64 and all) share one key, h and k (i386) another
        assertThat(pairsWithEqualKeys).isEqualTo(4 * 3 + 2);
        assertThat(RULES.satisfiesKey(pkg("d 1 amd64", null))).isNotEqualTo(RULES.satisfiesKey(pkg("h 1 i386", null)));
    }

    @Test
    void nothingIsBuiltIn() {
        assertThat(RULES.isBuiltIn(atom("dpkg"))).isFalse();
        assertThat(RULES.versionScheme()).isSameAs(DebVersionScheme.INSTANCE);
    }

    @Test
    void nativeArchitectureMustBeReal() {
        assertThatThrownBy(() -> new DebianRules("all")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DebianRules("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new DebianRules("arm64").nativeArch()).isEqualTo("arm64");
    }

    // --- the real bookworm main/amd64 archive ---

    private static List<PackageRecord> bookworm;

    static synchronized List<PackageRecord> bookworm() throws IOException {
        if (bookworm == null) {
            Path file = Corpus.path("apt/debian-bookworm-fetched/main/binary-amd64/Packages.gz");
            List<PackageRecord> all = new ArrayList<>();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                PackagesIndexParser.parse(in, file.toString(), all::add);
            }
            bookworm = all;
        }
        return bookworm;
    }

    /** Name or provided name → packages carrying it, as a resolver's candidate index would. */
    static Map<String, List<PackageRecord>> byCapability(List<PackageRecord> all) {
        Map<String, List<PackageRecord>> index = new HashMap<>();
        for (PackageRecord p : all) {
            index.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            p.provides().forEach(v -> index.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(p));
        }
        return index;
    }

    static PackageRecord find(List<PackageRecord> all, String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void bookwormVirtualPackages() throws IOException {
        List<PackageRecord> all = bookworm();
        Map<String, List<PackageRecord>> index = byCapability(all);
        PackageRecord mutt = find(all, "mutt");
        Requirement.Atom mta = Requirement.Atom.of("mail-transport-agent");
        List<String> mtas = index.get("mail-transport-agent").stream()
                .filter(p -> RULES.satisfies(p, mta, mutt)).map(PackageRecord::name).toList();
        assertThat(mtas).contains("exim4-daemon-light", "postfix").doesNotContain("mutt");

        // postfix: Provides: mail-transport-agent, Conflicts: mail-transport-agent — not against itself.
        PackageRecord postfix = find(all, "postfix");
        PackageRecord exim = find(all, "exim4-daemon-light");
        Requirement.Atom conflict = atomOf(postfix, RelationKind.CONFLICTS, "mail-transport-agent");
        assertThat(RULES.forbids(postfix, RelationKind.CONFLICTS, conflict, postfix)).isFalse();
        assertThat(RULES.forbids(postfix, RelationKind.CONFLICTS, conflict, exim)).isTrue();

        // A versioned dependency on a virtual package is not satisfied by an unversioned provide.
        assertThat(exim.provides()).anyMatch(p -> p.name().equals("mail-transport-agent") && p.version() == null);
        assertThat(RULES.satisfies(exim, atom("mail-transport-agent (>= 1)"), mutt)).isFalse();
    }

    @Test
    void bookwormPythonAny() throws IOException {
        List<PackageRecord> all = bookworm();
        PackageRecord python3 = find(all, "python3");
        assertThat(python3.multiArch()).isEqualTo(MultiArch.ALLOWED);
        List<PackageRecord> dependents = all.stream().filter(p -> p.relations().stream()
                .anyMatch(r -> r.kind().isHardRequirement() && r.requirement() instanceof Requirement.Atom a
                        && a.name().equals("python3") && "any".equals(a.archQualifier()))).toList();
        assertThat(dependents).hasSizeGreaterThan(1000);
        for (PackageRecord d : dependents) {
            for (Relation r : d.relations()) {
                if (r.requirement() instanceof Requirement.Atom a && a.name().equals("python3")
                        && "any".equals(a.archQualifier())) {
                    assertThat(RULES.satisfies(python3, a, d)).as(d.id() + ": " + r.text()).isTrue();
                }
            }
        }
        // The same python3 does not satisfy python3:any once it is not Multi-Arch: allowed.
        PackageRecord notAllowed = PackageRecord.builder(PackageFormat.DEB, "python3", python3.version(), "amd64")
                .build();
        assertThat(RULES.satisfies(notAllowed, atom("python3:any"), dependents.get(0))).isFalse();
    }

    /**
     * Every Depends/Pre-Depends atom (alternatives counted one by one) of bookworm main/amd64 against the archive
     * itself: 285,837 of 287,172 atoms have a satisfier; the others are alternatives ({@code a | b}) naming packages
     * outside main/amd64, except in six relations that bookworm main/amd64 cannot satisfy at all: FreeBSD-only
     * tools and add-ons for a Thunderbird older than bookworm's.
     */
    @Test
    void bookwormDependsAtoms() throws IOException {
        List<PackageRecord> all = bookworm();
        Map<String, List<PackageRecord>> index = byCapability(all);
        int atoms = 0;
        int satisfied = 0;
        int relations = 0;
        int relationsSatisfied = 0;
        List<String> unsatisfiedRelations = new ArrayList<>();
        for (PackageRecord p : all) {
            for (Relation r : p.relations()) {
                if (!r.kind().isHardRequirement()) {
                    continue;
                }
                List<Requirement> alternatives = r.requirement() instanceof Requirement.AnyOf any
                        ? any.alternatives() : List.of(r.requirement());
                boolean any = false;
                for (Requirement alt : alternatives) {
                    Requirement.Atom a = (Requirement.Atom) alt;
                    atoms++;
                    boolean ok = index.getOrDefault(a.name(), List.of()).stream()
                            .anyMatch(c -> RULES.satisfies(c, a, p));
                    if (ok) {
                        satisfied++;
                        any = true;
                    }
                }
                relations++;
                if (any) {
                    relationsSatisfied++;
                } else {
                    unsatisfiedRelations.add(p.id() + ": " + r.text());
                }
            }
        }
        assertThat(atoms).isEqualTo(287_172);
        assertThat(satisfied).isEqualTo(285_837);
        assertThat(relations).isEqualTo(279_232);
        assertThat(relationsSatisfied).isEqualTo(279_226);
        assertThat(unsatisfiedRelations).containsExactlyInAnyOrder(
                "console-setup-freebsd 1.221 all: vidcontrol",
                "console-setup-freebsd 1.221 all: kbdcontrol",
                "webext-eas4tbsync 4.11-1~deb12u1 all: thunderbird (<= 1:128.x)",
                "webext-mailmindr 1.7.1-1~deb12u1 all: thunderbird (<= 1:129.x)",
                "webext-quicktext 5.16-1~deb12u1 all: thunderbird (<= 1:128.x)",
                "webext-tbsync 4.12-1~deb12u1 all: thunderbird (<= 1:128.x)");
    }

    /** The first atom on {@code name} in a relation of {@code kind} (alone or among alternatives), or null. */
    static Requirement.Atom atomOf(PackageRecord p, RelationKind kind, String name) {
        for (Relation r : p.relations(kind)) {
            List<Requirement> alts = r.requirement() instanceof Requirement.AnyOf any
                    ? any.alternatives() : List.of(r.requirement());
            for (Requirement alt : alts) {
                if (alt instanceof Requirement.Atom a && a.name().equals(name)) {
                    return a;
                }
            }
        }
        return null;
    }
}

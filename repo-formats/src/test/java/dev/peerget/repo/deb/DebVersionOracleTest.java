package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.repo.ToolOracle;
import dev.peerget.repo.VersionPairs;
import dev.peerget.repo.VersionPairs.Pair;
import dev.peerget.testing.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DebVersionScheme} against the real {@code dpkg --compare-versions}, asked in both directions, on
 * versions from the bookworm archive, apt's own test fixtures and a hand-written list of edge cases.
 */
class DebVersionOracleTest {
    private static final DebVersionScheme SCHEME = DebVersionScheme.INSTANCE;

    /** Edge cases of Debian Policy §5.6.12 and dpkg's verrevcmp; "" is dpkg's blank version. */
    static final List<String> TRICKY = List.of(
            "", "0", "00", "0.0", "0~", "1", "001", "1.0", "1.00", "1.000001", "1.01", "1.1", "1.0~rc1",
            "1.0~rc1-1", "1.0~", "1.0~~", "1.0~~a", "1.0~a", "~", "~~", "~~a", "~a", "1.0a", "1.0aa", "1.0A",
            "1.0a~", "1.0+", "1.0+dfsg", "1.0+dfsg-1", "1.0.", "1.0-0", "1.0-00", "1.0-0.1", "1.0-1", "1.0-1~bpo1",
            "1.0-1+b1", "1.0-1.1", "1.0-1ubuntu1", "1.0-9", "1.0-10", "1.0-a", "1.0-~", "1.0.1~rc1", "0:1.0",
            "1:0", "1:1.0", "01:1.0", "2", "2:0", "10", "9", "1.2.3-4", "1.2.3-4-5", "1:2:3", "2.30-12",
            "2.30-12+deb12u1", "1:2.30", "a", "A", "Z", "z", "1.0_1", "1.0-a_b", "1.0+~", "1.0++", "1.0.~");

    @Test
    void compareHasTheSignOfDpkgForThousandsOfRealAndTrickyPairs(@TempDir Path tmp) throws Exception {
        Corpus.requireCommand("dpkg");
        List<String> versions = corpusVersions();
        assertThat(versions).hasSizeGreaterThan(20_000);
        List<Pair> pairs = new ArrayList<>(VersionPairs.sample(versions, SCHEME, 1_500, 800, 700, 20240611L));
        pairs.addAll(VersionPairs.allPairs(TRICKY));

        List<String> script = new ArrayList<>();
        for (Pair p : pairs) {
            // Exit status 0 = true, 1 = false, 2 = dpkg refused a version.
            script.add(dpkgLt(p.a(), p.b()));
            script.add(dpkgLt(p.b(), p.a()));
        }
        List<String> out = ToolOracle.run(tmp, script, 2, f -> List.of("sh", f.toString()));
        assertThat(out).hasSize(2 * pairs.size());

        List<String> mismatches = new ArrayList<>();
        int less = 0;
        int equal = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            String ab = out.get(2 * i);
            String ba = out.get(2 * i + 1);
            if (!ab.matches("[01]") || !ba.matches("[01]") || (ab.equals("0") && ba.equals("0"))) {
                mismatches.add(p + ": dpkg answered lt=" + ab + ", gt=" + ba);
                continue;
            }
            int expected = ab.equals("0") ? -1 : ba.equals("0") ? 1 : 0;
            int actual = Integer.signum(SCHEME.compare(p.a(), p.b()));
            int reverse = Integer.signum(SCHEME.compare(p.b(), p.a()));
            if (actual != expected || reverse != -expected) {
                mismatches.add(p + ": dpkg " + expected + ", peerget " + actual + " / reversed " + reverse);
            }
            less += expected != 0 ? 1 : 0;
            equal += expected == 0 ? 1 : 0;
        }
        assertThat(mismatches).as("pairs where peerget and dpkg disagree (of %d)", pairs.size()).isEmpty();
        assertThat(pairs).hasSizeGreaterThan(5_000);
        assertThat(equal).as("pairs dpkg calls equal").isPositive();
        assertThat(less).as("pairs dpkg orders").isGreaterThan(4_000);
    }

    @Test
    void isValidMatchesDpkgAcceptingWithoutErrorOrWarning(@TempDir Path tmp) throws Exception {
        Corpus.requireCommand("dpkg");
        List<String> candidates = new ArrayList<>(TRICKY.subList(1, TRICKY.size()));
        candidates.addAll(List.of("1:", ":1", "x:1", "1.0-", "99999999999:1", "2147483647:1", "2147483648:1",
                "1.0 1", "1.0-1-2", "-1", "1.0-1:2", "1.0-b~+.", "1.0-1!", "1,0", "1.0@", "+1.0", "1.0%"));
        List<String> sample = corpusVersions();
        for (int i = 0; i < sample.size(); i += 100) {
            candidates.add(sample.get(i));
        }
        List<String> script = new ArrayList<>();
        for (String v : candidates) {
            String q = ToolOracle.shellQuote(v);
            // "0" alone: accepted silently; "w" appended when dpkg printed a warning or error.
            script.add("o=$(dpkg --compare-versions " + q + " eq " + q + " 2>&1); echo \"$?${o:+w}\"");
        }
        List<String> out = ToolOracle.run(tmp, script, 2, f -> List.of("sh", f.toString()));
        assertThat(out).hasSize(candidates.size());

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            boolean dpkgAccepts = out.get(i).equals("0");
            if (DebVersionScheme.isValid(candidates.get(i)) != dpkgAccepts) {
                mismatches.add("'" + candidates.get(i) + "': dpkg said " + out.get(i));
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(out).contains("0", "0w", "2w");
    }

    private static List<String> corpusVersions;

    /** Every Version: of bookworm main/amd64 and of apt's Packages-/status- test fixtures, read once. */
    static synchronized List<String> corpusVersions() throws IOException {
        if (corpusVersions == null) {
            corpusVersions = readCorpusVersions();
        }
        return corpusVersions;
    }

    private static List<String> readCorpusVersions() throws IOException {
        List<String> versions = new ArrayList<>();
        Path packages = Corpus.path("apt/debian-bookworm-fetched/main/binary-amd64/Packages.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(packages))) {
            readVersions(in, versions);
        }
        try (Stream<Path> files = Files.list(Corpus.path("apt/apt-upstream-tests"))) {
            for (Path f : files.filter(DebVersionOracleTest::isIndexFixture).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    readVersions(in, versions);
                }
            }
        }
        return VersionPairs.distinct(versions);
    }

    private static boolean isIndexFixture(Path f) {
        String name = f.getFileName().toString();
        return Files.isRegularFile(f) && (name.startsWith("Packages-") || name.startsWith("status-"));
    }

    private static void readVersions(InputStream in, List<String> into) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("Version:")) {
                into.add(line.substring("Version:".length()).trim());
            }
        }
    }

    private static String dpkgLt(String a, String b) {
        return "dpkg --compare-versions " + ToolOracle.shellQuote(a) + " lt " + ToolOracle.shellQuote(b)
                + "; echo $?";
    }
}

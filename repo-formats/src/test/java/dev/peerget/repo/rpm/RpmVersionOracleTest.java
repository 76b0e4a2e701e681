package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.repo.ToolOracle;
import dev.peerget.repo.VersionPairs;
import dev.peerget.repo.VersionPairs.Pair;
import dev.peerget.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RpmVersionScheme#compare} against rpm 4.18 itself: its embedded Lua's {@code rpm.vercmp(a, b)}, which
 * parses both strings as {@code [epoch:]version[-release]} ({@code rpmverParse}) and orders them with
 * {@code rpmverCmp}, the full EVR order. Asked in both directions, for versions of CentOS Stream 9 and
 * hand-written edge cases.
 */
class RpmVersionOracleTest {
    private static final RpmVersionScheme SCHEME = RpmVersionScheme.INSTANCE;

    /** Edge cases of rpmvercmp (tilde, caret, separators, leading zeros, letters vs digits) and of EVR parsing. */
    static final List<String> TRICKY = List.of(
            "1", "001", "01", "1.0", "1.00", "1.0.0", "1.01", "1.1", "10", "9", "1.0^git1", "1.0^", "1.0^^",
            "1.0^git1~rc", "1.0~rc1", "1.0~rc1^git1", "1.0~", "1.0~~", "1.0~^", "1.0^~", "~", "^", "1.0a", "1.0a1",
            "1.0.a", "1.0A", "1.0b", "a", "A", "1..0", "1.0.", "1_0", "1.0+1", "1.0-1", "1.0-01", "1.0-1.el9",
            "1.0-1.el9_1", "1.0-1.el9.1", "1.0-1.el10", "1.0-1~rc", "1.0-1^x", "1.0-", "1.0-~", "1.0-^",
            "1.2.3-4-5", "0:1.0", "00:1.0", "01:1.0", "1:1.0", "1:0.1", "2:0.1", ":1.0", "1:1.0-1", "10:1",
            "9:1", "1.0-1.fc39", "1.0-1.fc9", "fc39", "el9");

    @Test
    void compareHasTheSignOfRpmVercmpForThousandsOfRealAndTrickyPairs(@TempDir Path tmp) throws Exception {
        Corpus.requireCommand("rpm");
        List<String> versions = corpusVersions();
        assertThat(versions).hasSizeGreaterThan(4_000);
        List<Pair> pairs = new ArrayList<>(VersionPairs.sample(versions, SCHEME, 2_000, 1_500, 1_500, 20240611L));
        pairs.addAll(VersionPairs.allPairs(TRICKY));

        List<String> lua = new ArrayList<>();
        lua.add("local t = {}");
        lua.add("local function c(a, b) local ok, r = pcall(rpm.vercmp, a, b); return ok and tostring(r) or 'E' end");
        for (Pair p : pairs) {
            String a = luaString(p.a());
            String b = luaString(p.b());
            lua.add("t[#t+1] = c(" + a + ", " + b + ") .. ' ' .. c(" + b + ", " + a + ")");
        }
        lua.add("print(table.concat(t, '\\n'))");
        List<String> out = ToolOracle.run(tmp, lua, 1,
                f -> List.of("rpm", "--eval", "%{lua: dofile(\"" + f + "\")}"));
        assertThat(out).hasSize(pairs.size());

        List<String> mismatches = new ArrayList<>();
        int ordered = 0;
        int equal = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            String[] answer = out.get(i).split(" ");
            if (answer.length != 2 || answer[0].equals("E") || answer[1].equals("E")
                    || Integer.parseInt(answer[0]) != -Integer.parseInt(answer[1])) {
                mismatches.add(p + ": rpm answered '" + out.get(i) + "'");
                continue;
            }
            int expected = Integer.signum(Integer.parseInt(answer[0]));
            int actual = Integer.signum(SCHEME.compare(p.a(), p.b()));
            int reverse = Integer.signum(SCHEME.compare(p.b(), p.a()));
            if (actual != expected || reverse != -expected) {
                mismatches.add(p + ": rpm " + expected + ", peerget " + actual + " / reversed " + reverse);
            }
            ordered += expected != 0 ? 1 : 0;
            equal += expected == 0 ? 1 : 0;
        }
        assertThat(mismatches).as("pairs where peerget and rpm disagree (of %d)", pairs.size()).isEmpty();
        assertThat(pairs).hasSizeGreaterThan(5_000);
        assertThat(equal).as("pairs rpm calls equal").isPositive();
        assertThat(ordered).as("pairs rpm orders").isGreaterThan(4_000);
    }

    private static final Pattern VERSION = Pattern.compile(
            "<(?:version|rpm:entry [^>]*?)\\s*epoch=\"(\\d*)\" ver=\"([^\"]*)\"(?: rel=\"([^\"]*)\")?");

    private static List<String> corpusVersions;

    /**
     * Package EVRs and dependency EVRs (many without release) of the CentOS Stream 9 AppStream and BaseOS
     * primary.xml, read with a plain regex: this test checks versions, not the metadata parser.
     */
    static synchronized List<String> corpusVersions() throws IOException {
        if (corpusVersions != null) {
            return corpusVersions;
        }
        List<String> versions = new ArrayList<>();
        for (String repo : List.of("appstream-and-custom/appstream", "baseos")) {
            try (Stream<Path> files = Files.list(Corpus.path("yum/osbuild-cs9/" + repo + "/repodata"))) {
                for (Path f : files.filter(p -> p.toString().endsWith("primary.xml.gz")).toList()) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        Matcher m = VERSION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        while (m.find()) {
                            versions.add(RpmVersionScheme.evr(m.group(1), m.group(2), m.group(3)));
                        }
                    }
                }
            }
        }
        corpusVersions = VersionPairs.distinct(versions);
        return corpusVersions;
    }

    /** A Lua string literal; versions hold no control characters, so escaping quote and backslash suffices. */
    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

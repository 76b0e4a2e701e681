package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.peerget.model.PackageRecord;
import dev.peerget.model.RelationKind;
import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every file of createrepo_c's {@code tests/testdata/modified_repo_files} through peerget's parsers, checked against
 * what createrepo_c's own tests expect of it (tests/test_xml_parser_filelists.c, test_xml_parser_main_metadata_together.c,
 * python/tests/test_xml_parser.py): files that createrepo_c parses with warnings are accepted, the ones it rejects
 * ({@code error_00-*}, {@code no_pkgid-*}) fail with the file and line. Expected names, pkgids and file lists are not
 * written down here: an independent DOM reading of the same file is the oracle. Broken XML is derived from the same
 * files (truncated, an entity unescaped) and must fail with a {@link MetadataException} naming the file and line.
 */
class CreaterepoModifiedFilesTest {
    private static final String DIR = "yum/createrepo_c/tests/testdata/modified_repo_files/";

    static Stream<String> primaries() throws IOException {
        return modified("primary.xml").filter(f -> !f.startsWith("error_00"));
    }

    static Stream<String> filelists() throws IOException {
        return modified("filelists.xml").filter(f -> !f.startsWith("error_00") && !f.startsWith("no_pkgid"));
    }

    /** The corpus files whose name ends with {@code suffix}, so a file added upstream is not silently left out. */
    private static Stream<String> modified(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Corpus.path(DIR))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix) || n.equals("long_primary.xml") && suffix.equals("primary.xml"))
                    .sorted().toList();
            assertThat(names).as("corpus files *" + suffix).isNotEmpty();
            return names.stream();
        }
    }

    // ---- primary.xml ------------------------------------------------------------------------------------------

    /** Direct {@code <package>} children of {@code <metadata>} (type rpm or none) are the packages; nothing else. */
    @ParameterizedTest
    @MethodSource("primaries")
    void tolerablePrimaryGivesExactlyThePackagesOfTheDocument(String file) throws Exception {
        List<Element> expected = children(dom(file).getDocumentElement(), "package").stream()
                .filter(p -> !p.hasAttribute("type") || p.getAttribute("type").equals("rpm")).toList();
        List<PackageRecord> got = parsePrimary(file, bytes(file));

        assertThat(got).extracting(PackageRecord::name)
                .containsExactlyElementsOf(expected.stream().map(p -> text(p, "name")).toList());
        for (int i = 0; i < got.size(); i++) {
            PackageRecord pkg = got.get(i);
            Element e = expected.get(i);
            Element checksum = child(e, "checksum");
            assertThat(pkg.strongestChecksum().hex()).as(pkg.name()).isEqualTo(checksum.getTextContent().trim());
            assertThat(pkg.id().arch()).isEqualTo(text(e, "arch"));
            assertThat(pkg.location()).isEqualTo(child(e, "location").getAttribute("href"));
            Element format = child(e, "format");
            // Every <file> of <format>, whatever its (possibly unknown) type attribute.
            assertThat(pkg.files()).as(pkg.name() + " files")
                    .containsExactlyElementsOf(children(format, "file").stream().map(f -> f.getTextContent().trim()).toList());
            int requires = entries(format, "requires");
            assertThat(pkg.relations(RelationKind.DEPENDS).size() + pkg.relations(RelationKind.PRE_DEPENDS).size())
                    .as(pkg.name() + " requires").isEqualTo(requires);
            assertThat(pkg.relations(RelationKind.CONFLICTS)).hasSize(entries(format, "conflicts"));
            assertThat(pkg.relations(RelationKind.OBSOLETES)).hasSize(entries(format, "obsoletes"));
        }
    }

    /** long_primary.xml: one package with a requires list of about a thousand entries, all kept in order. */
    @Test
    void longPrimaryKeepsEveryRequirement() throws Exception {
        String file = "long_primary.xml";
        Map<String, Integer> requiresByName = new LinkedHashMap<>();
        for (Element p : children(dom(file).getDocumentElement(), "package")) {
            requiresByName.put(text(p, "name"), entries(child(p, "format"), "requires"));
        }
        int longest = requiresByName.values().stream().max(Integer::compare).orElseThrow();
        assertThat(longest).as("the file is what its name says").isGreaterThan(500);

        Map<String, Integer> got = parsePrimary(file, bytes(file)).stream().collect(Collectors.toMap(PackageRecord::name,
                p -> p.relations(RelationKind.DEPENDS).size() + p.relations(RelationKind.PRE_DEPENDS).size(),
                (a, b) -> a, LinkedHashMap::new));
        assertThat(got).containsExactlyEntriesOf(requiresByName);
    }

    /** createrepo_c's error_00-primary.xml: a package without its pkgid checksum is an error, named by line. */
    @Test
    void primaryWithoutPkgidChecksumFailsAtThatPackage() throws Exception {
        String file = "error_00-primary.xml";
        long line = lineOf(file, "<package", 1);
        assertThatThrownBy(() -> parsePrimary(file, bytes(file))).isInstanceOf(MetadataException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining("fake_bash").hasMessageContaining("checksum");
    }

    // ---- filelists.xml ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("filelists")
    void tolerableFilelistsGiveExactlyThePackagesOfTheDocument(String file) throws Exception {
        List<Element> expected = children(dom(file).getDocumentElement(), "package");
        List<PackageFiles> got = parseFilelists(file, bytes(file));

        assertThat(got).extracting(PackageFiles::pkgid)
                .containsExactlyElementsOf(expected.stream().map(p -> p.getAttribute("pkgid")).toList());
        for (int i = 0; i < got.size(); i++) {
            Element e = expected.get(i);
            assertThat(got.get(i).id().name()).isEqualTo(e.getAttribute("name"));
            assertThat(got.get(i).id().arch()).isEqualTo(e.getAttribute("arch")); // "" where createrepo_c warns
            // Only <file> children of the package: the <package pkgid="foobar"/> inside an unknown <bar> is not one.
            assertThat(got.get(i).files()).as(e.getAttribute("name"))
                    .containsExactlyElementsOf(children(e, "file").stream().map(f -> f.getTextContent().trim()).toList());
        }
    }

    /** createrepo_c rejects these (CRE_BADXMLFILELISTS): without a pkgid the file list cannot be merged. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"error_00-filelists.xml", "no_pkgid-filelists.xml"})
    void filelistsWithoutPkgidFailAtThatPackage(String file) throws Exception {
        String text = new String(bytes(file), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        int line = 0;
        for (int i = 0; i < lines.size() && line == 0; i++) {
            if (lines.get(i).contains("<package ") && !lines.get(i).contains("pkgid=")) {
                line = i + 1;
            }
        }
        assertThat(line).as("the corpus file has a package without pkgid").isPositive();
        String name = lines.get(line - 1).replaceAll(".*name=\"([^\"]+)\".*", "$1");
        assertThatThrownBy(() -> parseFilelists(file, bytes(file))).isInstanceOf(MetadataException.class)
                .hasMessage(file + ":" + line + ": package " + name + " has no pkgid attribute");
    }

    /**
     * repo_02_different_order_filelists.xml lists repo_02's packages in the other order than its primary.xml.
     * createrepo_c's "parse together" refuses that unless allowed; peerget merges by pkgid, so the order must not
     * matter: every primary package of repo_02 gets exactly the files this filelists gives its pkgid.
     */
    @Test
    void filelistsInAnotherOrderStillMatchThePrimaryByPkgid() throws Exception {
        List<PackageRecord> primary = RepoData.primary("yum/createrepo_c/tests/testdata/repo_02");
        List<PackageFiles> files = parseFilelists("repo_02_different_order_filelists.xml",
                bytes("repo_02_different_order_filelists.xml"));
        assertThat(files).extracting(f -> f.id().name())
                .as("really another order").isNotEqualTo(primary.stream().map(PackageRecord::name).toList());

        Map<String, PackageFiles> byPkgid = files.stream().collect(Collectors.toMap(PackageFiles::pkgid, f -> f));
        assertThat(primary).hasSameSizeAs(files).allSatisfy(p -> {
            PackageFiles f = byPkgid.get(p.strongestChecksum().hex());
            assertThat(f).as("filelists entry for " + p.name()).isNotNull();
            assertThat(f.id()).isEqualTo(p.id());
            // primary.xml lists a subset of the files (createrepo_c's primary file filter).
            assertThat(f.files()).containsAll(p.files());
        });
    }

    // ---- broken XML derived from the corpus files -------------------------------------------------------------

    /**
     * An unescaped ampersand is not XML. repo_01_ampersand-primary.xml escapes every one; undoing the escape
     * of the first must give a malformed-XML error at that line, not a package with half a summary.
     */
    @Test
    void unescapedAmpersandIsMalformedXmlAtItsLine() throws Exception {
        for (String file : List.of("repo_01_ampersand-primary.xml", "repo_01_ampersand-filelists.xml")) {
            String text = new String(bytes(file), StandardCharsets.UTF_8);
            int at = text.indexOf("&amp;");
            assertThat(at).as(file + " has an escaped ampersand").isPositive();
            long line = text.substring(0, at).lines().count();
            byte[] broken = (text.substring(0, at) + "& " + text.substring(at + "&amp;".length()))
                    .getBytes(StandardCharsets.UTF_8);
            Throwable thrown = catchThrowable(() -> parseAny(file, broken));
            assertThat(thrown).as(file).isInstanceOf(MetadataException.class)
                    .hasMessageStartingWith(file + ":" + line + ":").hasMessageContaining("malformed XML");
        }
    }

    /**
     * A download cut short anywhere must be an error naming the file and a line, never a silently shorter package
     * list nor an unrelated exception. Cut points: the end of every line of each file (and the middle of it).
     */
    @ParameterizedTest
    @MethodSource("truncatable")
    void truncatedFileIsAnErrorNamingFileAndLine(String file) throws Exception {
        byte[] whole = bytes(file);
        int lastElementEnd = new String(whole, StandardCharsets.UTF_8).stripTrailing().length();
        int cuts = 0;
        for (int end = 0; end < lastElementEnd - 1; end++) {
            boolean lineEnd = whole[end] == '\n';
            if (!lineEnd && end != whole.length / 2) {
                continue;
            }
            byte[] cut = java.util.Arrays.copyOf(whole, end);
            Throwable thrown = catchThrowable(() -> parseAny(file, cut));
            assertThat(thrown).as(file + " cut at byte " + end).isInstanceOf(MetadataException.class);
            assertThat(thrown.getMessage()).as(file + " cut at byte " + end).matches(
                    java.util.regex.Pattern.quote(file) + ":\\d+(:\\d+)?: .+");
            cuts++;
        }
        assertThat(cuts).isGreaterThan(5);
    }

    static Stream<String> truncatable() {
        return Stream.of("long_primary.xml", "multiple_warnings_00-primary.xml", "unknown_element_01-primary.xml",
                "repo_02_different_order_filelists.xml", "multiple_warnings_00-filelists.xml", "missing_type-repomd.xml");
    }

    /** Bytes that are not XML at all (a gzip file handed over undecompressed) fail the same way. */
    @Test
    void compressedBytesGivenAsXmlAreAnError() throws Exception {
        Path gz = RepoData.file("yum/createrepo_c/tests/testdata/repo_02", "primary");
        byte[] raw = Files.readAllBytes(gz);
        assertThat(gz.getFileName().toString()).endsWith(".gz");
        for (String name : List.of("x-primary.xml", "x-filelists.xml", "x-repomd.xml")) {
            assertThatThrownBy(() -> parseAny(name, raw)).isInstanceOf(MetadataException.class)
                    .hasMessageStartingWith(name + ":");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static byte[] bytes(String file) throws IOException {
        return Files.readAllBytes(Corpus.path(DIR + file));
    }

    private static List<PackageRecord> parsePrimary(String name, byte[] data) {
        List<PackageRecord> out = new ArrayList<>();
        PrimaryParser.parse(new ByteArrayInputStream(data), name, out::add);
        return out;
    }

    private static List<PackageFiles> parseFilelists(String name, byte[] data) {
        List<PackageFiles> out = new ArrayList<>();
        FilelistsParser.parse(new ByteArrayInputStream(data), name, out::add);
        return out;
    }

    /** Parses with the parser the file name calls for. */
    private static void parseAny(String name, byte[] data) {
        InputStream in = new ByteArrayInputStream(data);
        if (name.contains("repomd")) {
            RepomdParser.parse(in, name);
        } else if (name.contains("filelists")) {
            FilelistsParser.parse(in, name, ignored());
        } else {
            PrimaryParser.parse(in, name, ignored());
        }
    }

    private static <T> Consumer<T> ignored() {
        return x -> { };
    }

    private static long lineOf(String file, String needle, int occurrence) throws IOException {
        List<String> lines = new String(bytes(file), StandardCharsets.UTF_8).lines().toList();
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle) && ++seen == occurrence) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + file);
    }

    private static Document dom(String file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(Corpus.path(DIR + file))) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        assertThat(c).as("<" + localName + "> in <" + parent.getLocalName() + ">").hasSize(1);
        return c.get(0);
    }

    private static String text(Element parent, String localName) {
        return child(parent, localName).getTextContent().trim();
    }

    /** The {@code <rpm:entry>} count of {@code <rpm:KIND>} in a {@code <format>}, 0 when absent. */
    private static int entries(Element format, String kind) {
        return children(format, kind).stream().mapToInt(k -> children(k, "entry").size()).sum();
    }
}

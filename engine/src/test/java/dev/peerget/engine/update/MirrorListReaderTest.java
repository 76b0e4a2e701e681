package dev.peerget.engine.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.fetch.FetchException;
import dev.peerget.fetch.http.HttpDownloader;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.rpm.YumRepoConfig;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.StaticHttpServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@link MirrorListReader} on librepo's own mirrorlist and metalink test files ({@code tests/test_data/mirrorlists},
 * {@code tests/test_data/metalinks}, served in place from the corpus by a loopback server). What librepo makes of
 * each file is in its tests/test_mirrorlist.c and tests/test_metalink.c: {@code metalink_good_*} parse,
 * {@code metalink_bad_*} parse with warnings, {@code metalink_really_bad_*} are errors. The expected URLs are read
 * from the same file by an independent oracle (lines for mirrorlists, a DOM walk for metalinks), not written here.
 */
class MirrorListReaderTest {
    private static final String TEST_DATA = "yum/librepo/tests/test_data/";
    private static final String REPOMD = "repodata/repomd.xml";

    private static StaticHttpServer server;
    private static HttpDownloader downloader;

    @TempDir
    Path work;

    @BeforeAll
    static void serveCorpus() throws Exception {
        server = StaticHttpServer.serve(Corpus.path(TEST_DATA));
        downloader = new HttpDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        downloader.close();
    }

    // ---- mirrorlist --------------------------------------------------------------------------------------------

    /** librepo: mirrorlist_01 gives two URLs (leading tabs and spaces stripped), _02 (all commented) and _03 none. */
    @ParameterizedTest
    @ValueSource(strings = {"mirrorlists/mirrorlist_01", "mirrorlists/mirrorlist_02", "mirrorlists/mirrorlist_03",
        "mirrorlist", "repo_yum_02/mirrorlist"})
    void mirrorlistGivesItsUncommentedLinesInOrder(String file) throws Exception {
        List<URI> expected = Files.readAllLines(Corpus.path(TEST_DATA + file)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(URI::create).toList();
        assertThat(read(mirrorlist(file))).isEqualTo(expected);
    }

    @Test
    void mirrorlist01IsWhatLibreposTestSays() throws Exception {
        assertThat(read(mirrorlist("mirrorlists/mirrorlist_01"))).extracting(URI::toString)
                .containsExactly("http://foo.bar/fedora/linux/", "ftp://ftp.bar.foo/Fedora/17/");
    }

    /** An unreachable list is a fetch failure (so skip_if_unavailable applies) naming the URL and the status. */
    @Test
    void missingMirrorlistIsAFetchErrorNamingTheUrl() {
        YumRepoConfig repo = mirrorlist("mirrorlists/no-such-file");
        assertThatThrownBy(() -> read(repo)).isInstanceOf(FetchException.class)
                .hasMessageContaining(repo.mirrorlist()).hasMessageContaining("404");
    }

    /**
     * librepo's servermock lists are templates with {@code {PORT_PLACEHOLDER}}: served as they are, the line is not a
     * URL. That must be an error naming the repository and the offending text, not a crash.
     */
    @Test
    void templateMirrorlistIsAnErrorNamingTheBadLine(@TempDir Path docRoot) throws Exception {
        Path list = Corpus.path("yum/librepo/tests/python/tests/servermock/yum_mock/static/mirrorlist/good_01");
        String line = Files.readAllLines(list).get(0).strip();
        try (StaticHttpServer mock = StaticHttpServer.serve(list.getParent())) {
            YumRepoConfig repo = config(null, mock.baseUri().resolve("good_01").toString(), null);
            assertThatThrownBy(() -> new MirrorListReader(downloader).baseUris(repo, work))
                    .isInstanceOf(MetadataException.class)
                    .hasMessageContaining("'corpus'").hasMessageContaining(line);
        }
    }

    // ---- metalink ----------------------------------------------------------------------------------------------

    /** Good and merely bad metalinks (librepo parses both): the http(s) URLs of the repomd.xml entry, suffix cut. */
    @ParameterizedTest
    @ValueSource(strings = {"metalinks/metalink_good_01", "metalinks/metalink_bad_01", "metalink.xml",
        "repo_yum_01/metalink.xml"})
    void metalinkGivesTheRepomdMirrors(String file) throws Exception {
        List<URI> expected = repomdMirrors(file);
        assertThat(expected).as("oracle finds mirrors in " + file).isNotEmpty();
        assertThat(read(metalink(file))).isEqualTo(expected);
    }

    /** metalink_good_01 holds 106 URLs for repomd.xml (librepo's count); peerget keeps the http ones in order. */
    @Test
    void metalinkGood01KeepsHttpMirrorsInOrder() throws Exception {
        List<URI> got = read(metalink("metalinks/metalink_good_01"));
        assertThat(got).first().hasToString("http://mirror.pnl.gov/fedora/linux/releases/17/Everything/x86_64/os/");
        assertThat(got).allSatisfy(u -> assertThat(u.getScheme()).isEqualTo("http"))
                .allSatisfy(u -> assertThat(u.toString()).endsWith("/os/").doesNotContain("repodata"));
        assertThat(got).hasSizeLessThan(106).hasSizeGreaterThan(30);
    }

    /**
     * metalink_good_02 lists three files; only the {@code repomd.xml} entry's URLs are mirrors of the repository.
     * metalink_bad_02 has its URLs outside {@code <resources>}, which librepo skips.
     */
    @ParameterizedTest
    @ValueSource(strings = {"metalinks/metalink_good_02", "metalinks/metalink_bad_02", "metalinks/metalink_good_03"})
    void metalinkMirrorsComeOnlyFromTheRepomdEntry(String file) throws Exception {
        assertThat(read(metalink(file))).isEqualTo(repomdMirrors(file));
    }

    /** librepo: metalink_really_bad_01 (no repomd.xml entry) and _03 (no files) are errors. */
    @ParameterizedTest
    @ValueSource(strings = {"metalinks/metalink_really_bad_01", "metalinks/metalink_really_bad_03"})
    void metalinkWithoutRepomdEntryIsAnError(String file) {
        assertThatThrownBy(() -> read(metalink(file))).isInstanceOf(MetadataException.class)
                .hasMessageContaining("repomd.xml").hasMessageContaining(file);
    }

    /** metalink_really_bad_02 is cut off in the middle: malformed XML, named with the URL and the line. */
    @Test
    void truncatedMetalinkIsAnErrorNamingUrlAndLine() throws Exception {
        String file = "metalinks/metalink_really_bad_02";
        long lines = Files.readAllLines(Corpus.path(TEST_DATA + file)).size();
        YumRepoConfig repo = metalink(file);
        assertThatThrownBy(() -> read(repo)).isInstanceOf(MetadataException.class)
                .hasMessageContaining(repo.metalink())
                .hasMessageMatching("(?s).*\\b(" + lines + "|" + (lines + 1) + ")\\b.*");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private List<URI> read(YumRepoConfig repo) {
        return new MirrorListReader(downloader).baseUris(repo, work);
    }

    private static YumRepoConfig mirrorlist(String file) {
        return config(null, server.baseUri().resolve(file).toString(), null);
    }

    private static YumRepoConfig metalink(String file) {
        return config(null, null, server.baseUri().resolve(file).toString());
    }

    static YumRepoConfig config(String baseurl, String mirrorlist, String metalink) {
        return new YumRepoConfig("corpus", "corpus", baseurl == null ? List.of() : List.of(baseurl), mirrorlist, metalink,
                true, false, false, List.of(), YumRepoConfig.DEFAULT_METADATA_EXPIRE, 99, 1000, false,
                "/etc/yum.repos.d/corpus.repo", 1, Map.of());
    }

    /**
     * The oracle: {@code metalink/files/file[@name='repomd.xml']/resources/url} texts with an http(s) scheme (the
     * transports peerget has), without their {@code repodata/repomd.xml} suffix, in document order.
     */
    static List<URI> repomdMirrors(String file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root;
        try (InputStream in = Files.newInputStream(Corpus.path(TEST_DATA + file))) {
            root = f.newDocumentBuilder().parse(in).getDocumentElement();
        }
        List<URI> out = new ArrayList<>();
        for (Element files : children(root, "files")) {
            for (Element entry : children(files, "file")) {
                if (!entry.getAttribute("name").equals("repomd.xml")) {
                    continue;
                }
                for (Element resources : children(entry, "resources")) {
                    for (Element url : children(resources, "url")) {
                        String u = url.getTextContent().strip();
                        if (u.startsWith("http://") || u.startsWith("https://")) {
                            out.add(URI.create(u.endsWith(REPOMD) ? u.substring(0, u.length() - REPOMD.length()) : u));
                        }
                    }
                }
            }
        }
        return out;
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
}

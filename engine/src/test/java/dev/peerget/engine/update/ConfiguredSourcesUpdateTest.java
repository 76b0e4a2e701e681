package dev.peerget.engine.update;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.MetadataStore;
import dev.peerget.engine.Peerget;
import dev.peerget.engine.TestGpg;
import dev.peerget.engine.TestSystem;
import dev.peerget.repo.VerificationException;
import dev.peerget.testing.Corpus;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * update through configuration features that exist in code but had no end-to-end test: yum {@code mirrorlist=} and
 * {@code metalink=} (librepo's servermock lists, their port placeholder pointed at a loopback copy of the signed
 * fixture repository), {@code gpgkey=http://}, deb822 {@code .sources} with an inline {@code Signed-By} key, two
 * architectures, and a Release whose Date lies in the future.
 *
 * <p>The fixture repositories have 15 Debian packages (amd64 only) and 16 RPMs; the counts are checked against the
 * served indexes themselves, not written down.
 */
class ConfiguredSourcesUpdateTest {
    private static final String SERVERMOCK = "yum/librepo/tests/python/tests/servermock/yum_mock/static/";
    /** What librepo's servermock lists point at, replaced by the fixture repository's URL. */
    private static final String PLACEHOLDER_REPO = "127.0.0.1:{PORT_PLACEHOLDER}/yum/static/01/";

    @TempDir
    Path root;
    @TempDir
    Path mirror;
    private FixtureRepos fixtures;
    private StaticHttpServer server;
    private TestSystem system;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = FixtureRepos.get().copyTo(mirror);
        server = StaticHttpServer.serve(fixtures.root());
        system = new TestSystem(root);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    // ---- yum: mirrorlist, metalink, gpgkey over http ------------------------------------------------------------

    /** servermock's badfirsturl: the first mirror is dead (port 44444), the second serves the repository. */
    @Test
    void mirrorlistWithADeadFirstMirrorUpdatesFromTheNextOne() throws Exception {
        publishServermock("mirrorlist/badfirsturl", null);
        yumRepo("mirrorlist=" + server.baseUri().resolve("lists/mirrorlist/badfirsturl"));
        RecordingListener listener = new RecordingListener();
        RepositoryOutcome outcome = update(listener).outcomes().get(0);
        assertThat(outcome.status()).as(listener.lines.toString()).isEqualTo(RepositoryOutcome.Status.UPDATED);
        assertThat(outcome.packageCount()).isEqualTo(rpmCountInPrimary());
        assertThat(listener.lines).contains("Get fixture repomd.xml", "Get fixture repomd.xml.asc", "Get fixture primary");
        assertThat(server.hits("lists/mirrorlist/badfirsturl")).isEqualTo(1);
        assertThat(storedRpmNames()).hasSize((int) rpmCountInPrimary()).anySatisfy(n -> assertThat(n).startsWith("pg-hello "));
    }

    /** servermock's good_01.xml, with the hashes of the repomd.xml it now points at. */
    @Test
    void metalinkUpdatesFromItsRepomdMirror() throws Exception {
        publishServermock("metalink/good_01.xml", fixtures.yumRoot().resolve("repodata/repomd.xml"));
        yumRepo("metalink=" + server.baseUri().resolve("lists/metalink/good_01.xml"));
        RecordingListener listener = new RecordingListener();
        RepositoryOutcome outcome = update(listener).outcomes().get(0);
        assertThat(outcome.status()).as(listener.lines.toString()).isEqualTo(RepositoryOutcome.Status.UPDATED);
        assertThat(outcome.packageCount()).isEqualTo(rpmCountInPrimary());
        assertThat(server.hits("yum/repodata/repomd.xml")).isEqualTo(1);
    }

    /**
     * servermock's nourls lists have no mirror at all. The update must fail for that repository and say that its
     * mirror list is empty; today the message claims the repository has "no baseurl, mirrorlist or metalink".
     */
    @Test
    void emptyMirrorListIsAnErrorNamingTheList() throws Exception {
        for (String list : List.of("mirrorlist/nourls", "metalink/nourls.xml")) {
            publishServermock(list, null);
            String url = server.baseUri().resolve("lists/" + list).toString();
            yumRepo((list.startsWith("metalink") ? "metalink=" : "mirrorlist=") + url);
            RepositoryOutcome outcome = update(new RecordingListener()).outcomes().get(0);
            assertThat(outcome.status()).as(list).isEqualTo(RepositoryOutcome.Status.FAILED);
            assertThat(outcome.error().getMessage()).as(list).contains(url).doesNotContain("has no baseurl");
        }
    }

    /**
     * A metalink carries the repomd.xml's size and hashes (servermock's good_01.xml: those of librepo's repo 01, not
     * of this repository). dnf refuses a repomd.xml that does not match them; with repo_gpgcheck=0 that check is the
     * only thing tying the metadata to the metalink.
     */
    @Test
    void repomdNotMatchingTheMetalinkHashesIsRefused() throws Exception {
        publishServermock("metalink/good_01.xml", null);
        yumRepoWithoutSignature("metalink=" + server.baseUri().resolve("lists/metalink/good_01.xml"));
        RepositoryOutcome outcome = update(new RecordingListener()).outcomes().get(0);
        assertThat(outcome.status()).isEqualTo(RepositoryOutcome.Status.FAILED);
        assertThat(outcome.error()).isInstanceOf(VerificationException.class).hasMessageContaining("repomd.xml");
    }

    /** gpgkey= as an http:// URL on the mirror: the key is fetched and verifies repomd.xml.asc. */
    @Test
    void gpgkeyOverHttpVerifiesTheRepository() {
        String keyUrl = server.baseUri().resolve("keys/repo.asc").toString();
        system.write("etc/yum.repos.d/fixture.repo", "[fixture]\nname=Fixture\nbaseurl=" + server.baseUri().resolve("yum/")
                + "\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=" + keyUrl + "\n");
        RecordingListener listener = new RecordingListener();
        RepositoryOutcome outcome = update(listener).outcomes().get(0);
        assertThat(outcome.status()).as(listener.lines.toString()).isEqualTo(RepositoryOutcome.Status.UPDATED);
        assertThat(server.hits("keys/repo.asc")).isPositive();
        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            assertThat(store.repositories()).singleElement()
                    .satisfies(r -> assertThat(r.info().signer()).isEqualToIgnoringCase(fixtures.fingerprint()));
        }
    }

    /** The same with an http:// key that does not sign the repository: refused, nothing stored. */
    @Test
    void gpgkeyOverHttpOfTheWrongKeyIsRefused() {
        system.write("etc/yum.repos.d/fixture.repo", "[fixture]\nname=Fixture\nbaseurl=" + server.baseUri().resolve("yum/")
                + "\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=" + server.baseUri().resolve("keys/other.asc") + "\n");
        RepositoryOutcome outcome = update(new RecordingListener()).outcomes().get(0);
        assertThat(outcome.status()).isEqualTo(RepositoryOutcome.Status.FAILED);
        assertThat(outcome.error()).isInstanceOf(VerificationException.class).hasMessageContaining("repomd.xml");
        assertThat(outcome.packageCount()).isZero();
    }

    // ---- apt: deb822 with inline key, architectures, Date in the future -----------------------------------------

    /** deb822 .sources whose Signed-By holds the armored key itself (Policy §5.1 continuation lines, " ." for blank). */
    @Test
    void deb822SourcesWithInlineSignedByKey() throws Exception {
        String key = Files.readAllLines(fixtures.keyArmored()).stream()
                .map(l -> l.isBlank() ? " ." : " " + l).collect(Collectors.joining("\n"));
        system.write("etc/apt/sources.list.d/fixture.sources", "Types: deb\nURIs: " + server.baseUri().resolve("apt/")
                + "\nSuites: stable\nComponents: main contrib\nSigned-By:\n" + key + "\n");
        RecordingListener listener = new RecordingListener();
        RepositoryOutcome outcome = update(listener).outcomes().get(0);
        assertThat(outcome.status()).as(listener.lines.toString()).isEqualTo(RepositoryOutcome.Status.UPDATED);
        assertThat(outcome.packageCount()).isEqualTo(debCountInPackages("main") + debCountInPackages("contrib"));
        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            assertThat(store.repositories()).singleElement()
                    .satisfies(r -> assertThat(r.info().signer()).isEqualToIgnoringCase(fixtures.fingerprint()));
        }
    }

    /** The inline key of another repository: NO_PUBKEY, as with a Signed-By path. */
    @Test
    void deb822InlineKeyOfAnotherSignerIsRefused() throws Exception {
        String key = Files.readAllLines(fixtures.otherKeyArmored()).stream()
                .map(l -> l.isBlank() ? " ." : " " + l).collect(Collectors.joining("\n"));
        system.write("etc/apt/sources.list.d/fixture.sources", "Types: deb\nURIs: " + server.baseUri().resolve("apt/")
                + "\nSuites: stable\nComponents: main\nSigned-By:\n" + key + "\n");
        RepositoryOutcome outcome = update(new RecordingListener()).outcomes().get(0);
        assertThat(outcome.error()).isInstanceOf(VerificationException.class).hasMessageContaining("NO_PUBKEY");
    }

    /**
     * Two architectures, in both configuration syntaxes. The fixture repository is amd64-only (its Release says
     * {@code Architectures: amd64}), so i386 must be skipped with apt's warning and amd64 still stored; a
     * repository that really has both is not among the fixtures (see report).
     */
    @Test
    void secondArchitectureMissingFromTheReleaseIsSkippedWithAWarning() throws Exception {
        String release = Files.readString(fixtures.aptRoot().resolve("dists/stable/Release"));
        assertThat(release).contains("Architectures: amd64\n").doesNotContain("binary-i386");
        Files.copy(fixtures.keyBinary(), Files.createDirectories(root.resolve("usr/share/keyrings")).resolve("fixture.gpg"));
        String uri = server.baseUri().resolve("apt/").toString();
        for (String config : List.of(
                "etc/apt/sources.list.d/fixture.sources=Types: deb\nURIs: " + uri + "\nSuites: stable\nComponents: main\n"
                        + "Architectures: amd64 i386\nSigned-By: /usr/share/keyrings/fixture.gpg\n",
                "etc/apt/sources.list.d/fixture.list=deb [arch=amd64,i386 signed-by=/usr/share/keyrings/fixture.gpg] "
                        + uri + " stable main\n")) {
            String file = config.substring(0, config.indexOf('='));
            Files.deleteIfExists(root.resolve("etc/apt/sources.list.d/fixture.sources"));
            Files.deleteIfExists(root.resolve("etc/apt/sources.list.d/fixture.list"));
            system.write(file, config.substring(config.indexOf('=') + 1));
            // A fresh cache for each syntax, so the second one is fetched (and warned about) too.
            Files.deleteIfExists(system.layout().metadataDatabase());
            RecordingListener listener = new RecordingListener();
            RepositoryOutcome outcome = update(listener).outcomes().get(0);
            assertThat(outcome.status()).as(file + " " + listener.lines).isEqualTo(RepositoryOutcome.Status.UPDATED);
            assertThat(outcome.packageCount()).as(file).isEqualTo(debCountInPackages("main"));
            assertThat(listener.lines).as(file).contains("Get stable/main amd64 Packages")
                    .doesNotContain("Get stable/main i386 Packages")
                    .anySatisfy(l -> assertThat(l).startsWith("W Skipping acquire of configured file "
                            + "'main/binary-i386/Packages'"));
        }
    }

    /**
     * A Release whose Date lies two days ahead, properly signed now with the repository key: apt says "not valid
     * yet". The update fails for that source, says so, and keeps the metadata of the previous update.
     */
    @Test
    void releaseDatedInTheFutureIsRefusedAndThePreviousMetadataKept(@TempDir Path gpgDir) throws Exception {
        Files.copy(fixtures.keyBinary(), Files.createDirectories(root.resolve("usr/share/keyrings")).resolve("fixture.gpg"));
        system.write("etc/apt/sources.list", "deb [signed-by=/usr/share/keyrings/fixture.gpg] "
                + server.baseUri().resolve("apt/") + " stable main contrib\n");
        RepositoryOutcome first = update(new RecordingListener()).outcomes().get(0);
        assertThat(first.status()).isEqualTo(RepositoryOutcome.Status.UPDATED);
        long stored = first.packageCount();
        List<String> before = storedDebNames();

        Path dists = fixtures.aptRoot().resolve("dists/stable");
        String release = Files.readString(dists.resolve("Release"));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)
                .format(Instant.now().plus(Duration.ofDays(2)).atZone(ZoneOffset.UTC));
        String future = release.replaceFirst("(?m)^Date: .*$", "Date: " + date.replace("GMT", "UTC"));
        assertThat(future).isNotEqualTo(release);
        Files.writeString(dists.resolve("Release"), future);
        try (TestGpg gpg = TestGpg.withFixtureKey(fixtures, gpgDir)) {
            gpg.run("gpg", "--homedir", gpg.home().toString(), "--batch", "--yes", "--local-user", gpg.fingerprint(),
                    "--digest-algo", "SHA512", "--clearsign", "--output", dists.resolve("InRelease").toString(),
                    dists.resolve("Release").toString());
        }
        Files.setLastModifiedTime(dists.resolve("InRelease"), FileTime.from(Instant.now().plusSeconds(5)));

        RecordingListener listener = new RecordingListener();
        UpdateReport report = update(listener);
        RepositoryOutcome second = report.outcomes().get(0);
        assertThat(second.status()).as(listener.lines.toString()).isEqualTo(RepositoryOutcome.Status.FAILED);
        assertThat(second.error()).isInstanceOf(VerificationException.class)
                .hasMessageContaining("not valid yet").hasMessageContaining("InRelease");
        assertThat(second.error().hint()).hasValueSatisfying(h -> assertThat(h).contains("clock"));
        assertThat(listener.lines).contains("Err stable");
        assertThat(second.packageCount()).isEqualTo(stored);
        assertThat(storedDebNames()).isEqualTo(before);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private UpdateReport update(RecordingListener listener) {
        try (Peerget engine = system.engine()) {
            return engine.update(listener);
        }
    }

    /** A signed yum repository whose location line is {@code where}, with the fixture key inside the root. */
    private void yumRepo(String where) throws IOException {
        Path key = root.resolve("etc/pki/rpm-gpg/RPM-GPG-KEY-fixture");
        Files.createDirectories(key.getParent());
        Files.copy(fixtures.keyArmored(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        system.write("etc/yum.repos.d/fixture.repo", "[fixture]\nname=Fixture\n" + where
                + "\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-fixture\n");
    }

    private void yumRepoWithoutSignature(String where) {
        system.write("etc/yum.repos.d/fixture.repo", "[fixture]\nname=Fixture\n" + where
                + "\nenabled=1\ngpgcheck=0\nrepo_gpgcheck=0\n");
    }

    /**
     * Puts librepo's servermock list {@code relative} under {@code lists/} on the mirror, its placeholder pointed at
     * the fixture yum repository; with {@code repomd} given, the metalink's hashes and size become that file's.
     */
    private void publishServermock(String relative, Path repomd) throws Exception {
        String text = Files.readString(Corpus.path(SERVERMOCK + relative));
        text = text.replace(PLACEHOLDER_REPO, "127.0.0.1:" + server.port() + "/yum/");
        if (repomd != null) {
            byte[] bytes = Files.readAllBytes(repomd);
            for (String algo : List.of("md5", "sha1", "sha256", "sha512")) {
                String jca = switch (algo) {
                    case "md5" -> "MD5";
                    case "sha1" -> "SHA-1";
                    case "sha256" -> "SHA-256";
                    default -> "SHA-512";
                };
                String hex = HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(bytes));
                text = text.replaceAll("<hash type=\"" + algo + "\">[^<]*</hash>", "<hash type=\"" + algo + "\">" + hex + "</hash>");
            }
            text = text.replaceAll("<size>\\d+</size>", "<size>" + bytes.length + "</size>");
        }
        Path target = fixtures.root().resolve("lists").resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
    }

    /** Packages in the fixture's primary.xml, counted by its {@code packages=} attribute. */
    private long rpmCountInPrimary() throws IOException {
        try (var files = Files.list(fixtures.yumRoot().resolve("repodata"))) {
            Path primary = files.filter(f -> f.getFileName().toString().contains("primary.xml")).findFirst().orElseThrow();
            try (var in = dev.peerget.repo.compress.Compression.fromFileName(primary.getFileName().toString())
                    .decompress(Files.newInputStream(primary))) {
                String head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("packages=\"(\\d+)\"").matcher(head);
                assertThat(m.find()).isTrue();
                return Long.parseLong(m.group(1));
            }
        }
    }

    /** Stanzas of a component's amd64 Packages file. */
    private long debCountInPackages(String component) {
        try {
            return Files.readAllLines(fixtures.aptRoot().resolve("dists/stable/" + component + "/binary-amd64/Packages"))
                    .stream().filter(l -> l.startsWith("Package: ")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> storedRpmNames() {
        return storedNames("rpm");
    }

    private List<String> storedDebNames() {
        return storedNames("deb");
    }

    private List<String> storedNames(String format) {
        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            List<String> out = new java.util.ArrayList<>();
            store.forEachPackage(false, p -> {
                if (p.record().format().id().equals(format)) {
                    out.add(p.record().name() + " " + p.record().version());
                }
            });
            return out.stream().sorted().toList();
        }
    }
}

package dev.peerget.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.MultiArch;
import dev.peerget.model.Op;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {
    @TempDir
    Path dir;

    private static RepositoryInfo repo(String key) {
        return new RepositoryInfo(key, PackageFormat.DEB, key, "http://127.0.0.1/debian", "stable", 500, 0,
                Instant.parse("2026-01-01T00:00:00Z"), null, null, "ABCD", "Debian", "Debian", "bookworm", "")
                .withArchive("oldstable").withReleaseVersion("11.9");
    }

    private static PackageRecord hello(String version) {
        Requirement rich = new Requirement.If(Requirement.Atom.of("a"),
                new Requirement.Without(Requirement.Atom.of("b"), Requirement.Atom.of("c")),
                new Requirement.AnyOf(List.of(Requirement.Atom.of("d"),
                        new Requirement.With(List.of(Requirement.Atom.of("e"), Requirement.Atom.of("f"))))));
        return PackageRecord.builder(PackageFormat.DEB, "hello", version, "amd64")
                .summary("example package based on GNU hello")
                .description("The GNU hello program produces a familiar, friendly greeting.")
                .section("devel").priority("optional").multiArch(MultiArch.FOREIGN)
                .relation(new Relation(RelationKind.DEPENDS, new Requirement.Atom("libc6", "any",
                        new VersionConstraint(Op.GE, "2.34")), "libc6:any (>= 2.34)"))
                .relation(new Relation(RelationKind.RECOMMENDS, new Requirement.AnyOf(List.of(
                        Requirement.Atom.of("x"), Requirement.Atom.of("y"))), "x | y"))
                .relation(new Relation(RelationKind.SUGGESTS, rich, "rich"))
                .provide(new Provide("greeter", "1.0"))
                .file("/usr/bin/hello")
                .size(100).installedSize(2048).location("pool/main/h/hello/hello_" + version + "_amd64.deb")
                .checksum(new Checksum(HashAlgorithm.SHA256, "a".repeat(64)))
                .source("hello").maintainer("Santiago").homepage("https://example.org/hello")
                .build();
    }

    @Test
    void packagesRoundTripWithEveryField() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("2.10-3")));
            List<StoredPackage> found = store.packagesNamed("hello", true);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).record()).isEqualTo(hello("2.10-3"));
            assertThat(found.get(0).component()).isEqualTo("main");
            assertThat(store.providers("greeter", false)).extracting(p -> p.record().name()).containsExactly("hello");
            assertThat(store.providers("/usr/bin/hello", false)).hasSize(1);
            assertThat(store.repositories()).singleElement().satisfies(r -> {
                assertThat(r.packageCount()).isEqualTo(1);
                assertThat(r.info()).isEqualTo(repo("r1"));
            });
        }
    }

    @Test
    void mixedProvidesEveryChecksumAndFormatRoundTrip() {
        List<Provide> provides = List.of(new Provide("a", null), new Provide("b", "1"), new Provide("c", null),
                new Provide("c2", null), new Provide("d", "2:3.0-1+b1"), new Provide("e", null), new Provide("f", "4"));
        List<Checksum> sums = List.of(new Checksum(HashAlgorithm.SHA512, "0123456789abcdef".repeat(8)),
                new Checksum(HashAlgorithm.MD5, "f".repeat(32)), new Checksum(HashAlgorithm.SHA1, "9".repeat(40)),
                new Checksum(HashAlgorithm.SHA256, "ab".repeat(32)));
        PackageRecord.Builder b = PackageRecord.builder(PackageFormat.RPM, "many", "1", "x86_64")
                .file("/usr/bin/many").file("/usr/share/doc/many");
        provides.forEach(b::provide);
        sums.forEach(b::checksum);
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> sink.add("main", b.build()));
            PackageRecord read = store.packagesNamed("many", true).get(0).record();
            assertThat(read.provides()).containsExactlyInAnyOrderElementsOf(provides);
            assertThat(read.files()).containsExactlyInAnyOrder("/usr/bin/many", "/usr/share/doc/many");
            assertThat(read.checksums()).containsExactlyElementsOf(sums);
            assertThat(read.format()).isEqualTo(PackageFormat.RPM);
        }
    }

    @Test
    void packagesWithAndWithoutRelationsAndAwkwardTextRoundTripInOneLoad() {
        PackageRecord bare = PackageRecord.builder(PackageFormat.DEB, "bare", "1:0~rc1", "all")
                .summary("no relations: \"quoted\" \\ and\nnewline").description("")
                .essential(true).maintainer("Jöhn Ðoe <j@ex.org>").homepage("7:not-a-length")
                .location("pool/b/bare_0~rc1_all.deb").build();
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> {
                sink.add("main", hello("2.10-3"));
                sink.add("contrib", bare);
                sink.add("main", hello("2.10-4"));
            });
            assertThat(store.packagesNamed("bare", true)).singleElement().satisfies(p -> {
                assertThat(p.record()).isEqualTo(bare);
                assertThat(p.component()).isEqualTo("contrib");
            });
            assertThat(store.packagesNamed("hello", true)).extracting(StoredPackage::record)
                    .containsExactly(hello("2.10-3"), hello("2.10-4"));
            PackageRecord listed = store.packagesNamed("hello", false).get(1).record();
            assertThat(listed.relations()).isEmpty();
            assertThat(listed.maintainer()).isEqualTo("Santiago");
            assertThat(listed.checksums()).isEqualTo(hello("2.10-4").checksums());
        }
    }

    @Test
    void torrentIsStoredKeptByMarkUpdatedAndReplaced() {
        TorrentRef ref = new TorrentRef(dir.resolve("torrents/r1.torrent"), "AB".repeat(20), "debian");
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1").withTorrent(ref), sink -> sink.add("main", hello("1")));
            store.replaceRepository(repo("r2"), sink -> { });
            store.markUpdated("r1", Instant.parse("2026-02-01T00:00:00Z"));
            assertThat(store.repository("r1").orElseThrow().info().torrent()).contains(ref);
            assertThat(ref.infoHash()).isEqualTo("ab".repeat(20));
            assertThat(store.repository("r2").orElseThrow().info().torrent()).isEmpty();

            store.replaceRepository(repo("r1"), sink -> { });
            assertThat(store.repository("r1").orElseThrow().info().torrent()).isEmpty();
        }
    }

    @Test
    void providersOfManyNamesInOneQueryMatchOneByOne() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            PackageRecord noVersionProvide = PackageRecord.builder(PackageFormat.DEB, "hi", "1", "amd64")
                    .provide(new Provide("greeter", null)).provide(new Provide("say \"hi\"", "")).build();
            store.replaceRepository(repo("r1"), sink -> {
                sink.add("main", hello("2.10-3"));
                sink.add("main", noVersionProvide);
            });
            List<String> names = List.of("greeter", "hello", "/usr/bin/hello", "say \"hi\"", "nothing");
            var batch = store.providers(names, true);
            assertThat(batch.keySet()).containsExactlyElementsOf(names);
            for (String n : names) {
                assertThat(batch.get(n)).as(n).isEqualTo(store.providers(n, true));
            }
            assertThat(batch.get("greeter")).extracting(p -> p.record().name()).containsExactly("hello", "hi");
            assertThat(batch.get("hello").get(0).record()).isEqualTo(hello("2.10-3"));
            assertThat(batch.get("greeter").get(1).record()).isEqualTo(noVersionProvide);
            assertThat(batch.get("nothing")).isEmpty();
        }
    }

    @Test
    void obsoletersAreFoundByTheNamesTheyObsoleteAndGoWithTheirRepository() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            PackageRecord hello = PackageRecord.builder(PackageFormat.RPM, "pg-hello", "1.0-1", "x86_64")
                    .relation(new Relation(RelationKind.OBSOLETES, new Requirement.AnyOf(List.of(
                            Requirement.Atom.of("pg-oldname"), Requirement.Atom.of("pg-older"))), "pg-oldname"))
                    .build();
            store.replaceRepository(repo("r1"), sink -> {
                sink.add("main", hello);
                sink.add("main", PackageRecord.builder(PackageFormat.RPM, "pg-oldname", "1.0-1", "noarch").build());
            });
            assertThat(store.obsoleters("pg-oldname", true)).extracting(p -> p.record()).containsExactly(hello);
            assertThat(store.obsoleters("pg-older", false)).extracting(p -> p.record().name())
                    .containsExactly("pg-hello");
            assertThat(store.obsoleters("pg-hello", true)).isEmpty();
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("1.0")));
            assertThat(store.obsoleters("pg-oldname", true)).isEmpty();
        }
    }

    @Test
    void failedReplacementKeepsPreviousMetadata() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("1.0")));
            assertThatThrownBy(() -> store.replaceRepository(repo("r1"), sink -> {
                sink.add("main", hello("2.0"));
                throw new IllegalStateException("truncated index");
            })).hasMessage("truncated index");
            assertThat(store.packagesNamed("hello", false)).extracting(p -> p.record().version()).containsExactly("1.0");
            assertThat(store.search(List.of("friendly"), false)).hasSize(1);
        }
    }

    @Test
    void largeReplacementKeepsOrderAndFailureLateInTheIndexRollsBack() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> {
                for (int i = 0; i < 3000; i++) {
                    sink.add("main", hello("1." + i));
                }
            });
            assertThat(store.packagesNamed("hello", false)).hasSize(3000).first()
                    .satisfies(p -> assertThat(p.record().version()).isEqualTo("1.0"));
            // The filler runs on its own thread: a failure after many queued batches still rolls everything back.
            assertThatThrownBy(() -> store.replaceRepository(repo("r1"), sink -> {
                for (int i = 0; i < 5000; i++) {
                    sink.add("main", hello("2." + i));
                }
                throw new IllegalStateException("truncated index");
            })).isInstanceOf(IllegalStateException.class).hasMessage("truncated index");
            assertThat(store.packagesNamed("hello", false)).hasSize(3000);
        }
    }

    @Test
    void briefListingReadsIdentityByNamePrefix() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> {
                sink.add("main", hello("1.0"));
                sink.add("main", PackageRecord.builder(PackageFormat.DEB, "h*llo", "1", "all").build());
                sink.add("main", PackageRecord.builder(PackageFormat.DEB, "bash", "5", "amd64").build());
            });
            List<String> all = new java.util.ArrayList<>();
            store.forEachPackageBrief("", p -> all.add(p.record().name()));
            assertThat(all).containsExactly("bash", "h*llo", "hello");
            List<StoredPackage> he = new java.util.ArrayList<>();
            store.forEachPackageBrief("he", he::add);
            assertThat(he).singleElement().satisfies(p -> {
                assertThat(p.record().version()).isEqualTo("1.0");
                assertThat(p.record().arch()).isEqualTo("amd64");
                assertThat(p.component()).isEqualTo("main");
                assertThat(p.record().description()).isEmpty();
            });
            List<String> literal = new java.util.ArrayList<>();
            store.forEachPackageBrief("h*", p -> literal.add(p.record().name()));
            assertThat(literal).containsExactly("h*llo");
        }
    }

    @Test
    void replacementSwapsPackagesAndSearchIndex() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("1.0")));
            store.replaceRepository(repo("r2"), sink -> sink.add("main", hello("3.0")));
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("2.0")));
            assertThat(store.packagesNamed("hello", false)).extracting(p -> p.record().version())
                    .containsExactlyInAnyOrder("2.0", "3.0");
            assertThat(store.search(List.of("friend"), false)).hasSize(2);
            assertThat(store.search(List.of("ell"), true)).hasSize(2);
            assertThat(store.search(List.of("friendly", "nonexistentword"), false)).isEmpty();
            store.removeRepository("r2");
            assertThat(store.search(List.of("friend"), false)).extracting(p -> p.record().version()).containsExactly("2.0");
            assertThat(store.repositories()).extracting(r -> r.info().key()).containsExactly("r1");
        }
    }

    @Test
    void searchMatchesWordStartsCaseAndDiacriticsInsensitively() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> {
                sink.add("main", hello("1.0"));
                sink.add("main", PackageRecord.builder(PackageFormat.DEB, "kaffee", "1", "all")
                        .summary("Café-Crème maker").description("Brews (strong) coffee.").build());
            });
            assertThat(search(store, "greet")).containsExactly("hello");     // a word of the description
            assertThat(search(store, "reeting")).isEmpty();                 // inside a word: no
            assertThat(search(store, "ell")).containsExactly("hello");       // inside the name: yes
            assertThat(search(store, "CAFE")).containsExactly("kaffee");
            assertThat(search(store, "café-crè")).containsExactly("kaffee"); // consecutive words, the last by prefix
            assertThat(search(store, "crème-café")).isEmpty();
            assertThat(search(store, "strong")).containsExactly("kaffee");
            assertThat(search(store, "coffee", "gnu")).isEmpty();
            assertThat(store.search(List.of("coffee"), true)).isEmpty();
        }
    }

    /** The search table holds runs of packages (SearchChunk): every package of every run, of every load, is found. */
    @Test
    void searchFindsEachPackageOfManyRunsAndLoads() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> numbered(sink, "one", 300));
            store.replaceRepository(repo("r2"), sink -> numbered(sink, "two", 130));
            store.replaceRepository(repo("r1"), sink -> numbered(sink, "uno", 257));
            for (String name : List.of("uno0", "uno127", "uno128", "uno256", "two0", "two129")) {
                String n = name.replaceAll("[a-z]", "");
                assertThat(store.search(List.of("number" + n + "x"), false))
                        .extracting(p -> p.record().name() + " " + p.record().summary())
                        .as(name).contains(name + " number" + n + "x");
                assertThat(search(store, name)).as(name).containsExactly(name);
            }
            assertThat(search(store, "one")).isEmpty();
            assertThat(search(store, "number129x")).containsExactly("two129", "uno129");
            assertThat(store.search(List.of("o1"), true)).hasSize(41 + 111);  // two1, two1x, two1xx; uno1, uno1x, uno1xx
        }
    }

    private static void numbered(PackageSink sink, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            sink.add("main", PackageRecord.builder(PackageFormat.DEB, prefix + i, "1", "all")
                    .summary("number" + i + "x").build());
        }
    }

    /** Names with what JSON escapes inside a search row, and terms with it (which cannot filter the runs). */
    @Test
    void searchFindsNamesWithQuotesBackslashesAndControls() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.replaceRepository(repo("r1"), sink -> {
                for (String name : List.of("say\"hi\"", "back\\slash", "tab\tbed", "plain")) {
                    sink.add("main", PackageRecord.builder(PackageFormat.RPM, name, "1", "noarch").summary("odd").build());
                }
            });
            assertThat(store.search(List.of("\"hi"), true)).extracting(p -> p.record().name()).containsExactly("say\"hi\"");
            assertThat(store.search(List.of("k\\s"), true)).extracting(p -> p.record().name()).containsExactly("back\\slash");
            assertThat(store.search(List.of("b\tb"), true)).extracting(p -> p.record().name()).containsExactly("tab\tbed");
            assertThat(store.search(List.of("say"), true)).extracting(p -> p.record().name()).containsExactly("say\"hi\"");
            assertThat(search(store, "odd")).hasSize(4);
            assertThat(search(store, "hi")).containsExactly("say\"hi\"");
        }
    }

    private static List<String> search(MetadataStore store, String... terms) {
        return store.search(List.of(terms), false).stream().map(p -> p.record().name()).toList();
    }

    @Test
    void wholeReplacementRebuildsIndexesAndRollsBackCompletely() throws Exception {
        Path file = dir.resolve("m.db");
        try (MetadataStore store = MetadataStore.open(file)) {
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("1.0")));
            assertThatThrownBy(() -> store.replaceRepository(repo("r1"), sink -> {
                sink.add("main", hello("2.0"));
                throw new IllegalStateException("truncated index");
            })).hasMessage("truncated index");
            assertThat(store.providers("greeter", false)).extracting(p -> p.record().version()).containsExactly("1.0");
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("2.0")));
            assertThat(store.providers("/usr/bin/hello", true)).extracting(p -> p.record().version())
                    .containsExactly("2.0");
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type='index' AND sql IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).as("secondary indexes").isEqualTo(10);
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var st = c.createStatement();
             var rs = st.executeQuery("PRAGMA page_size")) {
            rs.next();
            assertThat(rs.getInt(1)).as("page size of a database peerget created").isEqualTo(16384);
        }
    }

    @Test
    void cacheOfAnOlderSchemaIsRebuilt() throws Exception {
        Path file = dir.resolve("m.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("INSERT INTO meta VALUES('schema', '4')");
            st.execute("CREATE TABLE packages(id INTEGER PRIMARY KEY, name TEXT)");
            st.execute("CREATE VIRTUAL TABLE package_fts USING fts5(name, summary, description, content='')");
        }
        // Anything but update says so and changes nothing, rather than finding no package in an emptied cache.
        assertThatThrownBy(() -> MetadataStore.openForUse(file)).isInstanceOf(CacheException.class)
                .hasMessageContaining("written by another version of peerget")
                .satisfies(e -> assertThat(((CacheException) e).hint())
                        .hasValueSatisfying(h -> assertThat(h).contains("peerget update")));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement();
             var rs = st.executeQuery("SELECT value FROM meta WHERE key='schema'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("4");
        }
        try (MetadataStore store = MetadataStore.open(file)) {
            assertThat(store.packageCount()).isZero();
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("1.0")));
            assertThat(search(store, "friendly")).containsExactly("hello");
        }
    }

    @Test
    void openForUseCreatesAMissingDatabaseAndOpensACurrentOne() {
        Path file = dir.resolve("fresh.db");
        try (MetadataStore store = MetadataStore.openForUse(file)) {
            store.replaceRepository(repo("r1"), sink -> sink.add("main", hello("1.0")));
        }
        try (MetadataStore store = MetadataStore.openForUse(file)) {
            assertThat(store.packageCount()).isEqualTo(1);
        }
    }

    @Test
    void validatorsAreRemembered() {
        try (MetadataStore store = MetadataStore.open(dir.resolve("m.db"))) {
            store.putValidators("http://x/InRelease", new HttpValidators("\"e1\"", null));
            assertThat(store.validators("http://x/InRelease")).contains(new HttpValidators("\"e1\"", null));
            store.putValidators("http://x/InRelease", null);
            assertThat(store.validators("http://x/InRelease")).isEmpty();
        }
    }
}

package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.MetadataException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AptSourcesParserTest {
    private static final String FPR = "B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8";

    @Test
    void oneLineEntriesWithOptionsCommentsAndFlatRepos() {
        String text = """
                # Debian
                deb [arch=amd64,arm64 signed-by=/usr/share/keyrings/x.gpg trusted=yes] http://deb.debian.org/debian bookworm main contrib
                deb-src http://deb.debian.org/debian bookworm main # sources too

                deb [ signed-by=%s ] file:/srv/repo ./
                deb cdrom:[Debian GNU/Linux 12.5.0 _Bookworm_ - Official amd64 DVD Binary-1]/ bookworm contrib main
                """.formatted(FPR);
        AptSourcesParser.Result result = AptSourcesParser.parse(text, "/etc/apt/sources.list");
        List<AptSource> s = result.sources();
        assertThat(s).hasSize(3);
        AptSource first = s.get(0);
        assertThat(first.types()).containsExactly("deb");
        assertThat(first.uris()).containsExactly(URI.create("http://deb.debian.org/debian"));
        assertThat(first.suites()).containsExactly("bookworm");
        assertThat(first.components()).containsExactly("main", "contrib");
        assertThat(first.architectures()).containsExactly("amd64", "arm64");
        assertThat(first.signedBy()).containsExactly(new KeyRef.KeyFile(Path.of("/usr/share/keyrings/x.gpg")));
        assertThat(first.trusted()).isTrue();
        assertThat(first.enabled()).isTrue();
        assertThat(first.origin()).hasToString("/etc/apt/sources.list:2");
        assertThat(s.get(1).types()).containsExactly("deb-src");
        assertThat(s.get(1).components()).containsExactly("main");
        assertThat(s.get(1).architectures()).isEmpty();
        AptSource flat = s.get(2);
        assertThat(flat.uris()).containsExactly(URI.create("file:/srv/repo"));
        assertThat(flat.components()).isEmpty();
        assertThat(flat.signedBy()).containsExactly(new KeyRef.Fingerprint(FPR, false));
        assertThat(flat.targets()).singleElement().satisfies(t -> assertThat(t.isFlat()).isTrue());
        assertThat(result.notes()).singleElement().asString()
                .startsWith("/etc/apt/sources.list:6: cdrom source").contains("ignored");
    }

    @Test
    void deb822WithListsDisabledEntriesAndCommentLines() {
        String text = """
                # managed by hand
                Types: deb deb-src
                URIs: http://deb.debian.org/debian https://mirror.example/debian
                Suites: bookworm bookworm-updates
                # comment between fields
                Components: main non-free-firmware
                Architectures: amd64
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
                Trusted: no

                Types: deb
                URIs: http://security.debian.org/debian-security
                Suites: bookworm-security
                Components: main
                Enabled: no
                """;
        AptSourcesParser.Result result = AptSourcesParser.parse(text, "debian.sources");
        assertThat(result.sources()).hasSize(2);
        AptSource a = result.sources().get(0);
        assertThat(a.origin()).hasToString("debian.sources:2");
        assertThat(a.signedBy()).containsExactly(
                new KeyRef.KeyFile(Path.of("/usr/share/keyrings/debian-archive-keyring.gpg")));
        assertThat(a.targets()).hasSize(8).first().satisfies(t -> {
            assertThat(t.type()).isEqualTo("deb");
            assertThat(t.uri()).isEqualTo(URI.create("http://deb.debian.org/debian"));
            assertThat(t.suite()).isEqualTo("bookworm");
            assertThat(t.components()).containsExactly("main", "non-free-firmware");
            assertThat(t.architectures()).containsExactly("amd64");
        });
        assertThat(result.sources().get(1).enabled()).isFalse();
        assertThat(result.enabledTargets()).hasSize(8)
                .extracting(t -> t.type() + " " + t.uri().getHost() + " " + t.suite())
                .contains("deb-src mirror.example bookworm-updates");
    }

    @Test
    void deb822InlineSignedByKey() {
        String text = """
                Types: deb
                URIs: https://repo.example.org/apt
                Suites: stable
                Components: main
                Signed-By:
                 -----BEGIN PGP PUBLIC KEY BLOCK-----
                 .
                 mDMEZdCvNxYJKwYBBAHaRw8BAQdA
                 =abcd
                 -----END PGP PUBLIC KEY BLOCK-----
                """;
        AptSource s = AptSourcesParser.parseDeb822(text, "example.sources").sources().get(0);
        assertThat(s.signedBy()).singleElement().isInstanceOfSatisfying(KeyRef.Inline.class, k ->
                assertThat(k.armored()).isEqualTo("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
                        + "mDMEZdCvNxYJKwYBBAHaRw8BAQdA\n=abcd\n-----END PGP PUBLIC KEY BLOCK-----\n"));
    }

    @Test
    void deb822FingerprintsAndFlatSuites() {
        AptSource s = AptSourcesParser.parseDeb822("Types: deb\nURIs: file:///srv/flat\nSuites: ./ sub/\n"
                + "Signed-By: " + FPR + "! 0123456789ABCDEF\n", "flat.sources").sources().get(0);
        assertThat(s.signedBy()).containsExactly(new KeyRef.Fingerprint(FPR, true),
                new KeyRef.Fingerprint("0123456789abcdef", false));
        assertThat(s.targets()).allSatisfy(t -> assertThat(t.isFlat()).isTrue()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "deb http://x/debian bookworm|sources.list:1: suite 'bookworm' needs at least one component",
        "deb http://x/debian ./ main|sources.list:1: suite './' is a flat path, so it takes no components",
        "rpm http://x/ f40 main|sources.list:1: unknown source type 'rpm' (expected deb or deb-src)",
        "deb [arch=amd64 http://x/ b main|sources.list:1: option list '[' without closing ']'",
        "deb [trusted] http://x/ b main|sources.list:1: option 'trusted' is not of the form name=value",
        "deb [trusted=maybe] http://x/ b main|sources.list:1: trusted must be yes or no, not 'maybe'",
        "deb [signed-by=nokey] http://x/ b main|sources.list:1: Signed-By 'nokey' is neither a keyring path nor a fingerprint",
        "deb|sources.list:1: missing URI after 'deb'",
        "deb http://x/|sources.list:1: missing suite after 'http://x/'",
        "deb debian.org/debian b main|sources.list:1: URI 'debian.org/debian' has no scheme (expected e.g. http:, https:, file:)",
    })
    void oneLineErrorsNameFileAndLine(String line, String message) {
        assertThatThrownBy(() -> AptSourcesParser.parseOneLine(line, "sources.list"))
                .isInstanceOf(MetadataException.class).hasMessage(message);
    }

    @Test
    void deb822ErrorsNameFileAndLine() {
        assertThatThrownBy(() -> AptSourcesParser.parseDeb822("Types: deb\nURIs: http://x/\nSuites: b\n\n"
                + "Types: deb\nSuites: b\nComponents: main\n", "x.sources"))
                .hasMessage("x.sources:1: suite 'b' needs at least one component");
        assertThatThrownBy(() -> AptSourcesParser.parseDeb822("\nTypes: deb\nSuites: b\nComponents: main\n",
                "x.sources")).hasMessage("x.sources:2: source paragraph has no URIs field");
        assertThatThrownBy(() -> AptSourcesParser.parseDeb822("Types: deb\nURIs: http://x/\nSuites: b\n"
                + "Components: main\nEnabled: perhaps\n", "x.sources"))
                .hasMessage("x.sources:5: Enabled must be yes or no, not 'perhaps'");
        assertThatThrownBy(() -> AptSourcesParser.parseDeb822("Types: deb\nURIs: http://x/\nSuites: b\n"
                + "Components: main\nSigned-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n abc\n", "x.sources"))
                .hasMessage("x.sources:5: inline Signed-By key has no END PGP PUBLIC KEY BLOCK line");
        assertThatThrownBy(() -> AptSourcesParser.parseDeb822("Types: deb\nURIs: http://x/ http://bad uri/\n",
                "x.sources")).hasMessageStartingWith("x.sources:2:");
    }
}

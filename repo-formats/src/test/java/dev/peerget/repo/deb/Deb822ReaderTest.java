package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.MetadataException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Deb822ReaderTest {

    @Test
    void readsStanzasWithLinesAndCaseInsensitiveNames() {
        List<Stanza> stanzas = Deb822Reader.readAll("\n\nPackage: a\nVersion: 1\n\n\n\npackage: b\n", "f", false);
        assertThat(stanzas).hasSize(2);
        assertThat(stanzas.get(0).line()).isEqualTo(3);
        assertThat(stanzas.get(0).get("PACKAGE")).contains("a");
        assertThat(stanzas.get(1).line()).isEqualTo(8);
        assertThat(stanzas.get(1).value("Package", "?")).isEqualTo("b");
        assertThat(stanzas.get(1).fields()).extracting(Stanza.Field::name).containsExactly("package");
    }

    @Test
    void foldsContinuationLinesKeepingNewlinesAndDots() {
        Stanza s = Deb822Reader.readAll("Description: short\n long one\n .\n  indented\t \nDepends: a,\n b\r\n",
                "f", false).get(0);
        assertThat(s.value("Description", "")).isEqualTo("short\n long one\n .\n  indented");
        assertThat(s.value("Depends", "")).isEqualTo("a,\n b");
        assertThat(s.lineOf("Depends")).isEqualTo(5);
    }

    @Test
    void emptyFirstLineValueAndWhitespaceOnlySeparator() {
        List<Stanza> s = Deb822Reader.readAll("SHA256:\n abc 1 x\n \t\nA: b\n", "f", false);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).value("SHA256", "")).isEqualTo("\n abc 1 x");
    }

    @Test
    void commentsOnlyWhenAllowed() {
        String text = "# comment\nTypes: deb\n# inside\nURIs: http://x/\n";
        assertThat(Deb822Reader.readAll(text, "x.sources", true).get(0).fields()).hasSize(2);
        assertThatThrownBy(() -> Deb822Reader.readAll(text, "Packages", false))
                .isInstanceOf(MetadataException.class).hasMessageStartingWith("Packages:1: expected 'Field: value'");
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> Deb822Reader.readAll(" orphan\n", "f", false))
                .hasMessage("f:1: continuation line without a field to continue");
        assertThatThrownBy(() -> Deb822Reader.readAll("A: 1\nB: 2\na: 3\n", "f", false))
                .hasMessageStartingWith("f:3: field 'a' given twice in one paragraph (first at line 1)");
        assertThatThrownBy(() -> Deb822Reader.readAll("A: 1\n: 2\n", "f", false)).hasMessage("f:2: empty field name");
    }

    @Test
    void toleratesInvalidUtf8AndByteOrderMark() throws IOException {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'A', ':', ' ', 'x', (byte) 0xFF, 'y', '\n'};
        try (Deb822Reader r = new Deb822Reader(new ByteArrayInputStream(bytes), "f")) {
            Stanza s = r.next().orElseThrow();
            assertThat(s.value("A", "")).isEqualTo("x\uFFFDy");
            assertThat(r.next()).isEmpty();
        }
    }

    @Test
    void handlesLinesAcrossBufferBoundariesAndHugeLines() throws IOException {
        StringBuilder sb = new StringBuilder();
        String longValue = "x".repeat(700_000);
        sb.append("Long: ").append(longValue).append('\n');
        for (int i = 0; i < 20_000; i++) {
            sb.append("\nPackage: p").append(i).append("\nDescription: d\n line ").append(i).append('\n');
        }
        // A stream that hands out few bytes per read exercises every refill path.
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(
                sb.toString().getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7919));
            }
        };
        List<Stanza> out = new ArrayList<>();
        try (Deb822Reader r = new Deb822Reader(trickle, "big")) {
            r.forEach(out::add);
        }
        assertThat(out).hasSize(20_001);
        assertThat(out.get(0).value("Long", "")).isEqualTo(longValue);
        assertThat(out.get(20_000).value("Description", "")).isEqualTo("d\n line 19999");
        assertThat(out.get(20_000).line()).isEqualTo(2 + 19_999 * 4 + 1);
    }

    @Test
    void lastLineWithoutNewline() {
        assertThat(Deb822Reader.readAll("A: 1\n b", "f", false).get(0).value("A", "")).isEqualTo("1\n b");
    }
}

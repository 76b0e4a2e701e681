package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.MetadataException;
import dev.peerget.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YumRepoConfigParserTest {
    private static final Map<String, String> VARS = Map.of("releasever", "9", "basearch", "x86_64", "arch", "x86_64",
            "contentdir", "centos");

    private static List<YumRepoConfig> parse(String text) {
        return YumRepoConfigParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.repo", VARS);
    }

    @Test
    void centosStyleFileWithDefaultsAndSubstitution() {
        List<YumRepoConfig> repos = parse("""
                # comment
                [baseos]
                name=CentOS Stream $releasever - BaseOS
                metalink=https://mirrors.centos.org/metalink?repo=centos-baseos-$stream&arch=$basearch
                gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-centosofficial
                gpgcheck=1
                repo_gpgcheck=0
                metadata_expire=6h
                countme=1
                enabled=1

                [appstream-source]
                name = AppStream sources
                baseurl = http://a.example/${contentdir}/${releasever}/AppStream/source/tree/,
                   https://b.example/$contentdir/$releasever/AppStream/source/tree/
                   ftp://c.example/x
                enabled=0
                priority=10
                cost = 500
                skip_if_unavailable=True
                metadata_expire=never
                gpgkey=file:///a.key
                  https://example.org/b.key
                """);
        assertThat(repos).hasSize(2);
        YumRepoConfig base = repos.get(0);
        assertThat(base.id()).isEqualTo("baseos");
        assertThat(base.name()).isEqualTo("CentOS Stream 9 - BaseOS");
        assertThat(base.baseUrls()).isEmpty();
        // $stream is not in the map: kept as written, as dnf does.
        assertThat(base.metalink()).isEqualTo("https://mirrors.centos.org/metalink?repo=centos-baseos-$stream&arch=x86_64");
        assertThat(base.mirrorlist()).isNull();
        assertThat(base.enabled()).isTrue();
        assertThat(base.gpgcheck()).isTrue();
        assertThat(base.repoGpgcheck()).isFalse();
        assertThat(base.gpgKeys()).containsExactly("file:///etc/pki/rpm-gpg/RPM-GPG-KEY-centosofficial");
        assertThat(base.metadataExpireSeconds()).isEqualTo(6 * 3600);
        assertThat(base.priority()).isEqualTo(99);
        assertThat(base.cost()).isEqualTo(1000);
        assertThat(base.skipIfUnavailable()).isFalse();
        assertThat(base.other()).containsExactly(Map.entry("countme", "1"));
        assertThat(base.line()).isEqualTo(2);

        YumRepoConfig src = repos.get(1);
        assertThat(src.baseUrls()).containsExactly("http://a.example/centos/9/AppStream/source/tree/",
                "https://b.example/centos/9/AppStream/source/tree/", "ftp://c.example/x");
        assertThat(src.enabled()).isFalse();
        assertThat(src.priority()).isEqualTo(10);
        assertThat(src.cost()).isEqualTo(500);
        assertThat(src.skipIfUnavailable()).isTrue();
        assertThat(src.metadataNeverExpires()).isTrue();
        assertThat(src.gpgKeys()).containsExactly("file:///a.key", "https://example.org/b.key");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3600|3600", "90m|5400", "2d|172800", "-1|-1", "never|-1", "30s|30"})
    void metadataExpireUnits(String value, long seconds) {
        YumRepoConfig r = parse("[r]\nbaseurl=http://x/\nmetadata_expire=" + value + "\n").get(0);
        assertThat(r.metadataExpireSeconds()).isEqualTo(seconds);
        assertThat(parse("[r]\nmirrorlist=http://x/m\n").get(0).metadataExpireSeconds())
                .isEqualTo(YumRepoConfig.DEFAULT_METADATA_EXPIRE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "baseurl=http://x/|t.repo:1: key 'baseurl' outside any [section]",
        "[a]\\nname=A|t.repo:1: repo 'a' has neither baseurl nor mirrorlist nor metalink",
        "[a]\\nbaseurl=http://x\\n[a]\\nbaseurl=http://y|t.repo:3: repo 'a' already defined at line 1",
        "[a]\\nbaseurl=http://x\\nenabled=maybe|t.repo:3: enabled: 'maybe' is not a boolean (1/0, yes/no, true/false, on/off)",
        "[a]\\nbaseurl=http://x\\npriority=high|t.repo:3: priority: 'high' is not a whole number",
        "[a]\\nbaseurl=http://x\\nmetadata_expire=soon|t.repo:3: metadata_expire: 'soon' is not a duration (e.g. 3600, 90m, 6h, 2d, never)",
        "[a]\\njunk line|t.repo:2: expected key=value but found 'junk line'",
        "[a|t.repo:1: bad section header '[a'"})
    void errorsNameFileAndLine(String text, String message) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n")))
                .isInstanceOf(MetadataException.class).hasMessage(message);
    }

    @Test
    void mainSectionIsNotARepository() {
        assertThat(parse("[main]\ngpgcheck=1\n[x]\nbaseurl=http://x/\n")).extracting(YumRepoConfig::id).containsExactly("x");
    }

    @Test
    void realAzureLinuxRepoFile() throws IOException {
        Path file = Corpus.path("yum/azurelinux-repo/azurelinux-env.repo");
        List<YumRepoConfig> repos;
        try (InputStream in = Files.newInputStream(file)) {
            repos = YumRepoConfigParser.parse(in, file.toString(), VARS);
        }
        assertThat(repos).isNotEmpty();
        assertThat(repos).allMatch(r -> !r.baseUrls().isEmpty() || r.mirrorlist() != null || r.metalink() != null);
        assertThat(repos).allMatch(r -> r.baseUrls().stream().noneMatch(u -> u.contains("$basearch")));
    }
}

package dev.peerget.engine.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerget.cache.RepositoryInfo;
import dev.peerget.model.PackageFormat;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionSimulatorTest {

    /**
     * Each row as apt-get 2.6 -s printed it for a repository whose Release had these fields (apt-ftparchive,
     * fields deleted one by one; served over file: and http://127.0.0.1:18765/).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            MyLabel | 12.5 | stable | http://127.0.0.1:18765/       | MyLabel:12.5/stable
            MyLabel | -    | stable | file:/srv/repo                 | MyLabel:stable
            -       | 12.5 | stable | file:/srv/repo                 | 12.5/stable
            -       | -    | stable | file:/srv/repo                 | stable
            MyLabel | 12.5 | -      | http://127.0.0.1:18765/       | MyLabel:127.0.0.1
            MyLabel | 12.5 | -      | file:/srv/repo                 | MyLabel:localhost
            -       | -    | -      | file:/srv/repo                 | localhost
            Debian  | 12.5 | stable | http://deb.debian.org/debian   | Debian:12.5/stable
            """)
    void releasesAreNamedAsAptGetSimulateNamesThem(String label, String version, String suite, String uri,
            String expected) {
        RepositoryInfo info = new RepositoryInfo("deb " + uri + " bookworm", PackageFormat.DEB, uri + " bookworm",
                uri, "bookworm", 500, 0, Instant.EPOCH, null, null, "", "SomeOrigin", label, "bookworm", "")
                .withArchive(suite).withReleaseVersion(version);
        assertThat(TransactionSimulator.aptRelease(info)).isEqualTo(expected);
    }
}

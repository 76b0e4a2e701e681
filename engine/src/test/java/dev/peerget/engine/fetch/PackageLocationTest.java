package dev.peerget.engine.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.cache.MetadataStore;
import dev.peerget.cache.RepositoryInfo;
import dev.peerget.engine.TestSystem;
import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.repo.VerificationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package location from an index is a path inside its repository, or the package is refused. */
class PackageLocationTest {
    @TempDir
    Path root;

    private List<dev.peerget.fetch.swarm.FetchItem> items(String location) {
        TestSystem system = new TestSystem(root);
        PackageRecord p = PackageRecord.builder(PackageFormat.RPM, "evil", "1.0-1", "noarch").size(10)
                .location(location).checksum(new Checksum(HashAlgorithm.SHA256, "b".repeat(64))).build();
        try (MetadataStore store = MetadataStore.open(system.layout().metadataDatabase())) {
            store.replaceRepository(new RepositoryInfo("rpm fixture", PackageFormat.RPM, "fixture",
                    "http://127.0.0.1:9/repo/", "", 99, 1000, Instant.now(), null, null, "", "", "fixture", "", ""),
                    sink -> sink.add("", p));
            return new FetchWorkflow(system.context(), store).items(List.of(p));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/var/cache/peerget/partial/x.download.partial", "../../etc/shadow",
        "Packages/../../x.rpm", "http://evil.example/x.rpm", "file:/etc/shadow", ""})
    void aLocationOutsideTheRepositoryIsRefused(String location) {
        assertThatThrownBy(() -> items(location)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("evil 1.0-1").hasMessageContaining("not a path inside the repository");
    }

    @Test
    void aRelativeLocationBecomesAMirrorUrl() {
        assertThat(items("Packages/e/evil-1.0-1.noarch.rpm")).singleElement()
                .satisfies(i -> assertThat(i.mirrors()).extracting(Object::toString)
                        .containsExactly("http://127.0.0.1:9/repo/Packages/e/evil-1.0-1.noarch.rpm"));
    }
}

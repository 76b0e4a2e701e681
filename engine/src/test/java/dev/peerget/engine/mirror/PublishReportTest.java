package dev.peerget.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishReportTest {
    private static PublishReport report(String signedWith, String suggestedKey, Path suite) {
        return new PublishReport("apt", suite, "debian", List.of(), List.of(), List.of(),
                List.of(new IndexSignature(suite.resolve("Release"), suite.resolve("InRelease"),
                        IndexSignature.Kind.CLEARSIGNED)), signedWith, suggestedKey, List.of());
    }

    @Test
    void commandsQuoteWhatAShellWouldSplitAndNameAPlaceholderKeyWhenUnknown() {
        PublishReport r = report(null, null, Path.of("/srv/my mirror/it's/dists/stable"));
        assertThat(r.resignCommands()).containsExactly("gpg --batch --yes --local-user KEYID --digest-algo SHA512"
                + " --clearsign --output '/srv/my mirror/it'\\''s/dists/stable/InRelease'"
                + " '/srv/my mirror/it'\\''s/dists/stable/Release'");
    }

    @Test
    void nothingToRunOnceSigned() {
        PublishReport r = report("ABCD", "ABCD", Path.of("/srv/debian/dists/stable"));
        assertThat(r.resignCommands()).isEmpty();
        assertThat(r.changedFiles()).containsExactly(Path.of("/srv/debian/dists/stable/InRelease"));
    }
}

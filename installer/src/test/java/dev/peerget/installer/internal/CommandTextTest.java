package dev.peerget.installer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTextTest {
    @Test
    void everyArgumentSurvivesTheRoundTrip() {
        List<String> args = List.of("dpkg", "--unpack", "/tmp/with space/a.deb", "back\\slash", "new\nline", "",
                "trailing\\");
        assertThat(CommandText.split(CommandText.join(args))).isEqualTo(args);
        assertThat(CommandText.join(List.of("a", "b c"))).isEqualTo("a\nb c");
    }
}

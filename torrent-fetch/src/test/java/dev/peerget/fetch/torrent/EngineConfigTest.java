package dev.peerget.fetch.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    private static EngineConfig listening(String interfaces) {
        return EngineConfig.of(Path.of("/nonexistent"), interfaces, true);
    }

    @Test
    void theFirstInterfacesPortIsKnownBeforeTheEngineStartsUnlessItIsPickedThen() {
        assertThat(listening("0.0.0.0:6881,[::]:6881").fixedListenPort()).hasValue(6881);
        assertThat(listening("[::1]:7000").fixedListenPort()).hasValue(7000);
        assertThat(listening(" 127.0.0.1:51413 ").fixedListenPort()).hasValue(51413);
        assertThat(listening("127.0.0.1:0").fixedListenPort()).isEmpty();
        assertThat(listening("eth0").fixedListenPort()).isEmpty();
        assertThat(listening("127.0.0.1:70000").fixedListenPort()).isEmpty();
        assertThat(listening("127.0.0.1:x").fixedListenPort()).isEmpty();
    }
}

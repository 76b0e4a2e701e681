package dev.peerget.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAutomaticAndHeldMarks() {
        MarkStore store = new MarkStore(dir.resolve("extended_states"));
        assertThat(store.read()).isEqualTo(PackageMarks.NONE);
        store.write(PackageMarks.NONE.withAutomatic("libfoo1", "amd64", true).withHeld("bash", "amd64", true));
        PackageMarks read = store.read();
        assertThat(read.isAutomatic("libfoo1", "amd64")).isTrue();
        assertThat(read.isAutomatic("libfoo1", "i386")).isFalse();
        assertThat(read.isHeld("bash")).isTrue();
        assertThat(read.isHeld("bas")).isFalse();
        assertThat(read.heldNames()).containsExactly("bash");
        store.write(read.withAutomatic("libfoo1", "amd64", false));
        assertThat(store.read().automatic()).isEmpty();
    }

    @Test
    void readsAptsExtendedStatesWhereArchAllIsRecordedUnderTheNativeArch() throws Exception {
        Path apt = dir.resolve("apt-extended_states");
        Files.writeString(apt, """
                Package: python3-six
                Architecture: amd64
                Auto-Installed: 1

                Package: hello
                Architecture: amd64
                Auto-Installed: 0

                """);
        PackageMarks marks = PackageMarks.NONE.withAutomaticFrom(new MarkStore(apt).read());
        assertThat(marks.isAutomatic("python3-six", "all")).isTrue();
        assertThat(marks.isAutomatic("hello", "amd64")).isFalse();
        assertThat(marks.isAutomatic("python3", "all")).isFalse();
    }

    @Test
    void anExplicitManualMarkOutweighsAptsAutomaticOne() throws Exception {
        Path apt = dir.resolve("apt-extended_states");
        Files.writeString(apt, "Package: libfoo1\nArchitecture: amd64\nAuto-Installed: 1\n\n"
                + "Package: libbar1\nArchitecture: amd64\nAuto-Installed: 1\n\n");
        MarkStore own = new MarkStore(dir.resolve("extended_states"));
        own.write(PackageMarks.NONE.withAutomatic("libfoo1", "amd64", false).withHeld("bash", "amd64", true));
        assertThat(Files.readString(dir.resolve("extended_states")))
                .contains("Package: libfoo1\nArchitecture: amd64\nAuto-Installed: 0\n")
                .contains("Package: bash\nArchitecture: amd64\nHold: 1\n");
        PackageMarks merged = own.read().withAutomaticFrom(new MarkStore(apt).read());
        assertThat(merged.isAutomatic("libfoo1", "amd64")).isFalse();
        assertThat(merged.isAutomatic("libbar1", "amd64")).isTrue();
        assertThat(merged.isAutomatic("bash", "amd64")).isFalse();
        // marked automatic again, then removed: nothing is left of it
        PackageMarks again = own.read().withAutomatic("libfoo1", "amd64", true);
        assertThat(again.withAutomaticFrom(new MarkStore(apt).read()).isAutomatic("libfoo1", "amd64")).isTrue();
        assertThat(again.without("libfoo1", "amd64").manual()).isEmpty();
        assertThat(again.without("libfoo1", "amd64").automatic()).isEmpty();
    }
}

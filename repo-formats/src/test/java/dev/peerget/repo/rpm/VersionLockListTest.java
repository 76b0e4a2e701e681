package dev.peerget.repo.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionLockListTest {
    /** As {@code dnf versionlock add bash} and {@code dnf versionlock exclude kernel-6.5.6-300.fc39} write it. */
    private static final VersionLockList LIST = VersionLockList.parse("""
            # Added lock on Sun Nov 22 10:00:00 2026
            bash-0:5.2.15-3.fc38.*

            # Added exclude on Sun Nov 22 10:01:00 2026
            !kernel-core-0:6.5.6-300.fc39.*
            python3-libs-3.11.*-1.fc38
            """);

    @Test
    void aLockedNameKeepsOnlyItsLockedVersions() {
        assertThat(LIST.allows("bash", "5.2.15-3.fc38", "x86_64")).isTrue();
        assertThat(LIST.allows("bash", "0:5.2.15-3.fc38", "x86_64")).isTrue();
        assertThat(LIST.allows("bash", "5.2.21-1.fc38", "x86_64")).isFalse();
        assertThat(LIST.allows("bash", "1:5.2.15-3.fc38", "x86_64")).as("another epoch").isFalse();
    }

    @Test
    void anExclusionRemovesOnlyThatVersionAndOtherNamesAreFree() {
        assertThat(LIST.allows("kernel-core", "6.5.6-300.fc39", "x86_64")).isFalse();
        assertThat(LIST.allows("kernel-core", "6.5.7-300.fc39", "x86_64")).isTrue();
        assertThat(LIST.allows("zsh", "5.9-5.fc38", "x86_64")).isTrue();
        assertThat(LIST.allows("bash-completion", "1:2.11-9.fc38", "noarch")).as("a longer name").isTrue();
    }

    @Test
    void aPatternWithoutEpochMatchesAnyEpochAndWildcardsWork() {
        assertThat(LIST.allows("python3-libs", "3.11.4-1.fc38", "x86_64")).isTrue();
        assertThat(LIST.allows("python3-libs", "2:3.11.9-1.fc38", "i686")).isTrue();
        assertThat(LIST.allows("python3-libs", "3.12.0-1.fc38", "x86_64")).isFalse();
        assertThat(LIST.allows("python3", "3.12.0-1.fc38", "x86_64")).as("the name is python3-libs").isTrue();
    }

    @Test
    void aNameAloneLocksNothingButExcludesEveryVersion() {
        VersionLockList names = VersionLockList.parse("!telnet\nsudo\n");
        assertThat(names.allows("telnet", "0.17-89.fc38", "x86_64")).isFalse();
        assertThat(names.allows("sudo", "1.9.13-2.p2.fc38", "x86_64")).isTrue();
        assertThat(VersionLockList.parse("# nothing\n").isEmpty()).isTrue();
        assertThat(dev.peerget.repo.Globs.fnmatch("kernel-[!d]*").matcher("kernel-core").matches()).isTrue();
        assertThat(dev.peerget.repo.Globs.fnmatch("kernel-[!d]*").matcher("kernel-devel").matches()).isFalse();
    }
}

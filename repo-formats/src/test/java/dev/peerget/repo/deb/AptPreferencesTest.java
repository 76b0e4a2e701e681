package dev.peerget.repo.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerget.repo.MetadataException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AptPreferencesTest {
    private static AptPreferences parse(String... namesAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            files.put(namesAndTexts[i], namesAndTexts[i + 1]);
        }
        return AptPreferences.parse(files);
    }

    private static AptPreferences.Target bookworm(String name, String version) {
        return new AptPreferences.Target(name, version, "amd64", "main", "stable", "bookworm", "Debian", "Debian",
                "deb.debian.org");
    }

    private static AptPreferences.Target backports(String name, String version) {
        return new AptPreferences.Target(name, version, "amd64", "main", "stable-backports", "bookworm-backports",
                "Debian Backports", "Debian Backports", "deb.debian.org");
    }

    /** The examples of apt_preferences(5), as users write them. */
    private static final AptPreferences PREFS = parse("/etc/apt/preferences", """
            # comments are allowed
            Explanation: the kernel from backports
            Package: linux-image-* /^firmware-/
            Pin: release n=bookworm-backports
            Pin-Priority: 990

            Package: perl
            Pin: version 5.36*
            Pin-Priority: 1001

            Package: *
            Pin: release a=stable-backports
            Pin-Priority: 200
            """, "/etc/apt/preferences.d/local.pref", """
            Package: *
            Pin: release o=Debian Backports, c=main
            Pin-Priority: 300

            Package: *
            Pin: origin "deb.example.org"
            Pin-Priority: -10
            """);

    @Test
    void aSpecificRecordWinsAndGenericOnesGiveTheirHighestPriority() {
        assertThat(PREFS.priority(backports("linux-image-amd64", "6.10.1-1~bpo12+1"))).hasValue(990);
        assertThat(PREFS.priority(backports("firmware-misc-nonfree", "20240709-1~bpo12+1"))).as("a regex")
                .hasValue(990);
        assertThat(PREFS.priority(backports("hello", "2.10-3~bpo12+1"))).as("max of 200 and 300").hasValue(300);
        assertThat(PREFS.priority(bookworm("linux-image-amd64", "6.1.115-1"))).as("no record").isEmpty();
        assertThat(PREFS.priority(bookworm("perl", "5.36.0-7"))).hasValue(1001);
        assertThat(PREFS.priority(bookworm("perl", "5.38.2-5"))).isEmpty();
    }

    @Test
    void originPinsMatchTheRepositoryHost() {
        AptPreferences.Target local = new AptPreferences.Target("tool", "1.0", "amd64", "main", "stable", "stable",
                "Example", "Example", "deb.example.org");
        assertThat(PREFS.priority(local)).hasValue(-10);
    }

    @Test
    void aRecordAptWouldRefuseIsAnErrorNamingTheFileAndLine() {
        assertThatThrownBy(() -> parse("/etc/apt/preferences.d/bad", "Package: hello\nPin: release a=stable\n"))
                .isInstanceOf(MetadataException.class).hasMessageContaining("/etc/apt/preferences.d/bad:1")
                .hasMessageContaining("Pin-Priority");
        assertThatThrownBy(() -> parse("p", "Package: hello\nPin: releases a=stable\nPin-Priority: 1\n"))
                .hasMessageContaining("unknown pin type 'releases'");
        assertThat(parse().isEmpty()).isTrue();
        assertThat(parse("p", "Package: *\nPin: release stable\nPin-Priority: 50\n")
                .priority(bookworm("x", "1"))).isEqualTo(OptionalInt.of(50));
    }
}

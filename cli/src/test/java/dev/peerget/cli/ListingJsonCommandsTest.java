package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code --json} on the listings that need installed packages (issue #2): check-update and mark's show*, against
 * the fixture apt repository over loopback HTTP with the real dpkg installing into a throwaway root.
 */
class ListingJsonCommandsTest extends AptFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void checkUpdateJsonListsTheUpgradesAndKeepsDnfsExitCode() throws Exception {
        CliRun none = client.peerget("check-update", "--json");
        assertThat(none.exitCode()).as(none.stderr()).isZero();
        assertThat(JSON.readTree(none.stdout()).isArray()).isTrue();
        assertThat(JSON.readTree(none.stdout())).isEmpty();

        assertThat(client.peerget("install", "-y", "pg-libgreet=1.0-1").exitCode()).isZero();
        CliRun some = client.peerget("check-update", "--json");
        assertThat(some.exitCode()).as("dnf's 100: updates available").isEqualTo(100);
        JsonNode json = JSON.readTree(some.stdout());
        assertThat(json.size()).isEqualTo(1);
        JsonNode e = json.get(0);
        assertThat(e.get("name").asText()).isEqualTo("pg-libgreet");
        assertThat(e.get("arch").asText()).isEqualTo("amd64");
        assertThat(e.get("version").asText()).isEqualTo("1.1-1");
        assertThat(e.get("installed_version").asText()).isEqualTo("1.0-1");
        assertThat(e.get("origin").asText())
                .isEqualTo(JSON.readTree(client.peerget("list", "--json", "--upgradable").stdout())
                        .get(0).get("origin").asText()).isNotEmpty();
    }

    @Test
    void markListingsPrintObjectsWithJson() throws Exception {
        assertThat(client.peerget("install", "-y", "pg-hello").exitCode()).isZero();
        assertThat(client.peerget("mark", "hold", "pg-libgreet").exitCode()).isZero();

        JsonNode manual = JSON.readTree(client.peerget("mark", "showmanual", "--json").stdout());
        assertThat(manual.findValuesAsText("name")).containsExactly("pg-hello");
        assertThat(manual.get(0).get("arch").asText()).isEqualTo("amd64");
        assertThat(manual.get(0).get("version").asText()).isEqualTo("1.0-1");
        assertThat(manual.get(0).get("automatic").asBoolean()).isFalse();

        JsonNode auto = JSON.readTree(client.peerget("mark", "showauto", "--json").stdout());
        assertThat(auto.findValuesAsText("name")).contains("pg-data", "pg-libgreet").doesNotContain("pg-hello")
                .isSorted();
        assertThat(auto.findValuesAsText("automatic")).containsOnly("true");

        CliRun held = client.peerget("mark", "showhold", "--json");
        assertThat(held.exitCode()).isZero();
        JsonNode hold = JSON.readTree(held.stdout());
        assertThat(hold.findValuesAsText("name")).containsExactly("pg-libgreet");
        assertThat(hold.get(0).get("held").asBoolean()).isTrue();
        assertThat(hold.get(0).get("automatic").asBoolean()).isTrue();

        assertThat(client.peerget("mark", "showhold").stdout()).as("text unchanged: names only")
                .isEqualTo("pg-libgreet\n");
    }

    @Test
    void seedStatusJsonIsAnArrayEmptyWhenNothingIsSeeded() throws Exception {
        // The objects, one per torrent with the seeding process's pid, are checked in SwarmInstallTest.
        CliRun none = client.peerget("seed", "status", "--json");
        assertThat(none.exitCode()).as(none.stderr()).isZero();
        JsonNode json = JSON.readTree(none.stdout());
        assertThat(json.isArray()).as(none.stdout()).isTrue();
        assertThat(json).isEmpty();
    }

    @Test
    void jsonWithAMarkActionThatListsNothingIsAUsageError() throws Exception {
        assertThat(client.peerget("install", "-y", "pg-libgreet").exitCode()).isZero();
        CliRun r = client.peerget("mark", "hold", "--json", "pg-libgreet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("E: --json goes with the listings showauto, showmanual and showhold");
        assertThat(client.peerget("mark", "showhold").stdout()).as("nothing was held").isEmpty();
    }
}

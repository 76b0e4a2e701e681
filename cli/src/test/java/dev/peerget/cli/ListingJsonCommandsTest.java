package dev.peerget.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerget.testing.FixtureRepos;
import dev.peerget.testing.StaticHttpServer;
import dev.peerget.testing.ThrowawayRoot;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on the listings that need installed packages (issue #2): check-update and mark's show*, against
 * the fixture apt repository over loopback HTTP with the real dpkg installing into a throwaway root.
 */
class ListingJsonCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private StaticHttpServer server;
    private ThrowawayRoot root;

    @BeforeEach
    void setUp() throws Exception {
        FixtureRepos fixtures = FixtureRepos.get().copyTo(dir.resolve("mirror"));
        server = StaticHttpServer.serve(fixtures.root());
        root = FixtureClients.aptClient(dir.resolve("root"), fixtures, server.baseUri(), "seed = off\n");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun run(String... args) {
        return CliRun.in(root, args);
    }

    @Test
    void checkUpdateJsonListsTheUpgradesAndKeepsDnfsExitCode() throws Exception {
        CliRun none = run("check-update", "--json");
        assertThat(none.exitCode()).as(none.stderr()).isZero();
        assertThat(JSON.readTree(none.stdout()).isArray()).isTrue();
        assertThat(JSON.readTree(none.stdout())).isEmpty();

        assertThat(run("install", "-y", "pg-libgreet=1.0-1").exitCode()).isZero();
        CliRun some = run("check-update", "--json");
        assertThat(some.exitCode()).as("dnf's 100: updates available").isEqualTo(100);
        JsonNode json = JSON.readTree(some.stdout());
        assertThat(json.size()).isEqualTo(1);
        JsonNode e = json.get(0);
        assertThat(e.get("name").asText()).isEqualTo("pg-libgreet");
        assertThat(e.get("arch").asText()).isEqualTo("amd64");
        assertThat(e.get("version").asText()).isEqualTo("1.1-1");
        assertThat(e.get("installed_version").asText()).isEqualTo("1.0-1");
        assertThat(e.get("origin").asText()).isEqualTo(JSON.readTree(run("list", "--json", "--upgradable").stdout())
                .get(0).get("origin").asText()).isNotEmpty();
    }

    @Test
    void markListingsPrintObjectsWithJson() throws Exception {
        assertThat(run("install", "-y", "pg-hello").exitCode()).isZero();
        assertThat(run("mark", "hold", "pg-libgreet").exitCode()).isZero();

        JsonNode manual = JSON.readTree(run("mark", "showmanual", "--json").stdout());
        assertThat(manual.findValuesAsText("name")).containsExactly("pg-hello");
        assertThat(manual.get(0).get("arch").asText()).isEqualTo("amd64");
        assertThat(manual.get(0).get("version").asText()).isEqualTo("1.0-1");
        assertThat(manual.get(0).get("automatic").asBoolean()).isFalse();

        JsonNode auto = JSON.readTree(run("mark", "showauto", "--json").stdout());
        assertThat(auto.findValuesAsText("name")).contains("pg-data", "pg-libgreet").doesNotContain("pg-hello")
                .isSorted();
        assertThat(auto.findValuesAsText("automatic")).containsOnly("true");

        CliRun held = run("mark", "showhold", "--json");
        assertThat(held.exitCode()).isZero();
        JsonNode hold = JSON.readTree(held.stdout());
        assertThat(hold.findValuesAsText("name")).containsExactly("pg-libgreet");
        assertThat(hold.get(0).get("held").asBoolean()).isTrue();
        assertThat(hold.get(0).get("automatic").asBoolean()).isTrue();

        assertThat(run("mark", "showhold").stdout()).as("text unchanged: names only").isEqualTo("pg-libgreet\n");
    }

    @Test
    void jsonWithAMarkActionThatListsNothingIsAUsageError() throws Exception {
        assertThat(run("install", "-y", "pg-libgreet").exitCode()).isZero();
        CliRun r = run("mark", "hold", "--json", "pg-libgreet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("E: --json goes with the listings showauto, showmanual and showhold");
        assertThat(run("mark", "showhold").stdout()).as("nothing was held").isEmpty();
    }
}

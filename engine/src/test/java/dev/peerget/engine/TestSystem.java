package dev.peerget.engine;

import dev.peerget.engine.config.Setting;
import dev.peerget.engine.config.Settings;
import dev.peerget.model.Layout;
import dev.peerget.testing.FixtureRepos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A throwaway root directory configured like a real system: an apt source and a yum repository pointing at
 * the fixture repositories served over loopback, with their keys inside the root.
 */
public final class TestSystem {
    private final Path root;
    private Settings settings = Settings.defaults().with(Setting.ARCHITECTURE, "amd64")
            .with(Setting.RETRIES, "0").with(Setting.TIMEOUT, "5").with(Setting.RELEASEVER, "1");
    private Clock clock = Clock.systemUTC();

    public TestSystem(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Layout layout() {
        return new Layout(root);
    }

    /** Adds {@code deb [signed-by=...] URI stable main contrib} with {@code key} copied into the root. */
    public TestSystem aptSource(URI uri, Path key) {
        try {
            Path keyInRoot = root.resolve("usr/share/keyrings/fixture.gpg");
            Files.createDirectories(keyInRoot.getParent());
            Files.copy(key, keyInRoot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return write("etc/apt/sources.list",
                    "# fixture\ndeb [signed-by=/usr/share/keyrings/fixture.gpg] " + uri + " stable main contrib\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code etc/yum.repos.d/fixture.repo} for {@code uri} with repo_gpgcheck and the key inside the root. */
    public TestSystem yumRepo(URI uri, Path key) {
        try {
            Path keyInRoot = root.resolve("etc/pki/rpm-gpg/RPM-GPG-KEY-fixture");
            Files.createDirectories(keyInRoot.getParent());
            Files.copy(key, keyInRoot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return write("etc/yum.repos.d/fixture.repo", "[fixture]\nname=Fixture $releasever - $basearch\n"
                    + "baseurl=" + uri + "\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\n"
                    + "gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-fixture\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both fixture repositories, served by {@code server} from {@code fixtures}' root. */
    public TestSystem fixtures(FixtureRepos fixtures, URI serverBase) {
        return aptSource(serverBase.resolve("apt/"), fixtures.keyBinary())
                .yumRepo(serverBase.resolve("yum/"), fixtures.keyArmored());
    }

    public TestSystem write(String relative, String content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestSystem set(Setting setting, String value) {
        settings = settings.with(setting, value);
        return this;
    }

    public TestSystem at(Instant now) {
        clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    public EngineContext context() {
        return EngineContext.create(layout(), settings, ToolLocator.fromPath(System.getenv("PATH")), clock, "amd64");
    }

    public Peerget engine() {
        return Peerget.open(context());
    }
}

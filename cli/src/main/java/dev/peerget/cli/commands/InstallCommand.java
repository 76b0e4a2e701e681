package dev.peerget.cli.commands;

import dev.peerget.engine.plan.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code install}: Install packages and what they depend on. */
@Command(name = "install", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Install packages and what they depend on (PKG, PKG=VERSION, PKG/SUITE, PKG:ARCH; on RPM systems also dnf's PKG.ARCH and PKG-[EPOCH:]VERSION-RELEASE[.ARCH]; ./file.deb or ./file.rpm; PKG- removes PKG), then fetch, verify and install them with dpkg or rpm after confirmation.")
public final class InstallCommand extends PlanningCommand {
    @Parameters(arity = "0..*", paramLabel = "PKG", description = "Packages.")
    List<String> packages = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--reinstall", description = "Reinstall the named packages that are "
            + "installed, at their installed version (as apt-get install --reinstall); install the others.")
    boolean reinstall;

    @Override
    boolean reinstall() {
        return reinstall;
    }

    @Override
    PlanRequest.Operation operation() {
        return PlanRequest.Operation.INSTALL;
    }

    @Override
    List<String> specs() {
        return packages;
    }
}

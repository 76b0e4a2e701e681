package dev.peerget.cli.commands;

import dev.peerget.engine.plan.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dist-upgrade}: Upgrade installed packages, installing and removing packages as needed. */
@Command(name = "dist-upgrade", aliases = "full-upgrade", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Upgrade installed packages, installing and removing packages as needed.")
public final class DistUpgradeCommand extends PlanningCommand {
    @Parameters(arity = "0..*", paramLabel = "PKG", description = "Packages.")
    List<String> packages = new ArrayList<>();

    @Override
    PlanRequest.Operation operation() {
        return PlanRequest.Operation.DIST_UPGRADE;
    }

    @Override
    List<String> specs() {
        return packages;
    }
}

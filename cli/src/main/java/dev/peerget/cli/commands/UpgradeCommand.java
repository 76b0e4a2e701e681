package dev.peerget.cli.commands;

import dev.peerget.engine.plan.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code upgrade}: Upgrade installed packages (all, or those named) without installing new packages or removing any. */
@Command(name = "upgrade", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Upgrade installed packages (all, or those named) without installing new packages or removing any.")
public final class UpgradeCommand extends PlanningCommand {
    @Parameters(arity = "0..*", paramLabel = "PKG", description = "Packages.")
    List<String> packages = new ArrayList<>();

    @Override
    PlanRequest.Operation operation() {
        return PlanRequest.Operation.UPGRADE;
    }

    @Override
    List<String> specs() {
        return packages;
    }
}

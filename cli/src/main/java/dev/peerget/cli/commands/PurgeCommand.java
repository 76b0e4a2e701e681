package dev.peerget.cli.commands;

import dev.peerget.engine.plan.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code purge}: Remove packages and their configuration files. */
@Command(name = "purge", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Remove packages and their configuration files.")
public final class PurgeCommand extends PlanningCommand {
    @Parameters(arity = "1..*", paramLabel = "PKG", description = "Packages.")
    List<String> packages = new ArrayList<>();

    @Override
    PlanRequest.Operation operation() {
        return PlanRequest.Operation.PURGE;
    }

    @Override
    List<String> specs() {
        return packages;
    }
}

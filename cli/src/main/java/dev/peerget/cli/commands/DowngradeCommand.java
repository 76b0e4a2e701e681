package dev.peerget.cli.commands;

import dev.peerget.engine.Peerget;
import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.engine.query.DowngradeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code downgrade}: dnf's downgrade, each installed build to the next lower available version. */
@Command(name = "downgrade", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Replace installed packages by the highest available version below the installed one, as "
                + "dnf downgrade does (on Debian too); what they need changes with them.")
public final class DowngradeCommand extends PlanningCommand {
    @Parameters(arity = "1..*", paramLabel = "PKG", description = "Installed packages, by name.")
    List<String> packages = new ArrayList<>();

    private Set<String> automatic = Set.of();

    @Override
    PlanRequest.Operation operation() {
        return PlanRequest.Operation.INSTALL;
    }

    @Override
    List<String> specs() {
        return packages;
    }

    @Override
    List<String> specs(Peerget engine) {
        options.allowDowngrades = true;
        DowngradeRequest request = engine.queries().downgrade(engine.context().layout(), packages);
        automatic = request.automatic();
        java.io.PrintWriter out = options.json ? invocation().console().err() : invocation().reportConsole().out();
        request.notes().forEach(out::println);
        if (request.specs().isEmpty()) {
            throw new dev.peerget.engine.EngineException("No packages marked for downgrade.",
                    "see 'peerget list --all NAME' for the versions there are");
        }
        return request.specs();
    }

    /** A downgraded dependency stays a dependency, as with dnf. */
    @Override
    Set<String> markAutomatic() {
        return automatic;
    }
}

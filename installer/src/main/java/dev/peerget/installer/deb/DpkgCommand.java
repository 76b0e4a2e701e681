package dev.peerget.installer.deb;

import dev.peerget.installer.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The operation part of a dpkg command line for one {@link DpkgOrdering.Batch}, as apt writes it. */
final class DpkgCommand {
    static final Set<String> OPERATIONS = Set.of("--remove", "--purge", "--unpack", "--configure");

    private DpkgCommand() {
    }

    static List<String> operation(DpkgOrdering.Batch batch) {
        return operation(batch, UnaryOperator.identity());
    }

    /** The operation, with {@code file} giving the file dpkg unpacks for each step's own file. */
    static List<String> operation(DpkgOrdering.Batch batch, UnaryOperator<Path> file) {
        List<String> args = new ArrayList<>();
        switch (batch.kind()) {
            // The plan is consistent as a whole; a removal may break a dependency until the replacement is
            // configured, which apt allows the same way.
            case REMOVE -> args.addAll(List.of("--force-depends", "--remove"));
            case PURGE -> args.addAll(List.of("--force-depends", "--purge"));
            // Breaks on a package that is upgraded later in the run: dpkg deconfigures it meanwhile (apt does too).
            case UNPACK -> args.addAll(List.of("--auto-deconfigure", "--unpack"));
            case CONFIGURE -> args.add("--configure");
        }
        for (Step s : batch.steps()) {
            args.add(s instanceof Step.Install i && batch.kind() == DpkgOrdering.Kind.UNPACK
                    ? file.apply(i.file()).toString() : s.name() + ":" + s.arch());
        }
        return args;
    }
}

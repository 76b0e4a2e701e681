package dev.peerget.cli.commands;

import dev.peerget.cache.MarkStore;
import dev.peerget.cache.PackageMarks;
import dev.peerget.cli.PeergetCommand;
import dev.peerget.engine.EngineException;
import dev.peerget.engine.Peerget;
import dev.peerget.model.InstalledPackage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mark}: apt-mark's auto/manual/hold/unhold and the show* listings. */
@Command(name = "mark", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Mark installed packages as automatically or manually installed (autoremove removes automatic "
                + "ones nothing needs), or hold them at their version. ACTION is auto, manual, hold, unhold, "
                + "showauto, showmanual or showhold.")
public final class MarkCommand implements Callable<Integer> {
    @ParentCommand
    PeergetCommand parent;

    @Parameters(index = "0", paramLabel = "ACTION", description = "auto, manual, hold, unhold, showauto, showmanual, showhold")
    String action;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PKG", description = "Installed packages (NAME or NAME:ARCH).")
    List<String> packages = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = parent.invocation().console().out();
        try (Peerget engine = parent.invocation().engine()) {
            MarkStore store = engine.marks();
            PackageMarks marks = store.read();
            // What apt marked as automatically installed counts too (read only; peerget writes its own file).
            PackageMarks shown = marks.withAutomaticFrom(new MarkStore(engine.context().layout().aptExtendedStates())
                    .read());
            List<InstalledPackage> installed = engine.installed().packages().stream()
                    .filter(InstalledPackage::isInstalled).toList();
            switch (action) {
                case "showauto", "showmanual", "showhold" -> {
                    TreeSet<String> names = new TreeSet<>();
                    for (InstalledPackage p : installed) {
                        String n = p.record().name();
                        String a = p.record().arch();
                        boolean auto = shown.isAutomatic(n, a);
                        if ((action.equals("showauto") && auto) || (action.equals("showmanual") && !auto)
                                || (action.equals("showhold")
                                        && (p.held() || marks.held().contains(PackageMarks.key(n, a))))) {
                            names.add(n);
                        }
                    }
                    names.forEach(out::println);
                    return 0;
                }
                case "auto", "manual", "hold", "unhold" -> {
                    if (packages.isEmpty()) {
                        throw new EngineException("mark " + action + " needs package names", "see 'peerget mark --help'");
                    }
                    List<InstalledPackage> chosen = new ArrayList<>();
                    List<String> messages = new ArrayList<>();
                    for (String spec : packages) {
                        int colon = spec.indexOf(':');
                        String name = colon > 0 ? spec.substring(0, colon) : spec;
                        List<InstalledPackage> matches = installed.stream().filter(p -> p.record().name().equals(name)
                                && (colon < 0 || p.record().arch().equals(spec.substring(colon + 1)))).toList();
                        if (matches.isEmpty()) {
                            throw new EngineException("package " + spec + " is not installed, so it cannot be marked",
                                    "check the name with 'peerget list --installed'");
                        }
                        chosen.addAll(matches);
                        messages.add(switch (action) {
                            case "auto" -> name + " set to automatically installed.";
                            case "manual" -> name + " set to manually installed.";
                            case "hold" -> name + " set on hold.";
                            default -> "Canceled hold on " + name + ".";
                        });
                    }
                    if (action.equals("hold") || action.equals("unhold")) {
                        // Also dpkg's selection, as apt-mark does: apt and dpkg then respect the hold too.
                        engine.setHeld(chosen, action.equals("hold"));
                    } else {
                        for (InstalledPackage p : chosen) {
                            marks = marks.withAutomatic(p.record().name(), p.record().arch(), action.equals("auto"));
                        }
                        store.write(marks);
                    }
                    messages.forEach(out::println);
                    return 0;
                }
                default -> throw new EngineException("unknown mark action '" + action + "'",
                        "use auto, manual, hold, unhold, showauto, showmanual or showhold");
            }
        }
    }
}

package dev.peerget.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options shared by the commands that plan changes (install, remove, upgrade, ...). */
public final class PlanOptions {
    @Option(names = {"-s", "--simulate", "--dry-run", "--just-print", "--no-act"},
            description = "Only show what would be done. After the plan come apt-get -s's Inst, Conf, Remv and "
                    + "Purg lines, in the order of the dpkg runs (rpm: in the plan's order, without Conf lines).")
    public boolean simulate;

    @Option(names = {"--assume-no", "--assumeno"}, description = "Answer no to every question: show the plan, then stop with "
            + "exit status 1 when it would change anything (as apt-get and dnf do).")
    public boolean assumeNo;

    @Option(names = {"-y", "--yes", "--assumeyes"}, description = "Answer yes to every question.")
    public boolean assumeYes;

    @Option(names = {"-d", "--download-only", "--downloadonly"},
            description = "Fetch and verify the package files into the cache, then stop: install nothing.")
    public boolean downloadOnly;

    @Option(names = {"-f", "--fix-broken"}, description = "Also repair the installed packages, as apt-get -f: "
            + "install the dependencies they miss, or remove what cannot be kept. 'install -f' with no packages "
            + "only repairs (with nothing broken it changes nothing). Without -f, on Debian systems every planning "
            + "command refuses (exit status 3) while installed packages have unmet dependencies, as apt-get does; "
            + "dnf has no such option, so on RPM systems -f is accepted and nothing is refused.")
    public boolean fixBroken;

    @Option(names = "--no-install-recommends", description = "Do not install recommended (weak) dependencies.")
    public boolean noRecommends;

    @Option(names = "--install-recommends", description = "Install recommended (weak) dependencies (the default "
            + "unless install_recommends = false).")
    public boolean recommends;

    @Option(names = "--allow-downgrades", description = "Allow replacing installed packages by lower versions.")
    public boolean allowDowngrades;

    @Option(names = "--allow-change-held-packages", description = "With -y, allow changing held packages named "
            + "in an install (as apt-get; without -y the question asks).")
    public boolean allowChangeHeld;

    @Option(names = {"-t", "--target-release", "--default-release"}, paramLabel = "RELEASE",
            description = "apt repositories: prefer the versions of this suite or codename (priority 990, as "
                    + "apt-get -t), e.g. bookworm-backports; default: APT::Default-Release from apt.conf.")
    public String targetRelease;

    @Option(names = "--refresh", description = "Update the metadata of every repository first, as dnf --refresh "
            + "(like apt-get update before the command); refused with -C.")
    public boolean refresh;

    @Option(names = "--json", description = "Print the plan as JSON instead of text.")
    public boolean json;

    @Option(names = "--debug-solver", arity = "0..1", paramLabel = "DIR", preprocessor = AttachedOnly.class,
            description = "Also write the dependency problem as a libsolv testcase into DIR (--debug-solver=DIR; "
                    + "default ./debugdata, like dnf's --debugsolver). Replay it with 'peerget debug solve "
                    + "DIR/testcase.t' or libsolv's testsolv.")
    public Path debugSolver;

    /**
     * {@code --debug-solver[=DIR]}: a directory only when attached with {@code =}, so that
     * {@code --debug-solver PKG} keeps PKG a package argument.
     */
    static final class AttachedOnly implements IParameterPreprocessor {
        static final String DEFAULT_DIR = "debugdata";

        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec,
                                  Map<String, Object> info) {
            if (" ".equals(info.get("separator"))) {
                args.push(DEFAULT_DIR);
            }
            return false;
        }
    }
}

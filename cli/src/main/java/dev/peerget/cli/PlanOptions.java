package dev.peerget.cli;

import picocli.CommandLine.Option;

/** Options shared by the commands that plan changes (install, remove, upgrade, ...). */
public final class PlanOptions {
    @Option(names = {"-s", "--simulate", "--dry-run", "--just-print", "--no-act"},
            description = "Only show what would be done.")
    public boolean simulate;

    @Option(names = "--assume-no", description = "Answer no to every question: show the plan and stop.")
    public boolean assumeNo;

    @Option(names = {"-y", "--yes", "--assumeyes"}, description = "Answer yes to every question.")
    public boolean assumeYes;

    @Option(names = "--no-install-recommends", description = "Do not install recommended (weak) dependencies.")
    public boolean noRecommends;

    @Option(names = "--install-recommends", description = "Install recommended (weak) dependencies (the default "
            + "unless install_recommends = false).")
    public boolean recommends;

    @Option(names = "--allow-downgrades", description = "Allow replacing installed packages by lower versions.")
    public boolean allowDowngrades;

    @Option(names = "--json", description = "Print the plan as JSON instead of text.")
    public boolean json;
}

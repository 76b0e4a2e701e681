package dev.peerget.engine.solvertest;

import dev.peerget.model.PackageFormat;
import dev.peerget.resolver.Request;
import dev.peerget.resolver.Universe;
import java.util.Objects;

/**
 * A dependency problem read from a libsolv testcase: everything the resolver needs to answer it again.
 *
 * @param format   the package format, from the {@code system} line's distribution type
 * @param arch     the system architecture from the {@code system} line
 * @param universe the packages of every repository, installed ones marked, with the format's rules
 * @param request  the jobs and policy
 */
public record Testcase(PackageFormat format, String arch, Universe universe, Request request) {
    public Testcase {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(universe, "universe");
        Objects.requireNonNull(request, "request");
    }
}

#!/usr/bin/env bash
# Regenerates the man pages (man/) and shell completions (completions/) from the picocli model and the
# peerget.conf settings enum, then lists the files that changed. Run after changing a command, an option,
# an exit code or a setting; GeneratedDocsTest fails until the regenerated files are committed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mvn -q -B install -DskipTests
java -cp "$(cat cli/target/launcher.classpath):cli/target/classes" dev.peerget.cli.docs.DocsGenerator .
changed=$(git status --porcelain -- man completions)
if [[ -n "$changed" ]]; then
  echo "changed (commit these):"
  echo "$changed"
else
  echo "generated files are up to date"
fi

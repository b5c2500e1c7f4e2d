#!/usr/bin/env bash
# FanOut benchmark, one command:   bash tests/bench/run.sh [--quick]
# Installs the pinned Node packages, builds the local host (Release), then runs tests/bench/bench.mjs,
# which starts Azurite, the host, a Socket.IO + SQLite peer and the clients on free loopback ports,
# prints Markdown tables and writes tests/bench/results/latest.json. It reports; it does not judge.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# npm ci only when the lockfile changed since the last install: tests/bench compiles
# better-sqlite3 from source (about 100 s), which a re-run should not pay again.
install() {
  local dir="$1" stamp="$1/node_modules/.installed-lock.json"
  if cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "$dir: pinned packages already installed"
  else
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    cp "$dir/package-lock.json" "$stamp"
  fi
}

echo "== Installing pinned Node packages (functions/azurite, tests/bench: kept apart, see README)"
install functions/azurite
install tests/bench

echo "== Building functions/FanOut.LocalHost (Release)"
dotnet build functions/FanOut.LocalHost -c Release -nologo -v:quiet

exec node tests/bench/bench.mjs "$@"

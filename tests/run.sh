#!/usr/bin/env bash
# Runs every test on a machine with the .NET SDK and Node.js:
#   .NET unit tests, integration tests against a real Azurite, end-to-end tests of the local
#   host with real @microsoft/signalr clients, the offline checks of the Bicep template, the client
#   library (functions/FanOut.Client) against the local host, and the chat page and dashboard in a
#   headless Chromium (Debian's; installed here when CI=true, skipped with a note elsewhere if missing).
# Fixtures start Azurite, the host and Node clients on free loopback ports and stop them by PID.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "Installing pinned Node packages (functions/azurite, functions/FanOut.Client, tests/node)"
npm ci --prefix functions/azurite --no-audit --no-fund --loglevel=error || exit 1
npm ci --prefix functions/FanOut.Client --no-audit --no-fund --loglevel=error || exit 1
npm ci --prefix tests/node --no-audit --no-fund --loglevel=error || exit 1

step "Chromium for the browser tests"
if [ -x /usr/bin/chromium ]; then
  echo "using /usr/bin/chromium"
elif [ "${CI:-}" = "true" ]; then
  echo "installing Debian's chromium (about a minute)"
  as_root=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && as_root="sudo"
  { $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null; } || { echo "could not install chromium"; exit 1; }
else
  echo "/usr/bin/chromium is missing: the browser tests will be skipped (apt-get install -y chromium)"
fi

step "Building Serverless.sln (the Azure Functions shell included)"
dotnet build Serverless.sln -c Release -nologo -v:quiet || exit 1

step ".NET tests (unit, integration on Azurite, end to end)"
# The end-to-end test host starts while the integration tests load both cores (2026-11-30, fresh clone):
# it once did not answer VSTest's version handshake within the default 90 s, and its 107 tests never ran.
export VSTEST_CONNECTION_TIMEOUT="${VSTEST_CONNECTION_TIMEOUT:-300}"
dotnet test Serverless.sln -c Release --no-build -nologo 2>&1 | tee "$log/dotnet.txt"
dotnet_status=${PIPESTATUS[0]}

step "Node tests (Bicep checks, the Azurite preload, the client library against the local host, the pages in Chromium)"
node --test tests/node/infra/ tests/node/azurite/ tests/node/client/ tests/node/browser/ 2>&1 | tee "$log/node.txt"
node_status=${PIPESTATUS[0]}

count() { grep -oE "$1" "$2" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(( $(count 'Passed: +[0-9]+' "$log/dotnet.txt") + $(count '^# pass [0-9]+' "$log/node.txt") ))
failed=$(( $(count 'Failed: +[0-9]+' "$log/dotnet.txt") + $(count '^# fail [0-9]+' "$log/node.txt") ))
skipped=$(( $(count 'Skipped: +[0-9]+' "$log/dotnet.txt") + $(count '^# skipped [0-9]+' "$log/node.txt") ))

step "Summary"
echo "tests: $passed passed, $failed failed, $skipped skipped"
# A runner can fail with no failed test (a fixture's cleanup, a crashed test host): say which one.
[ "$dotnet_status" -eq 0 ] || echo "dotnet test exited with $dotnet_status: look for [Test Class Cleanup Failure] or 'aborted' above"
[ "$node_status" -eq 0 ] || echo "node --test exited with $node_status"
[ "$dotnet_status" -eq 0 ] && [ "$node_status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

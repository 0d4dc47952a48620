#!/usr/bin/env bash
# The one test command: installs what the tests need on a fresh machine, builds with zero warnings, runs every
# test project, prints "N passed, N failed, N skipped" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)          # the browser for the Playwright journeys
command -v docker-compose >/dev/null || missing+=(docker-compose)  # validates docker-compose.yml statically
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)     # the cluster test's load balancer
command -v redis-server >/dev/null || missing+=(redis-server)                 # the cluster test's SignalR backplane
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

rm -rf TestResults
dotnet build Exam.sln -c Release --nologo -v quiet -warnaserror
set +e
dotnet test Exam.sln -c Release --no-build --nologo --results-directory TestResults --logger trx -- RunConfiguration.TreatNoTestsAsError=false
code=$?
set -e

# Sum one counter over every project's TRX file.
sum() { cat TestResults/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed); failed=$(( $(sum failed) + $(sum error) )); total=$(sum total); executed=$(sum executed)
skipped=$(( total - executed ))
echo "Test wall time: $(( $(date +%s) - start )) s"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$code" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi

#!/usr/bin/env bash
# Runs every test of Province against a real PostgreSQL 15 that this script starts itself:
# a private cluster in a temporary folder on a free port, removed at the end.
# Usage: bash build/test.sh [extra dotnet test arguments]
# Ends with one line "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

source "$root/build/postgres.sh"

# The browser tests of the mini app and the back office (tests/Province.MiniApp.Tests, tests/Province.BackOffice.Tests)
# drive Debian's Chromium against the real host.
# Playwright's .NET driver comes with its NuGet package (its own Node.js inside) and never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x "${PROVINCE_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "Chromium is missing: installing Debian's package."
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "Node.js is missing: installing Debian's packages."
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq nodejs npm >/dev/null
fi
echo "Building the mini app (src/MiniApp: npm ci, npm run build)"
(cd "$root/src/MiniApp" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >/dev/null
# Durability settings off: a test cluster is thrown away, speed matters more than crash safety here.
start_private_postgres "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
port=$pg_port
work=$pg_work

export PROVINCE_PG_BIN="$pg_bin"
export PROVINCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=20"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="$work/results"
set +e
dotnet test Province.sln --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

python3 - "$results" <<'PY'
import glob, re, sys
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*\bpassed="(\d+)"[^>]*\bfailed="(\d+)"', text)
    if m:
        passed += int(m.group(1)); failed += int(m.group(2))
print(f"{passed} passed, {failed} failed")
PY
exit $status

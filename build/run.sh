#!/usr/bin/env bash
# Runs Province on this machine with demo data and the simulators (Zalo, national portal), nothing to
# install by hand: starts a private PostgreSQL 15 (installed from Debian's packages where missing) whose data
# stays in .province/postgres between runs, creates the database, lets Marten create or patch each module's
# schema, loads the demo data and starts the host. Ctrl+C stops the host and that PostgreSQL.
# Usage: bash build/run.sh [--urls http://HOST:PORT]     (default http://localhost:5000)
# Start over: delete .province/ (database and uploaded files).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source "$root/build/postgres.sh"

state="${PROVINCE_STATE_DIR:-$root/.province}"
port="${PROVINCE_PG_PORT:-54329}"
mkdir -p "$state"
pg_data="$state/postgres"
if [ "$(id -u)" = 0 ]; then
  # As root the cluster runs as the postgres user, which must be able to reach its folder; where a parent
  # folder is closed to it (a checkout under a private temporary folder), the cluster lives in /var/tmp,
  # in a folder named after this checkout, so its data still stays between runs.
  chmod o+x "$state"
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  if ! runuser -u postgres -- test -x "$state"; then
    pg_data="/var/tmp/province-postgres-$(printf '%s' "$root" | md5sum | cut -c1-12)"
  fi
fi
start_persistent_postgres "$pg_data" "$port"
port=$pg_port
psql_cmd=("$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qtA)
if [ "$("${psql_cmd[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'province'")" != "1" ]; then
  "${psql_cmd[@]}" -d postgres -c "CREATE DATABASE province"
fi

# The citizens' mini app (src/MiniApp), served by the host at /app/: built when Node.js is here.
if command -v npm >/dev/null 2>&1; then
  echo "Building the mini app (src/MiniApp: npm ci, npm run build)"
  (cd "$root/src/MiniApp" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >/dev/null \
    || { echo "The mini app did not build (see: cd src/MiniApp && npm ci && npm run build); the API runs without /app/."; }
else
  echo "Node.js is missing: the mini app (/app/) is not built; the API runs without it (apt-get install nodejs npm)."
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Province="Host=127.0.0.1;Port=$port;Username=postgres;Database=province;Maximum Pool Size=40"
export Database__MigrateOnStartup=true
export Files__Directory="$state/files"
args=("$@")
if [[ " ${args[*]-} " != *" --urls "* ]]; then
  args+=(--urls http://localhost:5000)
fi
# Not exec: the EXIT trap stops PostgreSQL when the host ends.
dotnet run --project src/Host --no-launch-profile -- "${args[@]}"

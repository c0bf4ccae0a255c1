#!/usr/bin/env bash
# Production schema changes: writes, per module store, the SQL that brings the database of
# ConnectionStrings__Province to what the code expects (Marten/Weasel compare the live schema with the stores'
# configuration), into a folder for review (with <schema>.drop.sql, the way back); with --apply, applies it in one transaction per module.
# Hosts in production run with Database:MigrateOnStartup=false and never change the schema themselves.
# Usage: ConnectionStrings__Province="Host=...;Database=province;Username=...;Password=..." bash build/db-migrate.sh [--apply] [folder]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${ConnectionStrings__Province:?set ConnectionStrings__Province to the PostgreSQL connection string}"
apply=0
if [ "${1:-}" = "--apply" ]; then apply=1; shift; fi
folder="${1:-migrations/$(date -u +%Y%m%d%H%M%S)}"
# --no-launch-profile: the Development profile (simulators, demo data) must not apply to a real database.
ASPNETCORE_ENVIRONMENT=Production dotnet run --project src/Host -c Release --no-launch-profile -- --write-migrations "$folder"
echo "Migration SQL written to $folder:"; ls -l "$folder"
if [ "$apply" = 1 ]; then
  for file in "$folder"/*.sql; do
    case "$file" in *.drop.sql) continue ;; esac   # Marten's rollback script beside each migration: kept, not applied
    echo "Applying $file"
    ASPNETCORE_ENVIRONMENT=Production dotnet run --project src/Host -c Release --no-launch-profile --no-build -- --apply-migration "$file"
  done
fi

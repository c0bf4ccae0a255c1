#!/usr/bin/env bash
# Applies every module's PostgreSQL migrations to the database of ConnectionStrings__Province, then exits.
# Usage: ConnectionStrings__Province="Host=...;Database=province;Username=...;Password=..." bash build/db-migrate.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${ConnectionStrings__Province:?set ConnectionStrings__Province to the PostgreSQL connection string}"
# --no-launch-profile: the Development profile (simulator, demo data) must not apply to a real database.
Database__Provider=PostgreSql dotnet run --project src/Host -c Release --no-launch-profile -- --migrate

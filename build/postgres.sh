#!/usr/bin/env bash
# Sourced by test.sh and benchmark.sh: starts a private PostgreSQL 15 cluster in a temporary folder on a
# free port (installing PostgreSQL with apt where missing) and removes it when the calling script exits.
# After `start_private_postgres`: $pg_port, $pg_work, $pg_bin, and as_pg (run as the cluster's owner).

pg_bin=/usr/lib/postgresql/15/bin

install_postgres_if_missing() {
  if [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL 15 is missing: installing it (Debian packages)."
    if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
    $apt_get update -qq
    DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq postgresql-15 >/dev/null
  fi
}

start_private_postgres() {
  local extra_options="${1:-}"
  install_postgres_if_missing

  pg_work="$(mktemp -d /tmp/province-pg.XXXXXX)"
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$pg_work"
    as_pg=(runuser -u postgres --)
  fi
  trap stop_private_postgres EXIT

  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_work/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$pg_work/initdb.log" 2>&1 \
    || { cat "$pg_work/initdb.log"; exit 1; }
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_work/data" -l "$pg_work/postgres.log" -w -o \
    "-p $pg_port -k $pg_work -c listen_addresses=127.0.0.1 -c max_connections=1000 $extra_options" start >/dev/null \
    || { cat "$pg_work/postgres.log"; exit 1; }
  echo "PostgreSQL 15 started on 127.0.0.1:$pg_port ($pg_work)"
}

stop_private_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_work"
}

# Used by run.sh: a PostgreSQL cluster that keeps its data between runs in "$1" (created on first use),
# listening on 127.0.0.1:"$2" (or a free port when that one is taken); sets $pg_port; stopped (not removed)
# when the calling script exits, unless it was already running.
start_persistent_postgres() {
  local data_dir="$1" port="$2"
  install_postgres_if_missing
  mkdir -p "$data_dir"
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$data_dir"
    as_pg=(runuser -u postgres --)
  fi
  if [ ! -f "$data_dir/PG_VERSION" ]; then
    "${as_pg[@]}" "$pg_bin/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
      || { echo "initdb failed in $data_dir"; exit 1; }
  fi
  if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
    # Already running (another run.sh): use it where it listens.
    port=$(sed -n 4p "$data_dir/postmaster.pid")
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      # Something else listens on the default port: take a free one (the data folder does not mind).
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    fi
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data_dir" -l "$data_dir/postgres.log" -w -o \
      "-p $port -k $data_dir -c listen_addresses=127.0.0.1 -c max_connections=500" start >/dev/null \
      || { tail -20 "$data_dir/postgres.log"; exit 1; }
    trap 'stop_persistent_postgres "'"$data_dir"'"' EXIT
  fi
  pg_port=$port
  echo "PostgreSQL 15 on 127.0.0.1:$port (data in $data_dir)"
}

stop_persistent_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$1" -m fast stop >/dev/null 2>&1 || true
}

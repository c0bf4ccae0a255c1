#!/usr/bin/env bash
# Measures Province on this machine: starts a private PostgreSQL, publishes and starts Province in Release,
# bulk-loads scale data (build/bulk-load.sql), then drives each scenario over loopback with wrk for a
# fixed time and connection count, beside a baseline (build/Baseline: one row with raw Npgsql).
# Prints one line per scenario and writes build/benchmark-results.md.
# Usage: bash build/benchmark.sh            (DURATION=15s CONNECTIONS=32 THREADS=2 to change the load;
#        KEEP_RUNNING=1 keeps the loaded database and the host up after the run, for profiling, until Ctrl+C)
# Every measured run follows an unmeasured warm-up of the same load (WARMUP=30s; WARMUP=0 for none).
# Stages (STAGES, comma-separated; all four by default, about 40 minutes on 2 cores):
#   core    the scenarios at 1,000,000 dossiers beside the raw-Npgsql baselines (a read: one row; a write: one INSERT)
#   growth  public lookup and officer queue at 100,000, 1,000,000 and 5,000,000 dossiers (GROWTH_DURATION=10s each)
#   sweep   one read and one write at 16, 64 and 256 connections (SWEEP_DURATION=10s each)
#   soak    a mixed load for SOAK (10m) with the host's resident memory (VmRSS) sampled every 10 s
# A quick run: STAGES=core bash build/benchmark.sh. The start-up time to ready is always measured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
duration="${DURATION:-15s}"; connections="${CONNECTIONS:-32}"; threads="${THREADS:-2}"
stages=",${STAGES:-core,growth,sweep,soak},"; soak="${SOAK:-10m}"
growth_duration="${GROWTH_DURATION:-10s}"; sweep_duration="${SWEEP_DURATION:-10s}"
stage() { [[ "$stages" == *",$1,"* ]]; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk >/dev/null; then
  echo "wrk is missing: installing it (Debian package)."
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq wrk >/dev/null
fi

source "$root/build/postgres.sh"
# pg_stat_statements: the results end with the statements PostgreSQL spent most time on.
start_private_postgres "-c shared_buffers=256MB -c synchronous_commit=off -c shared_preload_libraries=pg_stat_statements"
psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q)
"${psql[@]}" -d postgres -c "CREATE DATABASE province"
"${psql[@]}" -d province -c "CREATE EXTENSION pg_stat_statements"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=province;Maximum Pool Size=100"

# PUBLISHED=DIR reuses DIR/host, DIR/simulators and DIR/baseline from an earlier publish (of the same commit) instead of publishing again.
if [ -n "${PUBLISHED:-}" ]; then
  echo "Using the published host, simulators and baseline in $PUBLISHED"
  cp -r "$PUBLISHED/host" "$PUBLISHED/simulators" "$PUBLISHED/baseline" "$pg_work/"
else
  echo "Publishing Province, the simulators and the baseline in Release..."
  dotnet publish src/Host -c Release -o "$pg_work/host" --nologo -v q >/dev/null
  dotnet publish src/Simulators/Host -c Release -o "$pg_work/simulators" --nologo -v q >/dev/null
  dotnet publish build/Baseline -c Release -o "$pg_work/baseline" --nologo -v q >/dev/null
fi

host=http://127.0.0.1:5100
baseline=http://127.0.0.1:5101
simulators=http://127.0.0.1:5102
pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; stop_private_postgres; }
trap stop_all EXIT

# Zalo's simulator in a process of its own (src/Simulators/Host), as Zalo is remote: the host measured holds only what a
# deployed Province holds. In the host's own process the simulator's record of every token it minted (24,000 in the ticket
# scenario) and its endpoints' work counted in the host's figures: 24,000 sign-ins raised a host alone's peak by 52.6 MB
# with the simulator inside and by 43.3 MB with it outside (two runs each, 2026-12-03).
(cd "$pg_work/simulators" && Zalo__AppSecret=benchmark exec dotnet Province.Simulators.Host.dll --urls "$simulators" >"$pg_work/simulators.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 300); do curl -sf "$simulators/health/live" >/dev/null && break; sleep 0.1; done
curl -sf "$simulators/health/live" >/dev/null || { cat "$pg_work/simulators.log"; exit 1; }

# start_host NAME: starts the published host and waits for /health/ready; records "NAME<TAB>milliseconds" in startup.tsv.
start_host() {
  local started; started=$(date +%s%N)
  (cd "$pg_work/host" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Province="$connection" \
    Database__MigrateOnStartup=true DemoData__Enabled=true Dossiers__GeneratedProcedures=2000 Files__Directory="$pg_work/files" \
    Zalo__Simulator__Enabled=false Zalo__GraphBaseUrl="$simulators/zalo-simulator/graph" Zalo__AppSecret=benchmark Zalo__AppId=benchmark \
    RateLimiting__AnonymousPermitsPerMinute=1000000000 RateLimiting__ClientPermitsPerMinute=1000000000 Logging__LogLevel__Default=Warning \
    exec dotnet Province.Host.dll --urls "$host" >>"$pg_work/host.log" 2>&1) &
  pids+=($!)
  host_pid=$!
  for _ in $(seq 1 1200); do curl -sf "$host/health/ready" >/dev/null && break; sleep 0.1; done
  curl -sf "$host/health/ready" >/dev/null || { cat "$pg_work/host.log"; exit 1; }
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  printf '%s\t%s\n' "$1" "$ms" >>"$pg_work/startup.tsv"
  echo "Host ready in $ms ms ($1)"
}
: >"$pg_work/startup.tsv"
start_host "first start: empty database (schema created, demo data seeded)"

# load FIRST LAST BASE [HISTORY]: adds dossiers FIRST..LAST (and with BASE=1 the rest of the scale data) with
# build/bulk-load.sql; HISTORY=0 writes their snapshot rows only (no stream, no event).
load() {
  echo "Loading scale data (dossiers $1 to $2)..."
  local start; start=$(date +%s)
  "${psql[@]}" -d province -v first="$1" -v last="$2" -v base="$3" -v history="${4:-1}" -f build/bulk-load.sql
  echo "Loaded in $(( $(date +%s) - start )) s: $("${psql[@]}" -d province -tAc "SELECT (SELECT count(*) FROM dossiers.mt_doc_dossier) || ' dossiers, ' || (SELECT count(*) FROM field_reports.mt_doc_fieldreport) || ' field reports, ' || (SELECT count(*) FROM dossiers.mt_doc_procedure) || ' procedures, ' || (SELECT count(*) FROM identity.mt_doc_agency) || ' agencies, ' || (SELECT count(*) FROM identity.mt_doc_citizen) || ' citizens'")"
}
if stage growth; then load 1 100000 1; else load 1 1000000 1; fi
# A restart against the loaded database: the start-up a production host makes (schema in place, seeders find their data).
kill "$host_pid"; wait "$host_pid" 2>/dev/null || true
start_host "restart: schema in place, data loaded"

(cd "$pg_work/baseline" && ConnectionStrings__Province="$connection" exec dotnet Baseline.dll --urls "$baseline" >"$pg_work/baseline.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 30); do curl -sf "$baseline/row" >/dev/null && break; sleep 1; done

staff=$(curl -sf -X POST "$host/api/staff/identity/sign-in" -H 'content-type: application/json' -d '{"userName":"tanninh.mai","password":"TayNinh@2026"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
# mint_citizen NAME: a new citizen's Zalo access token from the simulator.
# Each call a citizen of its own (a Zalo user id of its own: without one the simulator answers its default user, so every
# "new" citizen was one citizen, whose uploads left unsubmitted by the warm-up counted against the measured run's quota).
mint_citizen() {
  curl -sf -X POST "$simulators/zalo-simulator/dev/access-tokens" -H 'content-type: application/json' \
    -d "{\"userId\":\"bench-$(date +%s%N)-$RANDOM\",\"name\":\"$1\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
citizen=$(mint_citizen "Người đo")
category=$(curl -sf "$host/api/public/field-reports/categories" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
ward_office=0195a1f0-0000-7000-8000-0000000000a1
ward=0195a1f0-0000-7000-8000-000000000007

# Every script numbers its threads (each has its own Lua state and would otherwise draw the same keys).
thread_ids='local threads = 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
run_id = os.time()'

# Every refusal of a write scenario (status 300 and above) is written down with its problem code, so that the results
# say what was refused and why (a run of 2026-12-02 counted 243 refusals in the dossier scenario and could not say which).
refusal_log='local answer = response
response = function(status, headers, body)
  if status >= 300 then
    local log = io.open("'"$pg_work"'/refusals.txt", "a")
    log:write(status, " ", body and body:match([["code":"([^"]+)"]]) or "-", "\n")
    log:close()
  end
  if answer then answer(status, headers, body) end
end'

cat >"$pg_work/report.lua" <<LUA
$thread_ids
counter = 0
request = function()
  counter = counter + 1
  local key = string.format("bench-report-%d-%d-%d", run_id, id, counter)
  local body = '{"categoryId":"$category","title":"Đèn đường không sáng","description":"Đo tải","latitude":11.31,"longitude":106.1,"area":"Phường Tân Ninh","anonymous":false}'
  return wrk.format("POST", "/api/field-reports", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $citizen", ["Idempotency-Key"] = key}, body)
end
$refusal_log
LUA

# Public lookups of a random one of the 1,000,000 codes with its lookup secret: each citizen looks up their own dossier.
# lookup_script N: lookups among the first N codes.
lookup_script() {
  cat >"$pg_work/lookup-$1.lua" <<LUA
$thread_ids
init = function() math.randomseed(run_id + id) end
request = function()
  local n = math.random(1, $1)
  return wrk.format("GET", string.format("/api/public/dossiers/lookup/BENCH-%07d?secret=B%07d", n, n))
end
LUA
  echo "$pg_work/lookup-$1.lua"
}
lookup_script 100000 >/dev/null; lookup_script 1000000 >/dev/null; lookup_script 5000000 >/dev/null

# The mixed soak: public lookups, the officer queue, procedure search and field reports submitted.
cat >"$pg_work/soak.lua" <<LUA
$thread_ids
init = function() math.randomseed(run_id + id) end
counter = 0
request = function()
  counter = counter + 1
  local pick = math.random(1, 10)
  if pick <= 5 then
    local n = math.random(1, 1000000)
    return wrk.format("GET", string.format("/api/public/dossiers/lookup/BENCH-%07d?secret=B%07d", n, n))
  elseif pick <= 7 then
    return wrk.format("GET", "/api/staff/dossiers/queue?timeliness=overdue", {["Authorization"] = "Bearer $staff"})
  elseif pick <= 8 then
    return wrk.format("GET", "/api/public/dossiers/procedures?q=dang%20ky%20khai%20sinh")
  end
  local key = string.format("bench-soak-%d-%d-%d", run_id, id, counter)
  local body = '{"categoryId":"$category","title":"Đèn đường không sáng","description":"Đo tải","latitude":11.31,"longitude":106.1,"area":"Phường Tân Ninh","anonymous":false}'
  return wrk.format("POST", "/api/field-reports", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $citizen", ["Idempotency-Key"] = key}, body)
end
LUA
cat >"$pg_work/insert.lua" <<'LUA'
wrk.method = "POST"
LUA

# Queue tickets: one active ticket per citizen, service group and day, so each request is a different
# citizen (tokens minted beforehand through the Zalo simulator) in one of the office's four groups. Each citizen
# has opened the mini app just before (its first call verifies the token with Zalo and makes the citizen record, once),
# as a citizen does before taking a number: the scenario measures taking the number, not signing up.
mint_ticket_citizens() {
echo "Minting citizen tokens for the ticket scenario (each citizen opens the app once)..."
python3 - "$host" "$pg_work/tokens.txt" 24000 "$simulators" <<'PY'
import http.client, json, random, sys, urllib.parse
url = urllib.parse.urlparse(sys.argv[1]); zalo = urllib.parse.urlparse(sys.argv[4]); tokens = []
connection = http.client.HTTPConnection(url.hostname, url.port)
simulator = http.client.HTTPConnection(zalo.hostname, zalo.port)
for i in range(int(sys.argv[3])):
    simulator.request("POST", "/zalo-simulator/dev/access-tokens", json.dumps({"userId": f"bench-ticket-{i}", "name": f"Người lấy số {i}"}), {"Content-Type": "application/json"})
    token = json.loads(simulator.getresponse().read())["accessToken"]
    connection.request("GET", "/api/appointments/tickets?pageSize=1", headers={"Authorization": "Bearer " + token})
    response = connection.getresponse(); response.read()
    if response.status != 200:
        sys.exit(f"The citizen's first call answered {response.status}, not 200.")
    tokens.append(token)
# Citizens are made in the order minted, so their ids (UUIDv7) follow it; citizens who take numbers at the same time
# registered at different times. In minting order, every check and insert of the minute fell on one page of the
# citizen index, a contention no office sees.
random.Random(17).shuffle(tokens)
open(sys.argv[2], "w").write("".join(token + "\n" for token in tokens))
PY
}
# ticket_script FILE OFFICE GROUPS: the scenario on one of the bulk load's two around-the-clock offices (…b1, groups
# …c1-c4: measured; …b2, groups …e1-e4: the warm-up), so the measured office's numbers are all the measured run's:
# 24,000 citizens hold 96,000 waiting tickets in its four groups. A warm-up on the measured office itself had left
# too few at 2,433 tickets a second (run AI: 211 refusals as the run wrapped round to citizens already waiting).
ticket_script() {
cat >"$1" <<LUA
$thread_ids
tokens = {}
for line in io.lines("$pg_work/tokens.txt") do tokens[#tokens + 1] = line end
counter = 0
request = function()
  -- Thread t takes citizens t, t + $threads, ...; each citizen takes one ticket in each of the 4 groups.
  local citizen = id + $threads * math.floor(counter / 4)
  local group = counter % 4 + 1
  counter = counter + 1
  local body = string.format('{"officeId":"0195a1f0-0000-7000-8000-0000000000$2","serviceGroupId":"0195a1f0-0000-7000-8000-0000000000$3%d","priority":null}', group)
  return wrk.format("POST", "/api/appointments/tickets", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[citizen % #tokens + 1],
    ["Idempotency-Key"] = string.format("bench-ticket-%d-%d-%d", run_id, id, counter)}, body)
end
$refusal_log
LUA
}
ticket_script "$pg_work/ticket.lua" b1 c
ticket_script "$pg_work/ticket-warm-up.lua" b2 e

# watch_snapshots FILE: every second, the oldest snapshot open in PostgreSQL besides the watcher's own (the session
# whose xmin is oldest): how long its transaction has run, and whose it is (backend type and statement). Each ticket
# is a new version of its group's counter row and of one of its eight tally rows, and PostgreSQL prunes the old
# versions only once no snapshot may still see them: while one stays open, every number taken walks a longer chain of
# them. pgbench, the number's upsert alone on four rows, 32 clients: 27,051 a second, then 10,390, 4,035 and 2,210 in
# the next 10 s steps while one repeatable-read transaction stayed open, 27,013 once it closed (ADR 24, fifteenth
# session); with the tally as well, and with a sequence for the number instead, it decays alike (sixteenth session).
watch_snapshots() {
  while :; do
    "${psql[@]}" -d province -tA -F $'\t' -c "SELECT round(extract(epoch FROM now() - coalesce(xact_start, query_start)))::int, backend_type || ': ' || left(regexp_replace(query, '\s+', ' ', 'g'), 90) FROM pg_stat_activity WHERE backend_xmin IS NOT NULL AND pid <> pg_backend_pid() ORDER BY age(backend_xmin) DESC LIMIT 1" >>"$1" 2>/dev/null || true
    sleep 1
  done
}

# Dossier submission with a small file: a citizen uploads the document photo, then submits the dossier
# naming it; each connection alternates the two requests (uploads first, submissions as their ids arrive).
# The citizens are read from dossier-citizens.txt when wrk starts, one per thread: a citizen may have 30 uploads not yet
# submitted, and each of a thread's connections may hold one. The warm-up and the measured run have citizens of their
# own, so what the warm-up leaves unsubmitted does not count against the measured run's.
cat >"$pg_work/dossier.lua" <<LUA
$thread_ids
citizens = {}
for line in io.lines("$pg_work/dossier-citizens.txt") do citizens[#citizens + 1] = line end
pending = {}
counter = 0
local boundary = "----provincebench"
request = function()
  counter = counter + 1
  if #pending > 0 then
    local file = table.remove(pending)
    local body = string.format('{"procedureCode":"1.004873","applicant":{"fullName":"Trần Thị Bình","dateOfBirth":"1992-03-04","citizenIdNumber":"072092004321","phoneNumber":"0987654321","address":"5 Lê Lợi, Phường 1"},"summary":"Xác nhận tình trạng hôn nhân","documents":[{"documentKey":"1","fileIds":["%s"]}],"delivery":{"method":"atOffice"}}', file)
    return wrk.format("POST", "/api/dossiers", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. citizens[id % #citizens + 1], ["Idempotency-Key"] = string.format("bench-dossier-%d-%d-%d", run_id, id, counter)}, body)
  end
  -- Distinct bytes per upload, as real photos are, in a PNG's structure (signature, IHDR, IDAT, IEND), which uploads must have.
  local function chunk(kind, data)
    local n = #data
    return string.char(math.floor(n / 16777216) % 256, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256) .. kind .. data .. "\0\0\0\0"
  end
  local pixels = string.format("%d-%d-%016d", run_id, id, counter) .. string.rep("x", 2000)
  local png = "\137PNG\r\n\26\n" .. chunk("IHDR", "\0\0\0\1\0\0\0\1\8\0\0\0\0") .. chunk("IDAT", pixels) .. chunk("IEND", "")
  local body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"giay-xac-nhan.png\"\r\nContent-Type: image/png\r\n\r\n" .. png .. "\r\n--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/api/dossiers/uploads", {["Content-Type"] = "multipart/form-data; boundary=" .. boundary, ["Authorization"] = "Bearer " .. citizens[id % #citizens + 1]}, body)
end
response = function(status, headers, body)
  -- The upload answers {"items":[{"id":"...", ...}]}: the first id is the file's.
  local file_id = body:match('"id":"([0-9a-f%-]+)"')
  if file_id then table.insert(pending, file_id) end
end
$refusal_log
LUA

results="$pg_work/results.tsv"
: >"$results"
# run NAME KIND URL [wrk args...]: one scenario; appends "name kind rps p50 p99 errors".
# C=connections D=duration override the defaults for one call.
# warm URL [wrk args...]: the same load for WARMUP (30s), not measured. A host runs for days, so what counts is its warm
# path (methods compiled at their final tier, pools filled), not its first seconds, which the start-up figure covers.
# 30 s, not 3: .NET's tiered compilation takes that long to bring a path to its final code under load. Measured on
# 2026-12-03 in 5 s steps from a fresh host (the public lookup at 1,000,000 dossiers): 1,298, 2,239, 3,213, 3,836, 3,921,
# 3,845, 4,193, 4,225, 4,221, 4,401 lookups a second; the raw baseline from its own start: 7,504, 10,987, 13,845, 13,282,
# 13,291, 11,964 rows a second. With 3 s both were measured while still compiling, the host's longer path more so.
warm() {
  local url=$1; shift
  if [ "${WARMUP:-30s}" != 0 ]; then
    wrk -t"$threads" -c"${C:-$connections}" -d"${WARMUP:-30s}" --timeout 10s "$@" "$url" >/dev/null
  fi
}
run() {
  local name=$1 kind=$2 url=$3; shift 3
  if [ "$kind" != soak ]; then warm "$url" "$@"; fi
  # --timeout 10s: with wrk's 2 s default a slow answer vanishes from the latency figures into "timeout" errors.
  : >"$pg_work/refusals.txt"
  local out; out=$(wrk -t"$threads" -c"${C:-$connections}" -d"${D:-$duration}" --timeout 10s --latency "$@" "$url")
  python3 - "$name" "$kind" "$out" "$pg_work/refusals.txt" >>"$results" <<'PY'
import collections, re, sys
name, kind, out, refusals = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); n = float(m.group(1))
    return n / 1000 if m.group(2) == "us" else n * 1000 if m.group(2) == "s" else n
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", out).group(1)); p99 = ms(re.search(r"\s99%\s+(\S+)", out).group(1))
errors = sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
sockets = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
errors += sockets
# What the errors were: refusals by status and problem code (written by the write scenarios), and socket errors.
seen = collections.Counter(line.strip() for line in open(refusals, encoding="utf-8") if line.strip())
detail = [f"{count} × {what}" for what, count in seen.most_common(4)] + ([f"{sockets} socket errors"] if sockets else [])
print(f"{name}\t{kind}\t{rps:.0f}\t{p50:.2f}\t{p99:.2f}\t{errors}" + (f" ({'; '.join(detail)})" if errors and detail else ""))
PY
  tail -1 "$results" | awk -F'\t' '{printf "%-34s %8s req/s  p50 %7s ms  p99 %7s ms  errors %s\n", $1, $3, $4, $5, $6}'
  # The host's peak after each scenario (VmHWM only grows: the scenario that raised it shows), for the memory target.
  printf '%s\t%s\n' "$name" "$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$host_pid/status")" >>"$pg_work/hwm.tsv"
}

: >"$pg_work/growth.tsv"; : >"$pg_work/snapshots.tsv"; : >"$pg_work/aftermath.tsv"; : >"$pg_work/sweep.tsv"; : >"$pg_work/soak.txt"; : >"$pg_work/rss.tsv"; : >"$pg_work/hwm.tsv"
# The queue of the staff member's own agency (the ward).
queue_url="$host/api/staff/dossiers/queue?timeliness=overdue"
open_queue_url="$host/api/staff/dossiers/queue"
# Every read scenario answers 200 before it is measured: a moved route would otherwise be measured as fast 404s.
for url in "$queue_url" "$open_queue_url" "$host/api/public/dossiers/procedures?q=dang%20ky%20khai%20sinh" "$host/api/public/dossiers/lookup/BENCH-0000010?secret=B0000010" \
    "$host/api/public/field-reports" "$host/api/public/appointments/offices/$ward_office/now-serving"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $staff" "$url")
  [ "$status" = 200 ] || { echo "$url answered $status, not 200: the scenario would measure errors." >&2; exit 1; }
done
# wait_quiet WHAT: waits until the host and PostgreSQL have been idle together for three seconds in a row (under 15% of
# one core; idle, the two use 5-7%), at most 90 s, and records the wait in quiet.tsv. A host just started does its start-up
# work (the watchers' first scans, the projections' daemon catching up) and PostgreSQL its own after a load (autovacuum):
# a baseline measured in that time comes out low, and every ratio to it high.
wait_quiet() {
  local postmaster waited=0 calm=0 before after hz state
  postmaster=$(head -1 "$pg_work/data/postmaster.pid")
  hz=$(getconf CLK_TCK)
  cpu_ticks() {
    local total=0 pid
    for pid in "$host_pid" "$postmaster" $(pgrep -P "$postmaster"); do
      total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
  }
  # The load's pages written out first: PostgreSQL's checkpoint would otherwise spread their writing over the next
  # minutes, and the kernel's writeback (not counted below) run beside the measured scenarios.
  "${psql[@]}" -d province -c "CHECKPOINT" && sync
  while [ "$calm" -lt 3 ] && [ "$waited" -lt 90 ]; do
    before=$(cpu_ticks); sleep 1; after=$(cpu_ticks); waited=$((waited + 1))
    if [ $(( (after - before) * 100 )) -lt $(( hz * 15 )) ]; then calm=$((calm + 1)); else calm=0; fi
  done
  state=quiet
  [ "$calm" -ge 3 ] || state=busy
  printf '%s\t%s\t%s\n' "$1" "$waited" "$state" >>"$pg_work/quiet.tsv"
  echo "Waited ${waited} s for a quiet machine before $1 ($state)"
}
# growth_point LABEL N: the lookup and the officer queue at N dossiers, into growth.tsv.
growth_point() {
  echo "Growth point: $1 dossiers"
  wait_quiet "growth point $1"
  D=$growth_duration run "public lookup @ $1" read "$host" -s "$pg_work/lookup-$2.lua"
  tail -1 "$results" >>"$pg_work/growth.tsv"
  D=$growth_duration run "officer queue @ $1" read "$queue_url" -H "Authorization: Bearer $staff"
  tail -1 "$results" >>"$pg_work/growth.tsv"
  sed -i '$d' "$results"; sed -i '$d' "$results"
}
if stage growth; then
  growth_point 100,000 100000
  load 100001 1000000 0
  growth_point 1,000,000 1000000
fi

# The officer's open work after the dossier scenario's burst of submissions (thousands of new lines in the ward's queue),
# measured at once and again once autovacuum has vacuumed the queue lines since (it looks every minute; at most 150 s
# waited). The open-work count reads only the index for lines on pages a vacuum marked all-visible and fetches every other
# line from the table too: with PostgreSQL's default settings the lines of a 1,000,000-line table waited for 200,000
# changes, and after a burst the count fetched 19,356 of its 20,602 lines (ADR 24). Each row says how many lines the
# count read, how many of them it fetched from the table, the lines changed since the last vacuum, and the vacuums so far.
lines_state() {
  "${psql[@]}" -d province -tAc "SELECT n_ins_since_vacuum + n_dead_tup, autovacuum_count FROM pg_stat_user_tables WHERE relid = 'dossiers.mt_doc_dossierqueueline'::regclass" | tr '|' '\t'
}
# The count as the officer's first view makes it: the ward's lines that the open-queue partial index holds (its
# predicate read from the database, so the open statuses are the code's, not a copy here).
open_count_reads() {
  local open
  open=$("${psql[@]}" -d province -tAc "SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = 'dossiers.mt_doc_dossierqueueline_idx_open_by_due_date'::regclass")
  "${psql[@]}" -d province -tAc "EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) SELECT count(*) FROM dossiers.mt_doc_dossierqueueline WHERE agency_id = '$ward' AND $open" \
    | python3 -c 'import re,sys; t=sys.stdin.read(); print(re.search(r"Index Only Scan.*rows=(\d+)", t).group(1) + "\t" + re.search(r"Heap Fetches: (\d+)", t).group(1)) if "Heap Fetches" in t else print("-\t-")'
}
after_burst() {
  local reads state
  reads=$(open_count_reads); state=$(lines_state)
  WARMUP=0 run "$1" read "$open_queue_url" -H "Authorization: Bearer $staff"
  printf '%s\t%s\t%s\t%s\n' "$(tail -1 "$results")" "$reads" "$state" "$2" >>"$pg_work/aftermath.tsv"; sed -i '$d' "$results"
}
queue_after_the_burst() {
  local vacuums waited=0
  vacuums=$(lines_state | cut -f2)
  after_burst "open work, at once" "-"
  # Then until a vacuum of the lines has run since the first measurement began (and none is in progress), or fewer
  # lines changed since the last one than the table's own autovacuum threshold (nothing left for it: it ran during the
  # burst), or 150 s.
  while [ "$waited" -lt 150 ]; do
    if [ "$("${psql[@]}" -d province -tAc "SELECT count(*) FROM pg_stat_progress_vacuum WHERE relid = 'dossiers.mt_doc_dossierqueueline'::regclass")" = 0 ] \
      && { [ "$(lines_state | cut -f2)" -gt "$vacuums" ] || [ "$(below_vacuum_threshold)" = t ]; }; then
      break
    fi
    sleep 5; waited=$((waited + 5))
  done
  after_burst "open work, once autovacuum ran or had nothing to do (150 s at most)" "$waited"
}
# below_vacuum_threshold: t when the lines changed since the last vacuum are fewer than autovacuum waits for on this
# table (its own settings, else the server's).
below_vacuum_threshold() {
  "${psql[@]}" -d province -tAc "WITH own AS (SELECT option_name, option_value::float AS value FROM pg_class c, pg_options_to_table(c.reloptions)
      WHERE c.oid = 'dossiers.mt_doc_dossierqueueline'::regclass),
    setting(name, value) AS (SELECT name, coalesce((SELECT value FROM own WHERE option_name = name), current_setting(name)::float)
      FROM unnest(ARRAY['autovacuum_vacuum_insert_threshold', 'autovacuum_vacuum_insert_scale_factor', 'autovacuum_vacuum_threshold', 'autovacuum_vacuum_scale_factor']) AS name)
    SELECT s.n_ins_since_vacuum < (SELECT value FROM setting WHERE name = 'autovacuum_vacuum_insert_threshold')
        + (SELECT value FROM setting WHERE name = 'autovacuum_vacuum_insert_scale_factor') * c.reltuples
      AND s.n_dead_tup < (SELECT value FROM setting WHERE name = 'autovacuum_vacuum_threshold')
        + (SELECT value FROM setting WHERE name = 'autovacuum_vacuum_scale_factor') * c.reltuples
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.relid = 'dossiers.mt_doc_dossierqueueline'::regclass"
}

peak_core=""
if stage core; then
  wait_quiet "the core scenarios"
  "${psql[@]}" -d province -c "SELECT pg_stat_statements_reset()" >/dev/null
  echo "Scenarios ($duration, $connections connections, $threads threads):"
  run "baseline: one row, raw Npgsql" baseline "$baseline/row"
  # Every ratio divides by a baseline: a baseline that fails fast would make every scenario look slow.
  baseline_errors=$(tail -1 "$results" | cut -f6)
  if [ "$baseline_errors" != "0" ]; then
    echo "The baseline answered $baseline_errors errors: $(curl -s "$baseline/row" | head -c 300); see $pg_work/baseline.log" >&2
    exit 1
  fi
  run "baseline: one-row INSERT, raw Npgsql" insert "$baseline/insert" -s "$pg_work/insert.lua"
  [ "$(tail -1 "$results" | cut -f6)" = "0" ] || { echo "The insert baseline answered errors; see $pg_work/baseline.log" >&2; exit 1; }
  run "procedure search" read "$host/api/public/dossiers/procedures?q=dang%20ky%20khai%20sinh"
  run "public dossier lookup by code" read "$host" -s "$pg_work/lookup-1000000.lua"
  run "public field report feed" read "$host/api/public/field-reports"
  run "queue: number now served" read "$host/api/public/appointments/offices/$ward_office/now-serving"
  run "officer queue, overdue only (1M)" read "$queue_url" -H "Authorization: Bearer $staff"
  # The queue as an officer first opens it: the agency's open work, overdue first (a compiled query since 2026-12-03).
  run "officer queue, open work, overdue first (1M)" read "$open_queue_url" -H "Authorization: Bearer $staff"
  run "submit a field report" write "$host" -s "$pg_work/report.lua"
  # Minted just before: the citizens opened the app a moment ago, as one does before taking a number.
  mint_ticket_citizens
  warm "$host" -s "$pg_work/ticket-warm-up.lua"
  watch_snapshots "$pg_work/snapshots.tsv" & snapshot_watcher=$!
  WARMUP=0 run "take a queue ticket" write "$host" -s "$pg_work/ticket.lua"
  kill "$snapshot_watcher"; wait "$snapshot_watcher" 2>/dev/null || true
  # Warmed before counting, so the count is of the measured run's dossiers only; each run its own citizen.
  for _ in $(seq 1 "$threads"); do mint_citizen "Người nộp thử"; done >"$pg_work/dossier-citizens.txt"
  warm "$host" -s "$pg_work/dossier.lua"
  for _ in $(seq 1 "$threads"); do mint_citizen "Người nộp hồ sơ"; done >"$pg_work/dossier-citizens.txt"
  before=$("${psql[@]}" -d province -tAc "SELECT count(*) FROM dossiers.mt_doc_dossier")
  WARMUP=0 run "submit a dossier (upload + submit)" write "$host" -s "$pg_work/dossier.lua"
  submitted=$(( $("${psql[@]}" -d province -tAc "SELECT count(*) FROM dossiers.mt_doc_dossier") - before ))
  echo "Dossiers submitted in that run: $submitted (two requests each: the upload and the submission)"
  echo "$submitted" >"$pg_work/submitted.txt"
  "${psql[@]}" -d province -c "SELECT calls, round(total_exec_time) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12" >"$pg_work/statements.txt"
  peak_core=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$host_pid/status")
  echo "Host peak memory after the core scenarios (VmHWM): ${peak_core} MB"
  queue_after_the_burst
fi

if stage sweep; then
  for c in 16 64 256; do
    # Each line with the host's peak memory after it (VmHWM only grows: the step that raised it shows).
    C=$c D=$sweep_duration run "public lookup, $c connections" read "$host" -s "$pg_work/lookup-1000000.lua"
    printf '%s\t%s\n' "$(tail -1 "$results")" "$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$host_pid/status")" >>"$pg_work/sweep.tsv"; sed -i '$d' "$results"
    C=$c D=$sweep_duration run "submit a field report, $c connections" write "$host" -s "$pg_work/report.lua"
    printf '%s\t%s\n' "$(tail -1 "$results")" "$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$host_pid/status")" >>"$pg_work/sweep.tsv"; sed -i '$d' "$results"
    echo "Host peak memory after the $c-connection steps (VmHWM): $(tail -1 "$pg_work/sweep.tsv" | cut -f7) MB"
  done
fi

if stage soak; then
  echo "Soak: mixed load for $soak, VmRSS every 10 s..."
  ( started=$(date +%s); while kill -0 "$host_pid" 2>/dev/null; do
      printf '%s\t%s\n' $(( $(date +%s) - started )) "$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$host_pid/status")" >>"$pg_work/rss.tsv"; sleep 10; done ) &
  sampler=$!
  D=$soak run "mixed soak (5 lookups, 2 queues, 1 search, 2 reports in 10)" soak "$host" -s "$pg_work/soak.lua"
  kill "$sampler" 2>/dev/null || true
  tail -1 "$results" >"$pg_work/soak.txt"; sed -i '$d' "$results"
fi

# write_results: the results file from what has been measured so far (written before the 5,000,000 load too, so a
# run stopped during that load still leaves its figures).
write_results() {
  peak=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$host_pid/status")
  echo "Host peak memory so far (VmHWM): ${peak} MB"
  { "${psql[@]}" -d province -c "EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) SELECT count(*) FROM dossiers.mt_doc_dossierqueueline d WHERE d.agency_id = '$ward' AND d.status IN ('New', 'Accepted', 'Processing') AND d.due_date < current_date"
    "${psql[@]}" -d province -c "EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) SELECT d.data FROM dossiers.mt_doc_dossierqueueline d WHERE d.agency_id = '$ward' AND d.status IN ('New', 'Accepted', 'Processing') AND d.due_date < current_date ORDER BY d.due_date, d.submitted_at LIMIT 20"
    # The queue's statements as a pooled connection runs them once Npgsql has prepared them (Database:MaxAutoPrepare),
    # with the statuses as constants, as the host writes them: after five runs PostgreSQL may keep one generic plan
    # ($1 in an index condition shows it) instead of planning each call. The plans printed are those the host gets,
    # and the counts of generic and custom plans say which it kept.
    echo "Prepared as the host sends them, after ten runs:"
    local open="d.status in ('New', 'Accepted', 'Processing', 'SupplementRequested', 'FeeRequested')" running="d.status in ('New', 'Accepted', 'Processing')"
    "${psql[@]}" -d province <<SQL
PREPARE open_page(uuid, int, int) AS select d.data from dossiers.mt_doc_dossierqueueline as d where (d.agency_id = \$1 and $open) order by d.due_date, d.submitted_at OFFSET \$2 LIMIT \$3;
PREPARE open_count(uuid) AS select count(*) as number from dossiers.mt_doc_dossierqueueline as d where (d.agency_id = \$1 and $open);
PREPARE overdue_page(uuid, date, int, int) AS select d.data from dossiers.mt_doc_dossierqueueline as d where ($running and d.due_date < \$2 and d.agency_id = \$1) order by d.due_date, d.submitted_at OFFSET \$3 LIMIT \$4;
PREPARE overdue_count(uuid, date) AS select count(*) as number from dossiers.mt_doc_dossierqueueline as d where ($running and d.due_date < \$2 and d.agency_id = \$1);
\o /dev/null
$(for _ in $(seq 1 10); do echo "EXECUTE open_page('$ward', 0, 20); EXECUTE open_count('$ward'); EXECUTE overdue_page('$ward', current_date, 0, 20); EXECUTE overdue_count('$ward', current_date);"; done)
\o
EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) EXECUTE open_page('$ward', 0, 20);
EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) EXECUTE open_count('$ward');
EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) EXECUTE overdue_page('$ward', current_date, 0, 20);
EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) EXECUTE overdue_count('$ward', current_date);
SELECT name, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name;
SQL
  } >"$pg_work/plan.txt"
  dossiers_now=$("${psql[@]}" -d province -tAc "SELECT count(*) FROM dossiers.mt_doc_dossier")
  touch "$pg_work/statements.txt" "$pg_work/submitted.txt"
  python3 "$root/build/benchmark-report.py" "$pg_work" "$peak" "$peak_core" "$duration" "$connections" "$threads" "$stages" "$soak" "$dossiers_now" >"$root/build/benchmark-results.md"
  echo "Written build/benchmark-results.md"
}
write_results
if stage growth; then
  load 1000001 5000000 0 0
  growth_point 5,000,000 5000000
  write_results
fi
if [ "${KEEP_RUNNING:-}" = 1 ]; then
  echo "Kept running for profiling: host $host (pid $host_pid), PostgreSQL 127.0.0.1:$pg_port database province, staff token in $pg_work/staff.token. Ctrl+C ends."
  echo "$staff" >"$pg_work/staff.token"
  sleep infinity
fi

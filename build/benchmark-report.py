# The results file of build/benchmark.sh from the figures it collected in its work folder (argument 1).
import datetime, platform, sys, os
work, peak, peak_core, duration, connections, threads, stages, soak, dossiers_now = sys.argv[1:10]
def rows(name): return [l.rstrip("\n").split("\t") for l in open(os.path.join(work, name)) if l.strip()]
def read(name): return open(os.path.join(work, name)).read().strip()
def optional_rows(name): return rows(name) if os.path.exists(os.path.join(work, name)) else []
core = rows("results.tsv")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print(f"# Benchmark results\n\n{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores ({cpu}), "
      f"host, PostgreSQL and wrk on the same machine; wrk {duration}, {connections} connections, {threads} threads; stages {stages.strip(',')}. "
      "Produced by `bash build/benchmark.sh`.\n")
print("The machine is shared (other builds ran at the same time): absolute figures are noisy; the ratios to the baselines "
      "measured in the same run and minute much less so. Reads are divided by the one-row SELECT baseline, writes by the "
      "one-row INSERT baseline.\n")
print("## Start-up to ready (/health/ready)\n\n| start | ms |\n|---|---|")
for name, ms in rows("startup.tsv"):
    print(f"| {name} | {ms} |")
quiet = optional_rows("quiet.tsv")
if quiet:
    print("\nBefore measuring, the run waited for the host and PostgreSQL to be idle (under 15% of one core for 3 s): "
          + "; ".join(f"{what} {seconds} s ({state})" for what, seconds, state in quiet) + ".")
if core:
    read_base = float(next(r for r in core if r[1] == "baseline")[2])
    write_base = float(next(r for r in core if r[1] == "insert")[2])
    # The host's peak after each scenario (the last of a name: the growth and sweep stages reuse none of these names).
    peak_after = dict(optional_rows("hwm.tsv"))
    print(f"\n## Scenarios at 1,000,000 dossiers\n\n| scenario | requests/s | ratio | p50 ms | p99 ms | errors | host peak after it (VmHWM) MB |\n|---|---|---|---|---|---|---|")
    for name, kind, rps, p50, p99, errors in core:
        ratio = f"{float(rps) / read_base:.2f}" if kind == "read" else f"{float(rps) / write_base:.3f}" if kind == "write" else ""
        print(f"| {name} | {rps} | {ratio} | {p50} | {p99} | {errors} | {peak_after.get(name, '')} |")
    submitted = read("submitted.txt")
    if submitted:
        print(f"\nDossiers submitted in the dossier scenario: {submitted} (two requests each: the upload and the submission).")
snapshots = optional_rows("snapshots.tsv")
if snapshots:
    held = [(int(seconds), who) for seconds, who in snapshots]
    oldest = max(held)
    print(f"\nDuring the ticket scenario's measured run (sampled every second): the oldest snapshot open in PostgreSQL "
          f"besides the sampler's was {oldest[0]} s old ({oldest[1]}); one older than 1 s was open in "
          f"{sum(1 for seconds, _ in held if seconds > 1)} of {len(held)} samples. While one is open, the old versions of the "
          f"groups' counter and tally rows cannot be pruned and every number taken walks them.")
aftermath = optional_rows("aftermath.tsv")
if aftermath:
    print("\n## The officer's open work after the dossier scenario's burst\n\nMeasured at once, then again once autovacuum had "
          "vacuumed the queue lines since. Before each: the lines the open-work count read from its index, how many of "
          "them it fetched from the table too (lines not on pages a vacuum marked all-visible), the lines inserted or "
          "left dead since the last vacuum, and the table's autovacuums so far.\n\n"
          "| when | requests/s | p50 ms | p99 ms | errors | lines counted | fetched from the table | changed since vacuum | autovacuums | waited s |\n"
          "|---|---|---|---|---|---|---|---|---|---|")
    for name, kind, rps, p50, p99, errors, counted, fetched, changed, vacuums, waited in aftermath:
        print(f"| {name} | {rps} | {p50} | {p99} | {errors} | {counted} | {fetched} | {changed} | {vacuums} | {waited} |")
growth = rows("growth.tsv")
if growth:
    print("\n## Growth curve (same open work, history growing)\n\n| scenario | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|")
    for name, kind, rps, p50, p99, errors in growth:
        print(f"| {name} | {rps} | {p50} | {p99} | {errors} |")
sweep = rows("sweep.tsv")
if sweep:
    print("\n## Connection sweep\n\n| scenario | requests/s | p50 ms | p99 ms | errors | host peak after it (VmHWM) MB |\n|---|---|---|---|---|---|")
    for name, kind, rps, p50, p99, errors, peak in sweep:
        print(f"| {name} | {rps} | {p50} | {p99} | {errors} | {peak} |")
soak_rows = rows("soak.txt")
if soak_rows:
    name, kind, rps, p50, p99, errors = soak_rows[0]
    rss = [(int(t), int(m)) for t, m in rows("rss.tsv")]
    print(f"\n## Soak ({soak})\n\n{name}: {rps} requests/s, p50 {p50} ms, p99 {p99} ms, errors {errors}.\n")
    if rss:
        mb = [m for _, m in rss]
        third = max(1, len(mb) // 3)
        print(f"Host VmRSS every 10 s: first {mb[0]} MB, min {min(mb)}, max {max(mb)}, last {mb[-1]}; "
              f"mean of the first third {sum(mb[:third]) / third:.0f} MB, of the last third {sum(mb[-third:]) / third:.0f} MB.\n")
        print("```\n" + " ".join(f"{t}s:{m}" for t, m in rss) + "\n```")
print(f"\n## Memory\n\nHost peak memory (VmHWM): {peak_core or '-'} MB after the core scenarios, {peak} MB over the whole run.")
print(f"\n## Officer queue plan ({int(dossiers_now):,} dossiers at the end of the run)\n\n```\n{read('plan.txt')}\n```")
statements = read("statements.txt")
if statements:
    print(f"\nStatements PostgreSQL spent most time on during the core scenarios (pg_stat_statements):\n\n```\n{statements}\n```")

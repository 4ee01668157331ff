#!/usr/bin/env python3
"""Turns one bench/run.sh run into the report: OUT/latest.{md,json} (and, outside smoke mode, a
copy named by the UTC time), printed as Markdown too. Standard library only.

Input (--run DIR), per database DB: DIR/DB/scenarios.tsv (actor, scenario, start, end), the wrk
output DIR/DB/ACTOR-SCENARIO.wrk with its "BENCH_RESULT {json}" line (bench/scenarios/common.lua),
DIR/DB/rss.log ("epoch VmRSS RssAnon RssFile", kB, every 200 ms), DIR/DB/generate.json, DIR/DB/prepare-ACTOR.json and, for
PostgreSQL, DIR/DB/settings.txt.

Exit status: 1 when a scenario left no result; in --smoke mode also when one had no requests or
any error; with --strict also when a target is missed. Otherwise 0.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RSS_LIMIT_MB = 300
# Issue #6's targets (SQLite, 1M customers, 64 connections): (metric, op, bound, label).
TARGETS = {
    "get_by_id": [("p99_ms", "<=", 10, "p99 ≤ 10 ms"), ("ratio", ">=", 0.5, "ratio ≥ 0.5")],
    "list": [("p99_ms", "<=", 30, "p99 ≤ 30 ms")],
    "search_q2": [("p99_ms", "<=", 50, "p99 ≤ 50 ms")],
    "search_q3": [("p99_ms", "<=", 50, "p99 ≤ 50 ms")],
    "search_pinyin": [("p99_ms", "<=", 50, "p99 ≤ 50 ms")],
    "global_search": [("p99_ms", "<=", 80, "p99 ≤ 80 ms")],
    "create": [("rps", ">=", 5000, "≥ 5000/s")],
    "patch": [("rps", ">=", 5000, "≥ 5000/s")],
}
DESCRIPTIONS = {
    "health": "GET /health (the floor)",
    "get_by_id": "get customer by id",
    "list": "list 50, category + province, by name (the list page's columns)",
    "list_full": "the same list, every field",
    "search_q2": "q= 2-char Chinese",
    "search_q3": "q= 3-char Chinese",
    "search_pinyin": "q= pinyin initials",
    "global_search": "global search",
    "page360": "360° page calls",
    "create": "create customer (201)",
    "patch": "patch customer",
}


def read_json(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def wrk_result(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("BENCH_RESULT "):
                    return json.loads(line[len("BENCH_RESULT "):])
    except OSError:
        pass
    return None


def rss_samples(path):
    samples = []
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 4:
                    samples.append((float(parts[0]), int(parts[1]), int(parts[2]), int(parts[3])))
    except OSError:
        pass
    return samples


def peak_mb(samples, start, end, column=1):
    """Peak of one column (1 VmRSS, 2 RssAnon, 3 RssFile) over the samples in [start, end], MB."""
    inside = [s[column] for s in samples if start <= s[0] <= end]
    return round(max(inside) / 1024, 1) if inside else None


def machine():
    cpu = "?"
    ram_kb = 0
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                ram_kb = int(line.split()[1])
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(ram_kb / 1024 / 1024, 1),
            "kernel": os.uname().release}


def git_commit():
    def git(*args):
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return commit + ("+dirty" if dirty else "")


def row_for(db_dir, actor, name, start, end, samples, health_rps):
    res = wrk_result(os.path.join(db_dir, f"{actor}-{name}.wrk"))
    row = {"actor": actor, "scenario": name, "ran": res is not None}
    if res is None:
        return row
    seconds = res["duration_us"] / 1e6
    statuses = {int(k): v for k, v in res["statuses"].items()}
    unexpected = {k: v for k, v in statuses.items() if k != (201 if name == "create" else 200)}
    row.update({
        "requests": res["requests"],
        "rps": round(res["requests"] / seconds, 1) if seconds > 0 else 0.0,
        "p50_ms": round(res["latency_us"]["p50"] / 1000, 2),
        "p90_ms": round(res["latency_us"]["p90"] / 1000, 2),
        "p99_ms": round(res["latency_us"]["p99"] / 1000, 2),
        "max_ms": round(res["latency_us"]["max"] / 1000, 2),
        "errors": res["socket_errors"] + res["bad_status"],
        "socket_errors": res["socket_errors"],
        "timeouts": res["timeouts"],
        "status_5xx": sum(v for k, v in statuses.items() if k >= 500),
        "unexpected_statuses": unexpected,
        "rss_peak_mb": peak_mb(samples, start, end),
        "anon_peak_mb": peak_mb(samples, start, end, 2),
        "file_peak_mb": peak_mb(samples, start, end, 3),
        "extra": res.get("extra") or {},
    })
    row["ratio"] = round(row["rps"] / health_rps, 3) if health_rps else None
    return row


def check(value, op, bound):
    if value is None:
        return False
    return value <= bound if op == "<=" else value >= bound


def apply_targets(db, row, sqlite_rows):
    """The issue's targets that apply to this row: [{"target", "pass"}]."""
    if not row.get("ran"):
        return []
    out = [{"target": "errors = 0", "pass": row["errors"] == 0}]
    # "RSS ≤ 300 MB (page cache aside)": the anonymous part; mapped database pages are page cache.
    if row["anon_peak_mb"] is not None:
        out.append({"target": f"RSS ≤ {RSS_LIMIT_MB} MB", "pass": row["anon_peak_mb"] <= RSS_LIMIT_MB})
    if db == "sqlite":
        for metric, op, bound, label in TARGETS.get(row["scenario"], []):
            out.append({"target": label, "pass": check(row.get(metric), op, bound)})
    elif row["scenario"] != "health":
        base = sqlite_rows.get((row["actor"], row["scenario"]))
        if base and base.get("ran"):
            ok = row["rps"] * 2 >= base["rps"] and row["p99_ms"] <= 2 * base["p99_ms"]
            out.append({"target": "within 2× SQLite", "pass": ok})
    return out


def load_db(run, db, smoke, sqlite_rows):
    db_dir = os.path.join(run, db)
    windows = []
    try:
        with open(os.path.join(db_dir, "scenarios.tsv")) as f:
            for line in f:
                actor, name, start, end = line.rstrip("\n").split("\t")
                windows.append((actor, name, float(start), float(end)))
    except OSError:
        pass
    samples = rss_samples(os.path.join(db_dir, "rss.log"))
    health = next((w for w in windows if w[1] == "health"), None)
    health_res = wrk_result(os.path.join(db_dir, f"{health[0]}-health.wrk")) if health else None
    health_rps = (health_res["requests"] / (health_res["duration_us"] / 1e6)) if health_res else None
    rows = [row_for(db_dir, a, n, s, e, samples, health_rps) for a, n, s, e in windows]
    for row in rows:
        row["targets"] = [] if smoke else apply_targets(db, row, sqlite_rows)
    gen = read_json(os.path.join(db_dir, "generate.json"), {}) or {}
    settings = {}
    try:
        with open(os.path.join(db_dir, "settings.txt")) as f:
            settings = dict(line.strip().split("=", 1) for line in f if "=" in line)
    except OSError:
        pass
    span = (windows[0][2], windows[-1][3]) if windows else (0, 0)
    return {
        "db": db,
        "data": gen.get("data"),
        "init_seconds": gen.get("init_seconds"),
        "generate_wall_seconds": gen.get("wall_seconds"),
        "generator": gen.get("line"),
        "health_rps": round(health_rps, 1) if health_rps else None,
        "rss_peak_mb": peak_mb(samples, *span),
        "anon_peak_mb": peak_mb(samples, *span, 2),
        "prepare": {a: read_json(os.path.join(db_dir, f"prepare-{a}.json")) for a in ("rep", "admin")},
        "settings": settings,
        "import": read_json(os.path.join(db_dir, "import.json"), None),
        "results": rows,
    }


def fmt(v, digits=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}"


def markdown(rep):
    m = rep["machine"]
    gen_line = lambda d: d["generator"] or {}
    lines = [
        f"# Kehu load benchmark — {rep['timestamp']}{' (smoke run)' if rep['smoke'] else ''}",
        "",
        f"- commit `{rep['commit']}`; machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM,"
        f" Linux {m['kernel']}",
        f"- data: {rep['data']}; requested {fmt(rep['scale']['customers'])} customers,"
        f" {fmt(rep['scale']['contacts'])} contacts, {rep['scale']['users']} users",
        f"- wrk: {rep['threads']} threads, {rep['connections']} connections, {rep['seconds']} s per"
        f" scenario, 5 s timeout; actors: rep `{rep['rep']}` (visibility filter on) and `admin`",
        f"- whole run: {rep['wall_seconds']} s",
        "",
        "ratio = the scenario's req/s ÷ GET /health req/s on the same server in the same run."
        " errors = socket errors + responses with another status than the expected one (201 for"
        " create, else 200). RSS = peak VmRSS of the kehu process / peak of its anonymous part"
        " (RssAnon), sampled every 200 ms during the scenario; the rest is file pages mapped into"
        " it (SQLite's mmap of the database, counted once per connection's mapping), i.e. page"
        " cache, so the RSS target is checked against the anonymous part. Targets (issue #6) apply at 1M customers; SQLite rows carry the absolute"
        " targets, PostgreSQL rows “within 2× SQLite” (req/s ≥ ½ and p99 ≤ 2× the SQLite row).",
    ]
    for d in rep["databases"]:
        g = gen_line(d)
        lines += ["", f"## {d['db']}", ""]
        facts = [f"init {fmt(d['init_seconds'], 2)} s"]
        if g.get("customers") is not None:
            facts.append(f"generated {fmt(g.get('customers'))} customers, {fmt(g.get('contacts'))}"
                         f" contacts, {fmt(g.get('users'))} users in {fmt(g.get('seconds'), 1)} s"
                         f" (wall {fmt(d['generate_wall_seconds'], 1)} s)")
        else:
            facts.append(f"data loaded in {fmt(d['generate_wall_seconds'], 1)} s")
        facts.append(f"health baseline {fmt(d['health_rps'])} req/s")
        facts.append(f"server RSS peak {fmt(d['rss_peak_mb'])} MB, of which anonymous"
                     f" {fmt(d['anon_peak_mb'])} MB")
        lines.append("- " + "; ".join(facts))
        imp = d.get("import")
        if imp:
            rate = imp.get("rowsPerSecond") or 0
            verdict = "pass" if rate >= 1000000 / 60 else "MISS"
            lines.append(f"- CSV import (`bench/import.sh`): {fmt(imp.get('rows'))} rows, state"
                         f" {imp.get('state')}, {fmt(imp.get('seconds'), 1)} s = {fmt(rate)} rows/s;"
                         f" target 1,000,000 in ≤ 60 s (≥ 16,667 rows/s): {verdict}")
        if d["settings"]:
            lines.append("- PostgreSQL: " + ", ".join(f"{k}={v}" for k, v in d["settings"].items()))
        for actor in ("rep", "admin"):
            p = d["prepare"].get(actor)
            if p:
                lines.append(f"- {actor} `{p['user']}` sees {fmt(p['visible'])} customers; ids used:"
                             f" {p['ids']} to read, {p['editable']} to patch")
        lines += ["", "| actor | scenario | req/s | p50 ms | p99 ms | errors | 5xx | ratio | RSS / anon MB | targets |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in d["results"]:
            name = DESCRIPTIONS.get(r["scenario"], r["scenario"])
            if not r["ran"]:
                lines.append(f"| {r['actor']} | {name} | no result | | | | | | | |")
                continue
            misses = [t["target"] for t in r["targets"] if not t["pass"]]
            verdict = ("MISS: " + ", ".join(misses)) if misses else ("pass" if r["targets"] else "–")
            errors = fmt(r["errors"])
            if r["unexpected_statuses"] or r["socket_errors"]:
                detail = [f"{k}×{v}" for k, v in sorted(r["unexpected_statuses"].items())]
                if r["socket_errors"]:
                    detail.append(f"socket×{r['socket_errors']}")
                errors += " (" + ", ".join(detail) + ")"
            lines.append(f"| {r['actor']} | {name} | {fmt(r['rps'])} | {fmt(r['p50_ms'], 2)} |"
                         f" {fmt(r['p99_ms'], 2)} | {errors} | {fmt(r['status_5xx'])} |"
                         f" {fmt(r['ratio'], 2)} | {fmt(r['rss_peak_mb'], 0)} /"
                         f" {fmt(r['anon_peak_mb'], 0)} | {verdict} |")
    if rep["problems"]:
        lines += ["", "## Problems", ""] + [f"- {p}" for p in rep["problems"]]
    if rep["misses"]:
        lines += ["", f"{len(rep['misses'])} target(s) missed."]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    for name in ("run", "out", "dbs", "scenarios", "data", "rep"):
        ap.add_argument("--" + name, required=True)
    for name in ("customers", "contacts", "users", "seconds", "threads", "connections", "wall"):
        ap.add_argument("--" + name, type=int, required=True)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()

    now = datetime.datetime.now(datetime.timezone.utc)
    # SQLite first, whatever the order asked for: the other databases' targets compare with it.
    names = args.dbs.split()
    loaded, sqlite_rows = {}, {}
    for db in sorted(names, key=lambda name: name != "sqlite"):
        loaded[db] = load_db(args.run, db, args.smoke, sqlite_rows)
        if db == "sqlite":
            sqlite_rows = {(r["actor"], r["scenario"]): r for r in loaded[db]["results"]}
    databases = [loaded[db] for db in names]

    problems, misses = [], []
    for d in databases:
        seen = {(r["actor"], r["scenario"]) for r in d["results"]}
        for actor in ("rep", "admin"):
            for s in args.scenarios.split():
                if s == "health" and actor == "admin":
                    continue
                if (actor, s) not in seen:
                    problems.append(f"{d['db']}: {actor} {s} did not run")
        for r in d["results"]:
            where = f"{d['db']}: {r['actor']} {r['scenario']}"
            if not r["ran"]:
                problems.append(f"{where} left no result (see its .wrk output)")
                continue
            if args.smoke and r["requests"] == 0:
                problems.append(f"{where} made no requests")
            if args.smoke and r["errors"]:
                problems.append(f"{where} had {r['errors']} errors: {r['unexpected_statuses']},"
                                f" {r['socket_errors']} socket errors")
            misses += [f"{where}: {t['target']}" for t in r["targets"] if not t["pass"]]

    rep = {
        "timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "smoke": args.smoke,
        "commit": git_commit(),
        "machine": machine(),
        "data": args.data,
        "rep": args.rep,
        "scale": {"customers": args.customers, "contacts": args.contacts, "users": args.users},
        "seconds": args.seconds,
        "threads": args.threads,
        "connections": args.connections,
        "wall_seconds": args.wall,
        "databases": databases,
        "problems": problems,
        "misses": misses,
    }
    md = markdown(rep)
    os.makedirs(args.out, exist_ok=True)
    names = ["latest"] + ([] if args.smoke else [now.strftime("%Y%m%dT%H%M%SZ")])
    for name in names:
        with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(rep, f, ensure_ascii=False, indent=2)
            f.write("\n")
        with open(os.path.join(args.out, name + ".md"), "w", encoding="utf-8") as f:
            f.write(md)
    sys.stdout.write(md)
    print(f"\nreport: {os.path.join(args.out, 'latest.md')} (+ .json)")
    if problems:
        print("bench: " + "; ".join(problems), file=sys.stderr)
        return 1
    if args.strict and misses:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

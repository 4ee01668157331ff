#!/usr/bin/env python3
"""report.py's targets on a made-up run: PostgreSQL rows are checked against the SQLite rows of
the same run, in whichever order the databases ran (a PostgreSQL-first run once left every
PostgreSQL row marked "pass")."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

REPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.py")


def write_db(run, db, rows):
    """rows: {(actor, scenario): (requests per second over 10 s, p99 ms)}"""
    os.makedirs(os.path.join(run, db))
    with open(os.path.join(run, db, "scenarios.tsv"), "w") as tsv:
        for i, ((actor, name), (rps, p99)) in enumerate(rows.items()):
            tsv.write(f"{actor}\t{name}\t{i * 10}\t{i * 10 + 10}\n")
            result = {"duration_us": 10_000_000, "requests": rps * 10, "socket_errors": 0, "bad_status": 0,
                      "timeouts": 0, "statuses": {"200": rps * 10},
                      "latency_us": {"p50": p99 * 500, "p90": p99 * 900, "p99": p99 * 1000, "max": p99 * 2000}}
            with open(os.path.join(run, db, f"{actor}-{name}.wrk"), "w") as wrk:
                wrk.write("BENCH_RESULT " + json.dumps(result) + "\n")


def report(run, out, dbs):
    done = subprocess.run([sys.executable, REPORT, "--run", run, "--out", out, "--dbs", dbs,
                    "--scenarios", "health get_by_id search_q2", "--data", "generate", "--rep", "bench002",
                    "--customers", "1000", "--contacts", "2000", "--users", "20", "--seconds", "10",
                    "--threads", "2", "--connections", "64", "--wall", "60"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"report.py failed: {done.stderr}{done.stdout}")
    with open(os.path.join(out, "latest.json"), encoding="utf-8") as f:
        return json.load(f)


class CrossDatabaseTargets(unittest.TestCase):
    def verdicts(self, dbs):
        with tempfile.TemporaryDirectory() as tmp:
            run, out = os.path.join(tmp, "run"), os.path.join(tmp, "out")
            def rows(get_by_id, search_q2):
                return {("rep", "health"): (20000, 4),
                        **{(actor, "get_by_id"): get_by_id for actor in ("rep", "admin")},
                        **{(actor, "search_q2"): search_q2 for actor in ("rep", "admin")}}
            write_db(run, "sqlite", rows(get_by_id=(10000, 8), search_q2=(4000, 30)))
            # get by id within 2× (6,000 ≥ 10,000 / 2, 12 ms ≤ 16 ms); search 100× slower.
            write_db(run, "postgresql", rows(get_by_id=(6000, 12), search_q2=(40, 4900)))
            rep = report(run, out, dbs)
        pg = next(d for d in rep["databases"] if d["db"] == "postgresql")
        return {r["scenario"]: [t for t in r["targets"] if t["target"] == "within 2× SQLite"]
                for r in pg["results"] if r["actor"] == "rep"}

    def test_postgresql_rows_compare_with_sqlite_whichever_ran_first(self):
        for dbs in ("sqlite postgresql", "postgresql sqlite"):
            with self.subTest(dbs=dbs):
                verdicts = self.verdicts(dbs)
                self.assertEqual(verdicts["get_by_id"], [{"target": "within 2× SQLite", "pass": True}])
                self.assertEqual(verdicts["search_q2"], [{"target": "within 2× SQLite", "pass": False}])


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/env python3
"""curate on a PostgreSQL store, beside curate on SQLite and beside psql by hand.

    python3 Benchmarks/postgres.py [--records N] [--shape log|bench] [--rounds R] [--curate PATH]

Starts a throwaway PostgreSQL server (scripts/postgres-test-server), then in each round, one
after the other on the same corpus as Benchmarks/run.py:

- curate, SQLite store: `curate ingest`, then the benchmark's export (one task, one prompt
  version left out, the latest label per input, JSON Lines);
- curate, PostgreSQL store: the same two commands with CURATE_STORE set to a new database;
- psql by hand: `\\copy` of the same label rows (as curate stored them, dumped untimed from
  its database) into the same `labels` table with the same indexes, in a new database set up
  by `curate init`; then `\\copy` out of the same export rows (latest per input) to a file.

The issue's bar is curate's PostgreSQL ingest at most 1.5× psql's `\\copy` of the same rows.
Writes Benchmarks/results/<N>-postgres.md. Needs psql, GNU time and PostgreSQL's server.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (the corpus, the measuring and the export both benchmarks use)

SERVER = bench.REPO / "scripts" / "postgres-test-server"
LABEL_COLUMNS = "id, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output, input, params, run, meta, supersedes"
# The export by hand: the same rows curate's export writes (one task, sentiment@v1 left out,
# an input's human labels first, then the newest), as psql's own text format.
EXPORT_BY_HAND = f"""
SELECT DISTINCT ON (l.input_id) l.input_id, l.input, l.output, l.id, t.model, p.name, p.version, p.sha256, t.hash_status,
       t.origin, l.created_at
FROM labels l JOIN tuples t ON t.id = l.tuple_id LEFT JOIN prompts p ON p.id = t.prompt_id
WHERE l.task = '{bench.EXPORT_TASK}'
  AND NOT (coalesce(p.name, '') = '{bench.EXCLUDE_NAME}' AND coalesce(p.version, '') = '{bench.EXCLUDE_VERSION}')
ORDER BY l.input_id, t.origin = 'human' DESC, l.created_at DESC, l.id DESC
"""


def database_uri(server: str, name: str) -> str:
    """The server's URI with its database replaced by `name`."""
    head, _, query = server.partition("?")
    return head.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")


def psql(uri: str, command: str, cwd: Path, name: str) -> bench.Measure:
    return bench.measure(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", uri, "-c", command], cwd, name)[0]


def new_database(server: str, name: str, cwd: Path) -> str:
    subprocess.run(["psql", "-X", "-q", server, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], cwd=cwd, check=True)
    subprocess.run(["psql", "-X", "-q", server, "-c", f"CREATE DATABASE {name}"], cwd=cwd, check=True)
    return database_uri(server, name)


def curate_round(curate: Path, shape: bench.Shape, work: Path, store: str | None) -> dict[str, bench.Measure]:
    """`curate init`, `ingest`, `export` in a new workspace; on `store` (a URL) when given."""
    env = dict(os.environ)
    env.pop("CURATE_STORE", None)
    if store:
        env["CURATE_STORE"] = store
    work.mkdir()
    bench.measure([str(curate), "init"], work, "init", env=env)
    if shape.prompts:
        subprocess.run(["cp", "-r", f"{shape.prompts}/.", str(work / "prompts")], check=True)
    ingest = bench.measure([str(curate), "ingest", str(shape.corpus)], work, "ingest", env=env)[0]
    export = bench.measure([str(curate), *bench.CURATE_EXPORT_ARGS], work, "export", env=env)[0]
    if export.ok:
        files = list((work / "datasets" / "bench" / "data").glob("*.jsonl"))
        export.note = f"{sum(bench.count_lines(p) for p in files):,} rows"
    return {"ingest": ingest, "export": export}


def by_hand_round(curate: Path, server: str, source: str, work: Path, index: int) -> dict[str, bench.Measure]:
    """psql's `\\copy` of curate's rows into a new database with curate's schema, then the export rows out."""
    work.mkdir()
    rows = work / "labels.tsv"
    small = {table: work / f"{table}.tsv" for table in ("prompts", "tuples", "ingests")}
    for table, path in small.items():
        subprocess.run(["psql", "-X", "-q", source, "-c", f"\\copy {table} TO '{path}'"], cwd=work, check=True)
    subprocess.run(["psql", "-X", "-q", source, "-c", f"\\copy (SELECT {LABEL_COLUMNS} FROM labels ORDER BY seq) TO '{rows}'"],
                   cwd=work, check=True)
    target = new_database(server, f"bench_hand_{index}", work)
    subprocess.run([str(curate), "init", "--store", target], cwd=work, check=True, capture_output=True)
    for table, path in small.items():
        subprocess.run(["psql", "-X", "-q", target, "-c", f"\\copy {table} FROM '{path}'"], cwd=work, check=True)
    ingest = psql(target, f"\\copy labels ({LABEL_COLUMNS}) FROM '{rows}'", work, "copy-in")
    subprocess.run(["psql", "-X", "-q", target, "-c", "VACUUM ANALYZE"], cwd=work, check=True)
    export = psql(target, f"\\copy ({' '.join(EXPORT_BY_HAND.split())}) TO '{work / 'export.tsv'}'", work, "copy-out")
    if export.ok:
        export.note = f"{bench.count_lines(work / 'export.tsv'):,} rows"
    return {"ingest": ingest, "export": export}


def main() -> int:
    p = argparse.ArgumentParser(description="curate on PostgreSQL beside curate on SQLite and psql by hand.")
    p.add_argument("--records", type=int, default=1_000_000, help="corpus size (default 1000000)")
    p.add_argument("--shape", choices=["bench", "log"], default="log", help="corpus (default: the log-shaped one)")
    p.add_argument("--rounds", type=int, default=3, help="rounds, each running every side once (default 3)")
    p.add_argument("--curate", default=None, help="curate binary (default .build/release/curate)")
    p.add_argument("--output", default=None, help="result file (default Benchmarks/results/<N>-postgres.md)")
    args = p.parse_args()

    curate = bench.curate_binary(Path(args.curate) if args.curate else bench.REPO / ".build/release/curate", args.curate is None)
    shape = bench.corpus(args.shape, args.records)
    output = Path(args.output or bench.BENCH / "results" / f"{bench.size_label(args.records)}-postgres.md")
    server = subprocess.run([str(SERVER), "start"], check=True, capture_output=True, text=True).stdout.strip()
    sides = ["curate, SQLite", "curate, PostgreSQL", "psql by hand"]
    results: dict[str, dict[str, list[bench.Measure]]] = {side: {"ingest": [], "export": []} for side in sides}
    loads = [bench.load_average()]
    try:
        with tempfile.TemporaryDirectory(prefix="curate-pg-bench-") as scratch:
            for index in range(args.rounds):
                root = Path(scratch) / f"round-{index}"
                root.mkdir()
                print(f"round {index + 1} of {args.rounds}", flush=True)
                store = new_database(server, f"bench_curate_{index}", root)
                rounds = {
                    "curate, SQLite": curate_round(curate, shape, root / "sqlite", None),
                    "curate, PostgreSQL": curate_round(curate, shape, root / "postgres", store),
                }
                rounds["psql by hand"] = by_hand_round(curate, server, store, root / "psql", index)
                for side, steps in rounds.items():
                    for step, m in steps.items():
                        bench.step_log(side, step, m)
                        results[side][step].append(m)
                loads.append(bench.load_average())
    finally:
        subprocess.run([str(SERVER), "stop", server], check=False)

    def median(side: str, step: str) -> float | None:
        times = [m.seconds for m in results[side][step] if m.ok]
        return statistics.median(times) if len(times) == len(results[side][step]) and times else None

    lines = [
        f"# curate on PostgreSQL, {args.records:,} records ({shape.title})", "",
        f"`python3 Benchmarks/postgres.py --records {args.records} --shape {args.shape} --rounds {args.rounds}`, "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}; corpus: `{shape.generator}`.", "",
        *(f"- {key}: {value}" for key, value in bench.machine_info(curate)),
        f"- load average before and after each round: {', '.join(loads)}", "",
        "Median of the rounds; ratios to psql by hand, the bar being curate's PostgreSQL ingest ≤ 1.5×.", "",
        "| step | side | seconds | peak RSS | ratio | note |", "|---|---|---:|---:|---:|---|",
    ]
    for step in ("ingest", "export"):
        base = median("psql by hand", step)
        for side in sides:
            seconds = median(side, step)
            if seconds is None:
                lines.append(f"| {step} | {side} | failed | | | {results[side][step][-1].detail} |")
                continue
            rss = max(m.rss_kb for m in results[side][step]) / 1024
            ratio = f"{seconds / base:.2f}×" if base else ""
            lines.append(f"| {step} | {side} | {seconds:.2f} | {rss:.0f} MB | {ratio} | {results[side][step][-1].note} |")
    output.write_text("\n".join(lines) + "\n")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

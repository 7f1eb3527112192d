#!/usr/bin/env python3
"""What each part of a Parquet export costs, against DuckDB's whole `COPY … (FORMAT parquet)`.

    python3 Benchmarks/floor.py [--records 1000000] [--rounds 5] [--shape bench|log|both] [--curate PATH]

Issue 17's item 5 asks for curate's Parquet export at ≤ 1.0× DuckDB's. This measures what each
part of the export adds to its time: a measurement build (Benchmarks/floor.patch applied to the
current commit in a temporary git worktree, built with `swift build -c release`; or --curate, a
binary built so already) has three switches, each leaving out one part of the work:

- CURATE_FLOOR_NO_ZSTD: Parquet pages stored uncompressed;
- CURATE_FLOOR_NO_VERIFY: no re-hash of the labels read;
- CURATE_FLOOR_NO_WRITE: no row written (read, grouped, resolved, dropped).

The benchmark's Parquet export (Benchmarks/run.py's, on its corpora) runs in each configuration,
then DuckDB's, alternating, --rounds times, on a store ingested once per corpus. Reports each
configuration's median wall and CPU seconds and the median of the rounds' ratios to DuckDB.
Writes Benchmarks/results/floor.md. Not run in CI.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (the corpora, the measuring and the export both benchmarks use)

PATCH = bench.BENCH / "floor.patch"

# (label, switches): the whole export first, then less and less of it.
CONFIGURATIONS = [
    ("the whole export", []),
    ("no zstd", ["CURATE_FLOOR_NO_ZSTD"]),
    ("no re-hash", ["CURATE_FLOOR_NO_VERIFY"]),
    ("no re-hash, no zstd", ["CURATE_FLOOR_NO_VERIFY", "CURATE_FLOOR_NO_ZSTD"]),
    ("read, group, resolve only", ["CURATE_FLOOR_NO_VERIFY", "CURATE_FLOOR_NO_WRITE"]),
]
DUCKDB = "DuckDB by hand: COPY … (FORMAT parquet)"


def measurement_build(scratch: Path) -> Path:
    """The curate of the current checkout with floor.patch applied, built in a temporary worktree."""
    tree = scratch / "floor-build"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), "HEAD"], cwd=bench.REPO, check=True)
    try:
        subprocess.run(["git", "apply", str(PATCH)], cwd=tree, check=True)
        print("building the measurement build (swift build -c release; a few minutes) …", flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "curate"], cwd=tree, check=True)
        binary = scratch / "curate-floor"
        shutil.copy2(tree / ".build" / "release" / "curate", binary)
        return binary
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=bench.REPO, check=True)


def main() -> int:
    p = argparse.ArgumentParser(description="What each part of curate's Parquet export costs.")
    p.add_argument("--records", type=int, default=1_000_000, help="corpus size (default 1000000)")
    p.add_argument("--rounds", type=int, default=5, help="rounds, each running every configuration once (default 5)")
    p.add_argument("--shape", choices=["bench", "log", "both"], default="both", help="corpus (default both)")
    p.add_argument("--curate", default=None, help="a measurement build made from floor.patch (default: build one)")
    p.add_argument("--output", default=None, help="result file (default Benchmarks/results/floor.md)")
    args = p.parse_args()
    import duckdb  # noqa: F401  (fails here, before any build, when it is missing)

    names = ["bench", "log"] if args.shape == "both" else [args.shape]
    output = Path(args.output or bench.BENCH / "results" / "floor.md")
    loads = [bench.load_average()]
    with tempfile.TemporaryDirectory(prefix="curate-floor-") as scratch_name:
        scratch = Path(scratch_name)
        curate = Path(args.curate).absolute() if args.curate else measurement_build(scratch)
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=bench.REPO, capture_output=True, text=True).stdout.strip()
        measured = f"{args.curate} (given)" if args.curate else f"{head} with floor.patch, built {bench.binary_time(curate)}"
        machine = bench.machine_info(curate)  # asks the build its version now: it goes with the scratch folder
        results: dict[str, dict[str, list[bench.Measure]]] = {}
        for name in names:
            shape = bench.corpus(name, args.records)
            work = scratch / name
            bench.init_workspace(curate, shape, work)
            ingest = bench.measure([str(curate), "ingest", str(shape.corpus)], work, "ingest")[0]
            db = scratch / f"{name}.duckdb"
            loaded = bench.measure([sys.executable, str(bench.BENCH / "run.py"), "--worker", "duckdb-ingest",
                                    str(shape.corpus), str(db), shape.lock], scratch, f"duckdb-ingest-{name}")[0]
            if not ingest.ok or not loaded.ok:
                raise SystemExit(f"floor.py: setting up {shape.title} failed: {ingest.detail or loaded.detail}")
            found = results[name] = {label: [] for label, _ in [*CONFIGURATIONS, (DUCKDB, [])]}
            for number in range(1, args.rounds + 1):
                print(f"round {number} of {args.rounds}: {shape.title}", flush=True)
                for label, switches in CONFIGURATIONS:
                    shutil.rmtree(work / "datasets" / "bench-parquet", ignore_errors=True)
                    env = {**os.environ, **{switch: "1" for switch in switches}}
                    m = bench.measure([str(curate), *bench.CURATE_PARQUET_ARGS], work, "export", env=env)[0]
                    bench.step_log("curate", label, m)
                    found[label].append(m)
                target = scratch / "out.parquet"
                target.unlink(missing_ok=True)
                m = bench.measure([sys.executable, str(bench.BENCH / "run.py"), "--worker", "duckdb-export-parquet",
                                   str(db), str(target)], scratch, "duckdb-export")[0]
                bench.step_log("DuckDB", "export to Parquet", m)
                found[DUCKDB].append(m)
            loads.append(bench.load_average())

    lines = [
        f"# What each part of curate's Parquet export costs ({args.records:,} records)", "",
        f"`python3 Benchmarks/floor.py --records {args.records} --rounds {args.rounds} --shape {args.shape}`, "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}. The benchmark's Parquet export (Benchmarks/run.py) in each "
        "configuration of the measurement build (Benchmarks/floor.patch), then DuckDB's, alternating, "
        f"{args.rounds} rounds: median seconds, their range, and the median of the rounds' ratios to DuckDB.", "",
        *(f"- {key}: {value}" for key, value in machine if not key.startswith("curate")),
        f"- curate: {measured}",
        f"- load average at start and after each corpus: {', '.join(loads)}", "",
    ]
    for name in names:
        found = results[name]
        duckdb_seconds = [m.seconds for m in found[DUCKDB]]
        lines += [f"## {bench.SHAPES[name][0].capitalize()}", "",
                  "| configuration | wall s | range | CPU s | ratio to DuckDB | peak RSS MB |",
                  "|---|---:|---:|---:|---:|---:|"]
        for label, measures in found.items():
            if not all(m.ok for m in measures):
                lines.append(f"| {label} | {next(m.detail for m in measures if not m.ok)} | | | | |")
                continue
            seconds = [m.seconds for m in measures]
            ratio = statistics.median(s / d for s, d in zip(seconds, duckdb_seconds))
            lines.append(f"| {label} | {statistics.median(seconds):.2f} | {min(seconds):.2f}–{max(seconds):.2f} "
                         f"| {statistics.median(m.cpu_seconds for m in measures):.2f} | {ratio:.2f}× "
                         f"| {max(m.rss_kb for m in measures) / 1024:.0f} |")
        lines.append("")

    output.write_text("\n".join(lines))
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

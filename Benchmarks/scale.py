#!/usr/bin/env python3
"""curate's ingest and export as the store grows: the curve issue 17 asks for.

    python3 Benchmarks/scale.py [--sizes 1000000,2000000,5000000,10000000] [--shape log|bench] [--curate PATH]

For each size, the corpus of Benchmarks/run.py (generated once into Benchmarks/.corpus/, ~590 MB
per million log-shaped records) goes through `curate init`, `curate ingest` into a new store and
the benchmark's export (one task, one prompt version left out, latest label per input), which
runs --export-rounds times (the median is reported). Reports seconds, seconds per million labels
and its ratio to the smallest size, the same ratio for CPU time (user + system, steadier than wall
time on a shared host), peak RSS, and the store's size against the corpus's. Writes
Benchmarks/results/scale-<shape>.md. Not run in CI.
"""
import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (the corpus, the measuring and the export both benchmarks use)


def median(measures: list[bench.Measure]) -> bench.Measure:
    """The run of median wall time (the upper one of an even count), or the first that failed."""
    failed = [m for m in measures if not m.ok]
    if failed:
        return failed[0]
    return sorted(measures, key=lambda m: m.seconds)[len(measures) // 2]


def main() -> int:
    p = argparse.ArgumentParser(description="curate's ingest and export at growing sizes.")
    p.add_argument("--sizes", default="1000000,2000000,5000000,10000000", help="corpus sizes (comma-separated)")
    p.add_argument("--shape", choices=["bench", "log"], default="log", help="corpus (default: the log-shaped one)")
    p.add_argument("--curate", default=None, help="curate binary (default .build/release/curate)")
    p.add_argument("--output", default=None, help="result file (default Benchmarks/results/scale-<shape>.md)")
    p.add_argument("--export-rounds", type=int, default=3, help="times the export runs at each size (default 3)")
    args = p.parse_args()

    curate = bench.curate_binary(Path(args.curate) if args.curate else bench.REPO / ".build/release/curate", args.curate is None)
    sizes = bench.parse_sizes(args.sizes)
    output = Path(args.output or bench.BENCH / "results" / f"scale-{args.shape}.md")
    rows = []
    loads = [bench.load_average()]
    for n in sizes:
        shape = bench.corpus(args.shape, n)
        with tempfile.TemporaryDirectory(prefix="curate-scale-") as scratch:
            work = Path(scratch) / "workspace"
            work.mkdir()
            bench.measure([str(curate), "init"], work, "init")
            if shape.prompts:
                shutil.copytree(shape.prompts, work / "prompts", dirs_exist_ok=True)
            ingest = bench.measure([str(curate), "ingest", str(shape.corpus)], work, "ingest")[0]
            store = bench.dir_size([work / ".curate"])
            exports = [bench.measure([str(curate), "export", f"bench-{k}", *bench.CURATE_EXPORT_ARGS[2:]], work, f"export-{k}")[0]
                       for k in range(args.export_rounds)]
            export = median(exports)
            for step, m in (("ingest", ingest), ("export", export)):
                bench.step_log(f"curate {bench.size_label(n)}", step, m)
            rows.append((n, ingest, export, store, shape.corpus.stat().st_size))
        loads.append(bench.load_average())

    base_n, base_ingest, base_export = rows[0][0], rows[0][1], rows[0][2]

    def per_million(seconds: float, n: int) -> float:
        return seconds / (n / 1_000_000)

    lines = [
        f"# curate at growing sizes ({bench.SHAPES[args.shape][0]})", "",
        f"`python3 Benchmarks/scale.py --sizes {args.sizes} --shape {args.shape}`, {time.strftime('%Y-%m-%d %H:%M %Z')}; "
        f"one ingest per size, each into a new store, then the export {args.export_rounds} times (the median run shown).", "",
        *(f"- {key}: {value}" for key, value in bench.machine_info(curate)),
        f"- load average before and after each size: {', '.join(loads)}", "",
        f"Seconds per million labels, and its ratio to {bench.size_label(base_n)} (the issue's bar: ≤ 1.2 at 10M); "
        "the same ratio of CPU seconds (user + system); store size against the corpus's (bar: ≤ 1.0×).", "",
        "| labels | ingest | s per M | ratio | CPU ratio | peak RSS | export | s per M | ratio | CPU ratio | peak RSS "
        "| store | ÷ corpus |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, ingest, export, store, corpus_bytes in rows:
        cells = [f"{n:,}"]
        for m, base in ((ingest, base_ingest), (export, base_export)):
            if not m.ok:
                cells += [m.detail, "", "", "", ""]
                continue
            ratio = per_million(m.seconds, n) / per_million(base.seconds, base_n) if base.ok else float("nan")
            cpu_ratio = per_million(m.cpu_seconds, n) / per_million(base.cpu_seconds, base_n) if base.ok else float("nan")
            cells += [f"{m.seconds:.2f} s", f"{per_million(m.seconds, n):.2f}", f"{ratio:.2f}", f"{cpu_ratio:.2f}",
                      f"{m.rss_kb / 1024:.0f} MB"]
        cells += [bench.fmt_mb(store) + " MB", f"{store / corpus_bytes:.2f}×"]
        lines.append("| " + " | ".join(cells) + " |")
    output.write_text("\n".join(lines) + "\n")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

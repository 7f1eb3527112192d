#!/usr/bin/env python3
"""Candidate store layouts for the labels table, measured with SQLite alone (no curate).

    python3 Benchmarks/layouts.py [--records N] [--layouts A,B,C,D,E] [--dir DIR] [--out FILE]

Issue 17, item 2. Each layout gets a new database file with curate's settings (page size 8 KB,
64 MB page cache, rollback journal, synchronous FULL), the log-shaped corpus's records inserted in
file order (the log's arrival order) in batches of 2,000 inside ONE transaction, as curate's
ingest does, with the columns curate stores. Then, on a new connection, the export's access path:
every label of task `sentiment` in (task, input_id, created_at) order, every column read.

  A  today's: rowid table + UNIQUE index on id_key + index labels_export (task, input_id, created_at)
  B  clustered: WITHOUT ROWID, PRIMARY KEY (task, input_id, created_at, id) + UNIQUE index on
     id_key; each batch sorted by that key in Python before the insert (the sort is timed)
  C  B without sorting the batch
  D  rowid table + id_key index during the ingest; the export index built at the end with
     CREATE INDEX, timed as part of the ingest
  E  A with each batch sorted by (task, input_id) before the insert

The corpus is parsed outside the timing: once for all layouts when it has at most 1M records,
else streamed in chunks per run (only the database calls and the batch sort are timed).
Writes Benchmarks/results/layouts-<N>.md (or --out). Reads /work/main/Benchmarks/.corpus/log-<N>.jsonl
unless --corpus says otherwise; never writes the corpus.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import sqlite3
import struct
import sys
import tempfile
import time
from pathlib import Path

BATCH = 2000
PRELOAD_LIMIT = 1_000_000
COLUMNS = "id, id_key, content_sha256, tuple_id, task, input_id, created_at, output, input, params, run, meta"
PRAGMAS = """
    PRAGMA page_size = 8192;
    PRAGMA cache_size = -65536;
    PRAGMA journal_mode = DELETE;
    PRAGMA synchronous = FULL;
    PRAGMA temp_store = MEMORY;
"""
ROWID_TABLE = """
    CREATE TABLE labels (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL, id_key INTEGER NOT NULL, content_sha256 BLOB NOT NULL,
        tuple_id INTEGER NOT NULL, task TEXT NOT NULL, input_id TEXT NOT NULL, created_at INTEGER NOT NULL,
        output TEXT NOT NULL, input TEXT, params TEXT, run TEXT, meta TEXT);
    CREATE UNIQUE INDEX labels_id_key ON labels (id_key);
"""
CLUSTERED_TABLE = """
    CREATE TABLE labels (
        id TEXT NOT NULL, id_key INTEGER NOT NULL, content_sha256 BLOB NOT NULL,
        tuple_id INTEGER NOT NULL, task TEXT NOT NULL, input_id TEXT NOT NULL, created_at INTEGER NOT NULL,
        output TEXT NOT NULL, input TEXT, params TEXT, run TEXT, meta TEXT,
        PRIMARY KEY (task, input_id, created_at, id)) WITHOUT ROWID;
    CREATE UNIQUE INDEX labels_id_key ON labels (id_key);
"""
EXPORT_INDEX = "CREATE INDEX labels_export ON labels (task, input_id, created_at);"


def export_key(row):
    return (row[4], row[5], row[6], row[0])


def task_input_key(row):
    return (row[4], row[5])


# name: (description, schema before the ingest, batch sort key or None, SQL after the ingest)
LAYOUTS = {
    "A": ("today's: rowid + id_key + export index", ROWID_TABLE + EXPORT_INDEX, None, None),
    "B": ("clustered by export key, batch sorted", CLUSTERED_TABLE, export_key, None),
    "C": ("clustered by export key, unsorted", CLUSTERED_TABLE, None, None),
    "D": ("rowid + id_key; export index at the end", ROWID_TABLE, None, EXPORT_INDEX),
    "E": ("A, batch sorted by (task, input_id)", ROWID_TABLE + EXPORT_INDEX, task_input_key, None),
}


def canonical(value):
    return None if value is None else json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def nanoseconds(text):
    moment = datetime.datetime.fromisoformat(text)
    whole = int(moment.replace(microsecond=0).timestamp())
    return whole * 1_000_000_000 + moment.microsecond * 1000


class Parser:
    """Turns corpus lines into the row tuples curate stores (the order of COLUMNS)."""

    def __init__(self):
        self.tuples = {}

    def row(self, line):
        record = json.loads(line)
        digest = hashlib.sha256(line).digest()
        label_id = record.get("id") or digest.hex()
        id_key = struct.unpack(">q", hashlib.sha256(label_id.encode()).digest()[:8])[0]
        prompt = record.get("prompt") or {}
        tuple_key = (record["task"], record.get("model"), prompt.get("name"), prompt.get("version"), prompt.get("sha256"))
        tuple_id = self.tuples.setdefault(tuple_key, len(self.tuples) + 1)
        return (label_id, id_key, digest, tuple_id, record["task"], record["input_id"], nanoseconds(record["created_at"]),
                canonical(record["output"]), canonical(record.get("input")), canonical(record.get("params")),
                record.get("run"), canonical(record.get("meta")))


def batches(corpus, preloaded):
    if preloaded is not None:
        for start in range(0, len(preloaded), BATCH):
            yield preloaded[start:start + BATCH]
        return
    parser = Parser()
    with open(corpus, "rb") as lines:
        batch = []
        for line in lines:
            batch.append(parser.row(line))
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch


def ingest(path, layout, corpus, preloaded):
    """Returns (wall s, CPU s) of the timed part: schema, inserts, commit, any final index."""
    _, schema, sort_key, after = LAYOUTS[layout]
    wall = cpu = 0.0
    insert = f"INSERT OR IGNORE INTO labels ({COLUMNS}) VALUES ({', '.join('?' * 12)})"
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(PRAGMAS + schema)
    db.execute("BEGIN")
    wall += time.perf_counter() - start_wall
    cpu += time.process_time() - start_cpu
    for batch in batches(corpus, preloaded):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        db.executemany(insert, sorted(batch, key=sort_key) if sort_key else batch)
        wall += time.perf_counter() - start_wall
        cpu += time.process_time() - start_cpu
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    db.execute("COMMIT")
    if after:
        db.execute(after)
    db.close()
    wall += time.perf_counter() - start_wall
    cpu += time.process_time() - start_cpu
    return wall, cpu


def export(path):
    """Returns (wall s, CPU s, rows read, query plan) of the export's access path on a new connection."""
    query = f"SELECT {COLUMNS} FROM labels WHERE task = 'sentiment' ORDER BY task, input_id, created_at"
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(PRAGMAS)
    rows = 0
    cursor = db.execute(query)
    while chunk := cursor.fetchmany(BATCH):
        rows += len(chunk)
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    plan = "; ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + query))
    db.close()
    return wall, cpu, rows, plan


def btrees(path):
    """The size of each of the database's b-trees (untimed), as 'name MB, …' largest first."""
    db = sqlite3.connect(path)
    sizes = db.execute("SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE ORDER BY pgsize DESC").fetchall()
    db.close()
    return ", ".join(f"{name} {size / 1e6:,.1f}" for name, size in sizes if size >= 1e6)


def load():
    return "%.2f %.2f %.2f" % os.getloadavg()


def main():
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--records", type=int, default=1_000_000)
    options.add_argument("--layouts", default="A,B,C,D,E")
    options.add_argument("--corpus", type=Path)
    options.add_argument("--dir", type=Path, help="where the databases go (default: a temporary directory)")
    options.add_argument("--out", type=Path, help="the report (default: Benchmarks/results/layouts-<N>.md)")
    arguments = options.parse_args()
    corpus = arguments.corpus or Path(f"/work/main/Benchmarks/.corpus/log-{arguments.records}.jsonl")
    layouts = arguments.layouts.split(",")
    unknown = [name for name in layouts if name not in LAYOUTS]
    if unknown or not corpus.is_file():
        sys.exit(f"layouts.py: unknown layout {unknown} or no corpus at {corpus}; layouts are {','.join(LAYOUTS)}")

    preloaded = None
    if arguments.records <= PRELOAD_LIMIT:
        parser = Parser()
        with open(corpus, "rb") as lines:
            preloaded = [parser.row(line) for line in lines]
        print(f"parsed {len(preloaded):,} records", file=sys.stderr)

    results = {}
    with tempfile.TemporaryDirectory(dir=arguments.dir) as scratch:
        for name in layouts:
            path = os.path.join(scratch, f"layout-{name}.sqlite")
            before = load()
            ingest_wall, ingest_cpu = ingest(path, name, corpus, preloaded)
            export_wall, export_cpu, rows, plan = export(path)
            size = os.path.getsize(path)
            results[name] = dict(btrees=btrees(path), ingest_wall=ingest_wall, ingest_cpu=ingest_cpu, export_wall=export_wall,
                                 export_cpu=export_cpu, rows=rows, size=size, plan=plan, load=(before, load()))
            print(f"{name}: ingest {ingest_wall:.1f} s (CPU {ingest_cpu:.1f}), export {export_wall:.2f} s, "
                  f"{rows:,} rows, {size / 1e6:.1f} MB, load {before} -> {load()}", file=sys.stderr)
            os.remove(path)
    write(arguments.records, corpus, layouts, results, arguments.out)


def write(records, corpus, layouts, results, out):
    base = results.get("A")

    def ratio(name, field):
        return f"{results[name][field] / base[field]:.2f}" if base else "–"

    label = f"{records // 1_000_000}M" if records % 1_000_000 == 0 else str(records)
    lines = [
        f"# Labels-table layouts with SQLite alone ({label} records, log-shaped)",
        "",
        f"`python3 Benchmarks/layouts.py --records {records} --layouts {','.join(layouts)}`, "
        f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; one run per layout, each into a new database, in the order listed.",
        "",
        f"- corpus: {corpus} ({os.path.getsize(corpus) / 1e6:,.1f} MB)",
        f"- nproc: {os.cpu_count()}; OS: {platform.system()} {platform.release()}",
        f"- Python / sqlite3: {platform.python_version()} / SQLite {sqlite3.sqlite_version}",
        f"- batches of {BATCH:,} rows, one transaction; page size 8 KB, cache 64 MB, journal DELETE, synchronous FULL",
        "- ingest: schema, inserts (and the batch sort where there is one), COMMIT, and any index built at the end; "
        "export: a new connection reading every column of task `sentiment` in (task, input_id, created_at) order",
        "",
        "| layout | ingest wall | CPU | ÷ A | export wall | CPU | ÷ A | rows read | DB size | ÷ A | load before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name in layouts:
        r = results[name]
        lines.append(
            f"| {name}: {LAYOUTS[name][0]} | {r['ingest_wall']:.1f} s | {r['ingest_cpu']:.1f} s | {ratio(name, 'ingest_wall')} "
            f"| {r['export_wall']:.2f} s | {r['export_cpu']:.2f} s | {ratio(name, 'export_wall')} | {r['rows']:,} "
            f"| {r['size'] / 1e6:,.1f} MB | {ratio(name, 'size')} | {r['load'][0]} → {r['load'][1]} |")
    lines += ["", "Query plans of the export:", ""]
    lines += [f"- {name}: `{results[name]['plan']}`" for name in layouts]
    lines += ["", "Size of each b-tree (MB; dbstat, after the export):", ""]
    lines += [f"- {name}: {results[name]['btrees']}" for name in layouts]
    out = out or Path(__file__).resolve().parent / "results" / f"layouts-{label}.md"
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Side-by-side benchmark: curate against DuckDB and Python sqlite3 done by hand, with `cat` as the floor,
on the benchmark's own corpus and a log-shaped one (Benchmarks/generate-log.py).

    python3 Benchmarks/run.py                      # 1M records a corpus, writes Benchmarks/results/1M.md
    python3 Benchmarks/run.py --shape log          # the log-shaped corpus only: results/1M-log.md
    python3 Benchmarks/run.py --smoke              # 10k records a corpus, well under a minute (CI)

Every measured step is its own process under `/usr/bin/time -f '%e %M %U %S' -o FILE` (wall seconds,
peak RSS in KB, user and system CPU seconds). See Benchmarks/README.md for what is measured and why.

Needs Python 3.11 and its standard library, GNU time at /usr/bin/time, and `duckdb` from PyPI
(`pip install duckdb`; without it the DuckDB rows say "skipped").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "Benchmarks"
CORPUS_DIR = BENCH / ".corpus"
GNU_TIME = "/usr/bin/time"

# The export every tool performs: one task, one prompt version excluded (by NAME@VERSION, so
# every text ever stored under it; human labels have no prompt and stay), one label per input,
# JSON Lines. "One label per input" follows curate's default `--resolve latest`: an input's human
# labels, when it has any, are its only candidates (`--human-priority`, on by default), then the
# newest created_at wins. The by-hand queries order by (origin = 'human') DESC, created_at DESC.
EXPORT_TASK = "sentiment"
EXCLUDE_NAME, EXCLUDE_VERSION = "sentiment", "v1"
CURATE_EXPORT_ARGS = [
    "export", "bench",
    "--task", EXPORT_TASK,
    "--exclude-prompt", f"{EXCLUDE_NAME}@{EXCLUDE_VERSION}",
    "--resolve", "latest",
    "--format", "jsonl",
]
# The same selection written as Parquet (issue 17, item 5: against DuckDB's COPY … (FORMAT parquet)).
CURATE_PARQUET_ARGS = ["export", "bench-parquet", *CURATE_EXPORT_ARGS[2:-1], "parquet"]
PARQUET_STEP = "export to Parquet"

# ---------------------------------------------------------------------------------------------
# By-hand workers. Each runs as its own process: `run.py --worker KIND CORPUS|DB OUT [LOCK]`.
# ---------------------------------------------------------------------------------------------

# The by-hand ingests do the work curate's ingest does that a store needs, in SQL: a record's id
# (its `id`, else the SHA-256 of its line: curate hashes the canonical content), a primary key on
# it with INSERT OR IGNORE (the same file twice is stored once), and the prompt hash of a record
# that names its prompt by name and version only, resolved through the workspace's prompts.lock
# and the hashes other records state: one known text -> that hash, `resolved`; several ->
# `ambiguous`; none -> `unknown`. A prompt given as text is hashed (CRLF turned to LF).
LABEL_COLUMNS = """
    id VARCHAR PRIMARY KEY, task VARCHAR NOT NULL, input_id VARCHAR NOT NULL, input {json}, output {json},
    created_at {time}, model VARCHAR, prompt_name VARCHAR, prompt_version VARCHAR,
    prompt_sha256 VARCHAR, prompt_text VARCHAR, hash_status VARCHAR, params {json}, run VARCHAR,
    origin VARCHAR, annotator VARCHAR, meta {json}"""

# Run once after the insert, in both databases (SQLite and DuckDB share UPDATE … FROM).
RESOLVE_NAME_ONLY = """
UPDATE labels
SET prompt_sha256 = CASE WHEN known.n = 1 THEN known.sha256 END,
    hash_status = CASE WHEN known.n = 1 THEN 'resolved' ELSE 'ambiguous' END
FROM (SELECT name, version, count(DISTINCT sha256) AS n, min(sha256) AS sha256
      FROM (SELECT name, version, sha256 FROM lock
            UNION SELECT prompt_name, prompt_version, prompt_sha256 FROM labels WHERE prompt_sha256 IS NOT NULL) AS texts
      GROUP BY name, version) AS known
WHERE labels.hash_status = 'unknown' AND known.name = labels.prompt_name AND known.version = labels.prompt_version
"""

# read_json needs explicit columns: auto-detection samples the first 20,480 records and turns
# `params`/`meta` into STRUCTs of the keys it saw (a key first seen later would be dropped);
# JSON keeps those objects (and object outputs) as they are. `prompt` has the four keys the spec allows.
DUCKDB_COLUMNS = """{
    id: 'VARCHAR', task: 'VARCHAR', input_id: 'VARCHAR', input: 'JSON', output: 'JSON',
    created_at: 'TIMESTAMPTZ', model: 'VARCHAR',
    prompt: 'STRUCT(name VARCHAR, version VARCHAR, sha256 VARCHAR, text VARCHAR)',
    params: 'JSON', run: 'VARCHAR', origin: 'VARCHAR', annotator: 'VARCHAR', meta: 'JSON'
}"""

DUCKDB_INSERT = """
INSERT OR IGNORE INTO labels
SELECT coalesce(r.id, sha256(to_json(r)::VARCHAR)), task, input_id, input, output, created_at, model,
       prompt.name, prompt.version,
       coalesce(prompt.sha256, sha256(replace(prompt.text, chr(13) || chr(10), chr(10)))), prompt.text,
       CASE WHEN prompt IS NULL THEN NULL
            WHEN prompt.sha256 IS NOT NULL OR prompt.text IS NOT NULL THEN 'recorded' ELSE 'unknown' END,
       params, run, coalesce(origin, 'llm'), annotator, meta
FROM read_json({source}, format = 'newline_delimited', columns = {columns}) AS r
"""

# The row of every export, with the prompt hash and its status as curate writes them.
EXPORT_ROW = "input_id, input, output, id, model, prompt_name, prompt_version, prompt_sha256, hash_status, origin, created_at"
EXPORT_WHERE = f"""task = '{EXPORT_TASK}'
  AND NOT (coalesce(prompt_name, '') = '{EXCLUDE_NAME}' AND coalesce(prompt_version, '') = '{EXCLUDE_VERSION}')"""

DUCKDB_EXPORT_QUERY = f"""
SELECT {EXPORT_ROW}
FROM labels
WHERE {EXPORT_WHERE}
QUALIFY row_number() OVER (
    PARTITION BY input_id ORDER BY origin = 'human' DESC, created_at DESC, output::VARCHAR, model) = 1
ORDER BY input_id
"""

SQLITE_INSERT = """
INSERT OR IGNORE INTO labels SELECT
    coalesce(json_extract(line, '$.id'), sha256(line)),
    json_extract(line, '$.task'),
    json_extract(line, '$.input_id'),
    line -> '$.input',
    line -> '$.output',
    json_extract(line, '$.created_at'),
    CAST(round((julianday(json_extract(line, '$.created_at')) - 2440587.5) * 86400000) AS INTEGER),
    json_extract(line, '$.model'),
    json_extract(line, '$.prompt.name'),
    json_extract(line, '$.prompt.version'),
    coalesce(json_extract(line, '$.prompt.sha256'), sha256(replace(json_extract(line, '$.prompt.text'), char(13, 10), char(10)))),
    json_extract(line, '$.prompt.text'),
    CASE WHEN json_type(line, '$.prompt') IS NULL THEN NULL
         WHEN json_type(line, '$.prompt.sha256') IS NOT NULL OR json_type(line, '$.prompt.text') IS NOT NULL THEN 'recorded'
         ELSE 'unknown' END,
    line -> '$.params',
    json_extract(line, '$.run'),
    coalesce(json_extract(line, '$.origin'), 'llm'),
    json_extract(line, '$.annotator'),
    line -> '$.meta'
FROM raw
"""

SQLITE_EXPORT_QUERY = f"""
SELECT json_object(
    'input_id', input_id, 'input', json(input), 'output', json(output), 'id', id, 'model', model,
    'prompt_name', prompt_name, 'prompt_version', prompt_version, 'prompt_sha256', prompt_sha256,
    'hash_status', hash_status, 'origin', origin, 'created_at', created_at)
FROM (
    SELECT *, row_number() OVER (
               PARTITION BY input_id ORDER BY origin = 'human' DESC, created_ms DESC, output, model) AS rn
    FROM labels
    WHERE {EXPORT_WHERE}
)
WHERE rn = 1
ORDER BY input_id
"""


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def lock_rows(path: str) -> list[tuple[str, str, str]]:
    """(name, version, sha256) of every line of a prompts.lock; none for "" (no prompts folder)."""
    if not path:
        return []
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, sha256 = line.rsplit(maxsplit=1)
            name, version = key.split("@", 1)
            rows.append((name, version, sha256.lower()))
    return rows


def sha256_hex(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def worker(kind: str, source: str, target: str, lock: str = "") -> None:
    if kind == "duckdb-ingest":
        import duckdb
        con = duckdb.connect(target)
        con.execute(f"CREATE TABLE labels ({LABEL_COLUMNS.format(json='JSON', time='TIMESTAMPTZ')})")
        con.execute("CREATE TEMP TABLE lock (name VARCHAR, version VARCHAR, sha256 VARCHAR)")
        for row in lock_rows(lock):
            con.execute("INSERT INTO lock VALUES (?, ?, ?)", row)
        con.execute(DUCKDB_INSERT.format(source=sql_string(source), columns=DUCKDB_COLUMNS))
        con.execute(RESOLVE_NAME_ONLY)
        print(f'{con.execute("SELECT count(*) FROM labels").fetchone()[0]:,} rows')
        con.close()
    elif kind == "duckdb-load":  # parse and store only: no key, no dedup, no prompt resolution
        import duckdb
        con = duckdb.connect(target)
        con.execute(f"CREATE TABLE labels AS SELECT * FROM read_json({sql_string(source)}, "
                    f"format = 'newline_delimited', columns = {DUCKDB_COLUMNS})")
        print(f'{con.execute("SELECT count(*) FROM labels").fetchone()[0]:,} rows')
        con.close()
    elif kind == "duckdb-export":
        import duckdb
        con = duckdb.connect(source)
        con.execute(f"COPY ({DUCKDB_EXPORT_QUERY}) TO {sql_string(target)} (FORMAT json)")
        con.close()
    elif kind == "duckdb-export-parquet":
        import duckdb
        con = duckdb.connect(source)
        con.execute(f"COPY ({DUCKDB_EXPORT_QUERY}) TO {sql_string(target)} (FORMAT parquet)")
        con.close()
    elif kind == "sqlite-ingest":
        import sqlite3
        con = sqlite3.connect(target, isolation_level=None)
        con.create_function("sha256", 1, sha256_hex, deterministic=True)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute(f"CREATE TABLE labels ({LABEL_COLUMNS.format(json='TEXT', time='TEXT, created_ms INTEGER')})")
        # raw is TEMP (spilled to a file in SQLITE_TMPDIR), so the store keeps the table and index only.
        con.execute("CREATE TEMP TABLE raw(line TEXT)")
        con.execute("CREATE TEMP TABLE lock(name TEXT, version TEXT, sha256 TEXT)")
        con.execute("BEGIN")
        with open(source, encoding="utf-8") as lines:
            con.executemany("INSERT INTO raw(line) VALUES (?)", ((line.rstrip("\n"),) for line in lines if line != "\n"))
        con.executemany("INSERT INTO lock VALUES (?, ?, ?)", lock_rows(lock))
        con.execute(SQLITE_INSERT)
        con.execute(RESOLVE_NAME_ONLY)
        con.execute("CREATE INDEX labels_task_input_time ON labels(task, input_id, created_ms)")
        con.execute("COMMIT")
        print(f'{con.execute("SELECT count(*) FROM labels").fetchone()[0]:,} rows')
        con.close()
    elif kind == "sqlite-export":
        import sqlite3
        con = sqlite3.connect(source, isolation_level=None)
        with open(target, "w", encoding="utf-8") as out:
            out.writelines(row[0] + "\n" for row in con.execute(SQLITE_EXPORT_QUERY))
        con.close()
    else:
        raise SystemExit(f"unknown worker {kind!r}")


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

@dataclass
class Measure:
    seconds: float | None = None
    rss_kb: int | None = None
    cpu_seconds: float | None = None  # user + system: steadier than wall time on a busy host
    status: str = "ok"          # ok | failed | n/a | skipped
    detail: str = ""            # shown instead of numbers when status is not ok
    note: str = ""              # shown in the notes column

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def measure(cmd: list[str], cwd: Path, name: str, env: dict | None = None,
            discard_stdout: bool = False) -> tuple[Measure, Path, Path]:
    """Runs cmd under GNU time in cwd; stdout/stderr go to files, time's numbers to another."""
    logs = cwd / ".bench-logs"
    logs.mkdir(exist_ok=True)
    time_file, out_file, err_file = (logs / f"{name}.{ext}" for ext in ("time", "out", "err"))
    with open(os.devnull if discard_stdout else out_file, "wb") as out, open(err_file, "wb") as err:
        proc = subprocess.run(
            [GNU_TIME, "-f", "%e %M %U %S", "-o", str(time_file), *cmd],
            cwd=cwd, stdout=out, stderr=err, env=env,
        )
    # With a non-zero exit, GNU time writes "Command exited with non-zero status N" first.
    fields = time_file.read_text().strip().splitlines()[-1].split()
    result = Measure(seconds=float(fields[0]), rss_kb=int(fields[1]), cpu_seconds=float(fields[2]) + float(fields[3]))
    if proc.returncode != 0:
        tail = err_file.read_text(errors="replace").strip().splitlines()[-1:] or [""]
        result.status, result.detail = "failed", f"failed (exit {proc.returncode}): {tail[0][:120]}"
        print(f"  ! {name} failed, exit {proc.returncode}; see {err_file}", file=sys.stderr)
    return result, out_file, err_file


def step_log(tool: str, step: str, m: Measure) -> None:
    shown = f"{m.seconds:8.2f} s  {m.rss_kb / 1024:8.1f} MB" if m.ok else m.detail
    print(f"  {tool:<22} {step:<30} {shown}", flush=True)


def dir_size(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        if p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        elif p.exists():
            total += p.stat().st_size
    return total


def count_lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


# ---------------------------------------------------------------------------------------------
# Inputs: corpus and curate binary
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    """One corpus the steps run on, and the prompts/ folder its workspace needs (None: none)."""
    name: str            # bench | log
    title: str
    corpus: Path
    prompts: Path | None
    generator: str       # the command that made it, for the result

    @property
    def lock(self) -> str:
        return str(self.prompts / "prompts.lock") if self.prompts else ""


SHAPES = {
    # name: (title, generator, file name, generator arguments, writes a prompts/ folder)
    "bench": ("benchmark corpus", "scripts/generate-labels.py", "labels-{n}.jsonl", ["--tasks", "3"], False),
    "log": ("log-shaped corpus", "Benchmarks/generate-log.py", "log-{n}.jsonl", [], True),
}


def corpus(shape: str, records: int) -> Shape:
    """Generates a shape's corpus (and prompts/ folder) once, to temp names then renamed, and reuses it."""
    title, generator, file_name, extra, has_prompts = SHAPES[shape]
    path = CORPUS_DIR / file_name.format(n=records)
    prompts = path.with_suffix(".prompts") if has_prompts else None
    command = f"python3 {generator} --records {records}" + "".join(f" {a}" for a in extra)
    found = Shape(shape, title, path, prompts, command)
    if path.exists():
        return found
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".jsonl.partial")
    argv = [sys.executable, str(REPO / generator), "--records", str(records), *extra, "--output", str(partial)]
    if prompts:
        shutil.rmtree(prompts.with_suffix(".partial"), ignore_errors=True)
        argv += ["--prompts", str(prompts.with_suffix(".partial"))]
    print(f"generating {path.relative_to(REPO)} ({records:,} records) …", flush=True)
    started = time.monotonic()
    subprocess.run(argv, cwd=REPO, check=True)
    if prompts:  # renamed first: a corpus that exists has its prompts
        shutil.rmtree(prompts, ignore_errors=True)
        prompts.with_suffix(".partial").rename(prompts)
    partial.rename(path)
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
    return found


def curate_binary(path: Path, is_default: bool) -> Path:
    if path.exists():
        return path.absolute()
    if not is_default:
        raise SystemExit(f"run.py: no curate binary at {path}; build it or drop --curate.")
    print("building curate (swift build -c release) …", flush=True)
    subprocess.run(["swift", "build", "-c", "release"], cwd=REPO, check=True)
    return path.absolute()


def export_support(curate: Path, scratch: Path) -> tuple[bool, str]:
    """Whether this curate has an `export` command taking the flags we use, and why not."""
    scratch.mkdir(parents=True, exist_ok=True)
    help_run = subprocess.run([str(curate), "export", "--help"], cwd=scratch, capture_output=True, text=True)
    text = help_run.stdout + help_run.stderr
    if help_run.returncode == 0 and "USAGE" in text.upper():
        missing = [f for f in ("--task", "--exclude-prompt", "--resolve", "--format") if f not in text]
        if missing:
            return False, "n/a (export lacks " + ", ".join(missing) + ")"
        return True, ""
    # `--help` can fail for reasons of its own; an unknown subcommand is what "not built" means.
    bare = subprocess.run([str(curate), "export"], cwd=scratch, capture_output=True, text=True)
    if re.search(r"unexpected argument.*'export'", bare.stdout + bare.stderr, re.IGNORECASE):
        return False, "n/a (export not built)"
    return True, "export --help failed; ran export with the documented flags"


def git_description(binary: Path) -> str:
    """The commit of the checkout a binary was built in (…/.build/release/curate), with its state."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=binary.parent, capture_output=True, text=True).stdout.strip()
    top = git("rev-parse", "--show-toplevel")
    if not top:
        return "unknown (binary is outside a git checkout)"
    commit = git("rev-parse", "--short=12", "HEAD")
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    committed = int(git("log", "-1", "--format=%ct", "HEAD") or 0)
    dirty = git("status", "--porcelain", "--", f"{top}/Sources", f"{top}/Package.swift")
    state = "; Sources/ or Package.swift have uncommitted changes" if dirty else ""
    if binary.stat().st_mtime < committed:
        state += "; the binary is older than this commit"
    when = time.strftime("%Y-%m-%d %H:%M %Z", time.localtime(committed))
    return f"checkout now at {commit} ({when}, branch {branch} of {top}){state}"


def machine_info(curate: Path) -> list[tuple[str, str]]:
    cpu = "unknown"
    mem = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass
    try:
        import duckdb
        duck = duckdb.__version__
    except ImportError:
        duck = "not installed"
    import sqlite3
    version = subprocess.run([str(curate), "--version"], capture_output=True, text=True).stdout.strip()
    return [
        ("nproc", str(os.cpu_count())),
        ("CPU", cpu),
        ("memory", mem),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("curate", f"{curate} {version}, built {binary_time(curate)}".strip()),
        ("curate commit", git_description(curate)),
        ("Python / sqlite3", f"{platform.python_version()} / SQLite {sqlite3.sqlite_version}"),
        ("duckdb", duck),
    ]


def binary_time(binary: Path) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(binary.stat().st_mtime))


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# ---------------------------------------------------------------------------------------------
# The runs
# ---------------------------------------------------------------------------------------------

@dataclass
class Row:
    step: str
    tool: str
    m: Measure
    ratio_to: str | None = None  # the DuckDB step this row is compared with
    ratio: float | None = None   # to that DuckDB step: the median of the rounds' ratios


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    other_ratios: list[tuple[str, float]] = field(default_factory=list)  # (what, median of the rounds' ratios)
    sizes: list[tuple[str, int]] = field(default_factory=list)  # (what, bytes)
    scale: list[tuple[int, int, Measure, int]] = field(default_factory=list)  # records, bytes, m, store
    export_files: dict[str, list[Path]] = field(default_factory=dict)  # tool -> data files
    export_check: str = ""
    warnings: list[str] = field(default_factory=list)

    def add(self, step: str, tool: str, m: Measure, ratio_to: str | None = None) -> Measure:
        self.rows.append(Row(step, tool, m, ratio_to))
        step_log(tool, step, m)
        return m


def curate_summary(out_file: Path) -> str:
    text = out_file.read_text(errors="replace")
    found = {k: re.search(rf"^\s*{k}\s+(\d+)", text, re.MULTILINE) for k in ("new", "duplicates", "rejected")}
    return ", ".join(f"{k} {int(v.group(1)):,}" for k, v in found.items() if v)


def run_cat(shape: Shape, work: Path, report: Report) -> None:
    d = work / "cat"
    d.mkdir()
    m, _, _ = measure(["cat", str(shape.corpus)], d, "cat", discard_stdout=True)  # cat CORPUS > /dev/null
    report.add("read the corpus (floor)", "cat", m, ratio_to="ingest")


def init_workspace(curate: Path, shape: Shape, d: Path) -> Measure:
    """`curate init` in a new folder d, then the shape's templates and lock into its prompts/
    (untimed), so that name-only prompts resolve as in a real workspace."""
    d.mkdir()
    m = measure([str(curate), "init"], d, "init")[0]
    if shape.prompts:
        shutil.copytree(shape.prompts, d / "prompts", dirs_exist_ok=True)
    return m


def run_curate(curate: Path, shape: Shape, work: Path, report: Report, export_ok: bool, export_why: str) -> None:
    d = work / "curate"
    report.add("init", "curate", init_workspace(curate, shape, d))
    m, out, _ = measure([str(curate), "ingest", str(shape.corpus)], d, "ingest")
    if m.ok:
        m.note = curate_summary(out)
    report.add("ingest (empty store)", "curate", m, ratio_to="ingest")
    m, out, _ = measure([str(curate), "ingest", str(shape.corpus)], d, "ingest-again")
    if m.ok:
        m.note = curate_summary(out)
    report.add("ingest again (all duplicates)", "curate", m, ratio_to="ingest")
    report.sizes.append(("curate store (`.curate/`)", dir_size([d / ".curate"])))
    if not export_ok:
        report.add("export", "curate", Measure(status="n/a", detail=export_why), ratio_to="export")
        report.add(PARQUET_STEP, "curate", Measure(status="n/a", detail=export_why), ratio_to=PARQUET_STEP)
        return
    m, _, _ = measure([str(curate), *CURATE_EXPORT_ARGS], d, "export")
    if m.ok:
        folder = d / "datasets" / "bench"
        try:  # the manifest names the data files; records.jsonl beside it is the id sidecar
            files = [folder / f["path"] for f in json.loads((folder / "manifest.json").read_text())["files"]]
        except (OSError, ValueError, KeyError, TypeError):
            files = [p for p in folder.rglob("*.jsonl") if p.name != "records.jsonl"]
        report.export_files["curate"] = files
        n = sum(count_lines(p) for p in files)
        m.note = f"{n:,} rows" + (f"; {export_why}" if export_why else "")
    report.add("export", "curate", m, ratio_to="export")
    m, _, _ = measure([str(curate), *CURATE_PARQUET_ARGS], d, "export-parquet")
    if m.ok:
        m.note = f"{fmt_mb(dir_size([d / 'datasets' / 'bench-parquet' / 'data']))} MB of data files"
    report.add(PARQUET_STEP, "curate", m, ratio_to=PARQUET_STEP)


DUCKDB_LOAD_STEP = "load only (no key, dedup or prompts)"


def run_duckdb(shape: Shape, work: Path, report: Report) -> None:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        for step, key in (("ingest (empty store)", "ingest"), ("export", "export"), (PARQUET_STEP, PARQUET_STEP), (DUCKDB_LOAD_STEP, None)):
            report.add(step, "DuckDB by hand", Measure(status="skipped", detail="skipped (no duckdb module)"), ratio_to=key)
        report.warnings.append("DuckDB skipped: `import duckdb` failed (`pip install duckdb`).")
        return
    d = work / "duckdb"
    d.mkdir()
    db, out = d / "labels.duckdb", d / "out.jsonl"
    m, stdout, _ = measure([sys.executable, __file__, "--worker", "duckdb-ingest", str(shape.corpus), str(db), shape.lock],
                           d, "ingest")
    if m.ok:
        m.note = stdout.read_text().strip()
    report.add("ingest (empty store)", "DuckDB by hand", m, ratio_to="ingest")
    report.sizes.append(("DuckDB database", dir_size([db, Path(str(db) + ".wal")])))
    if not m.ok:
        return
    m, _, _ = measure([sys.executable, __file__, "--worker", "duckdb-export", str(db), str(out)], d, "export")
    if m.ok:
        report.export_files["DuckDB"] = [out]
        n = count_lines(out)
        m.note = f"{n:,} rows"
    report.add("export", "DuckDB by hand", m, ratio_to="export")
    parquet = d / "out.parquet"
    m, _, _ = measure([sys.executable, __file__, "--worker", "duckdb-export-parquet", str(db), str(parquet)], d, "export-parquet")
    if m.ok:
        m.note = f"{fmt_mb(parquet.stat().st_size)} MB"
    report.add(PARQUET_STEP, "DuckDB by hand", m, ratio_to=PARQUET_STEP)
    # What an ingest costs DuckDB without the store work (the issue-17 comparison), in its own file.
    m, stdout, _ = measure([sys.executable, __file__, "--worker", "duckdb-load", str(shape.corpus), str(d / "load.duckdb")],
                           d, "load")
    if m.ok:
        m.note = stdout.read_text().strip()
    report.add(DUCKDB_LOAD_STEP, "DuckDB by hand", m)


def run_sqlite(shape: Shape, work: Path, report: Report) -> None:
    d = work / "sqlite"
    d.mkdir()
    db, out = d / "labels.sqlite", d / "out.jsonl"
    env = dict(os.environ, SQLITE_TMPDIR=str(d))  # the TEMP raw table spills here, not to /var/tmp
    m, stdout, _ = measure([sys.executable, __file__, "--worker", "sqlite-ingest", str(shape.corpus), str(db), shape.lock],
                           d, "ingest", env)
    if m.ok:
        m.note = stdout.read_text().strip()
    report.add("ingest (empty store)", "Python sqlite3 by hand", m, ratio_to="ingest")
    report.sizes.append(("Python sqlite3 database", dir_size([db, Path(str(db) + "-wal"), Path(str(db) + "-shm")])))
    if not m.ok:
        return
    m, _, _ = measure([sys.executable, __file__, "--worker", "sqlite-export", str(db), str(out)], d, "export")
    if m.ok:
        report.export_files["Python sqlite3"] = [out]
        n = count_lines(out)
        m.note = f"{n:,} rows"
    report.add("export", "Python sqlite3 by hand", m, ratio_to="export")


def run_scale(curate: Path, shape_name: str, sizes: list[int], main_records: int, main_ingest: Measure,
              work: Path, report: Report) -> None:
    for n in sizes:
        shape = corpus(shape_name, n)
        if n == main_records:
            m, store = main_ingest, next((b for w, b in report.sizes if w.startswith("curate")), 0)
        else:
            d = work / f"scale-{shape_name}-{n}"
            init_workspace(curate, shape, d)
            m, _, _ = measure([str(curate), "ingest", str(shape.corpus)], d, "ingest")
            store = dir_size([d / ".curate"])
            step_log("curate", f"ingest {n:,} records ({shape_name})", m)
        report.scale.append((n, shape.corpus.stat().st_size, m, store))


def round_ratios(rounds: list[Report], numerator: tuple[str, str], denominator: tuple[str, str]) -> list[float]:
    """Each round's seconds of step `numerator` over step `denominator` ((step, tool)), where both ran."""
    ratios = []
    for r in rounds:
        found = {(x.step, x.tool): x.m for x in r.rows if x.m.ok}
        if numerator in found and denominator in found and found[denominator].seconds > 0:
            ratios.append(found[numerator].seconds / found[denominator].seconds)
    return ratios


def combine(rounds: list[Report]) -> Report:
    """One report from several rounds of the same steps: per step, the median seconds (with the
    range in the notes), the highest peak RSS, and the median of each round's ratio to DuckDB."""
    last = rounds[-1]
    combined = Report(sizes=last.sizes, export_files=last.export_files,
                      warnings=[w for r in rounds for w in r.warnings if w not in last.warnings] + last.warnings)
    duck_steps = {row.ratio_to: (row.step, row.tool) for row in last.rows
                  if row.tool == "DuckDB by hand" and row.ratio_to is not None}
    for row in last.rows:
        samples = [next((x.m for x in r.rows if (x.step, x.tool) == (row.step, row.tool)), None) for r in rounds]
        if any(m is None or not m.ok for m in samples):
            failed = next((m for m in samples if m is not None and not m.ok),
                          Measure(status="failed", detail="not run in every round (an earlier step failed)"))
            combined.rows.append(Row(row.step, row.tool, failed, row.ratio_to))
            continue
        seconds = [m.seconds for m in samples]
        m = Measure(seconds=statistics.median(seconds), rss_kb=max(m.rss_kb for m in samples), note=row.m.note)
        if len(rounds) > 1 and row.tool != "cat":
            m.note = "; ".join(filter(None, [m.note, f"{min(seconds):.2f}–{max(seconds):.2f} s"]))
        ratios = round_ratios(rounds, (row.step, row.tool), duck_steps[row.ratio_to]) if row.ratio_to in duck_steps else []
        combined.rows.append(Row(row.step, row.tool, m, row.ratio_to, statistics.median(ratios) if ratios else None))
    curate_ingest = ("ingest (empty store)", "curate")
    for what, numerator, denominator in (
        ("curate ingest / Python sqlite3 ingest", curate_ingest, ("ingest (empty store)", "Python sqlite3 by hand")),
        ("curate ingest / DuckDB load only", curate_ingest, (DUCKDB_LOAD_STEP, "DuckDB by hand")),
        ("curate ingest again (all duplicates) / curate ingest", ("ingest again (all duplicates)", "curate"), curate_ingest),
    ):
        ratios = round_ratios(rounds, numerator, denominator)
        if len(ratios) == len(rounds):
            combined.other_ratios.append((what, statistics.median(ratios)))
    return combined


# What must agree between the exports, per input_id: the label chosen and, for a corpus with a
# prompts.lock, the prompt hash (and its status) that ingest resolved for it. Without a lock the
# hashes differ by design: curate resolves a name-only prompt by the texts stored before it (the
# benchmark corpus's sentiment v3 has one text until October), the by-hand SQL by the whole file's.
EXPORT_COMPARED = ("output", "origin", "model")
EXPORT_COMPARED_WITH_LOCK = EXPORT_COMPARED + ("prompt_sha256", "hash_status")


def compare_exports(report: Report, shape: Shape) -> None:
    """Checks that every tool exported the same labels: the compared fields per input_id."""
    compared = EXPORT_COMPARED_WITH_LOCK if shape.prompts else EXPORT_COMPARED
    if len(report.export_files) < 2:
        report.export_check = "Export check: fewer than two exports to compare."
        return
    seen: dict[str, dict[str, tuple]] = {}
    for tool, files in report.export_files.items():
        rows: dict[str, tuple] = {}
        for path in files:
            with open(path, encoding="utf-8") as lines:
                for line in lines:
                    r = json.loads(line)
                    rows[r["input_id"]] = tuple(r.get(k) for k in compared)
        seen[tool] = rows
    (ref_tool, ref), *others = seen.items()
    problems = []
    for tool, rows in others:
        differ = sum(1 for k in ref.keys() | rows.keys() if ref.get(k) != rows.get(k))
        if differ:
            problems.append(f"{tool} and {ref_tool} differ on {differ:,} inputs ({len(rows):,} vs {len(ref):,} rows)")
    tools = ", ".join(seen)
    if problems:
        report.export_check = f"Export check ({tools}): " + "; ".join(problems) + "."
        report.warnings.append(report.export_check)
    else:
        report.export_check = (f"Export check: {tools} exported the same {len(ref):,} labels "
                               f"(input_id, {', '.join(compared)}).")


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------

def fmt_mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:,.1f}"


def render(reports: dict[str, Report], shapes: dict[str, Shape], args: argparse.Namespace,
           info: list[tuple[str, str]], command: str, loads: tuple[str, str], started: str) -> str:
    corpora = [f"- {shape.title}: `{shape.corpus.relative_to(REPO)}`, {fmt_mb(shape.corpus.stat().st_size)} MB "
               f"(`{shape.generator}`" + (f"; its templates and `prompts.lock` in every workspace" if shape.prompts else "")
               + ")" for shape in shapes.values()]
    lines = [
        f"# curate benchmark: {args.records:,} records",
        "",
        f"Reproduce from the repository root: `{command}`",
        "",
        "Corpora (see Benchmarks/README.md):",
        "",
        *corpora,
        "",
        f"Run started {started}. {rounds_text(args.rounds)} Warm page cache; wall seconds and peak "
        f"RSS from GNU time (`/usr/bin/time -f '%e %M %U %S'`).",
    ]
    if len(reports) > 1:
        lines += render_worse(reports, shapes, args)
    for name, report in reports.items():
        lines += ["", f"## {shapes[name].title.capitalize()}", ""] + render_shape(report, shapes[name], args)
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in info]
    lines.append(f"| load average (1/5/15 min) | start {loads[0]}; end {loads[1]} |")
    if args.note:
        lines += ["", args.note]
    warnings = [f"{shapes[name].title}: {w}" for name, r in reports.items() for w in r.warnings]
    if warnings:
        lines += [""] + [f"- **Warning:** {w}" for w in warnings]
    return "\n".join(lines) + "\n"


def render_worse(reports: dict[str, Report], shapes: dict[str, Shape], args: argparse.Namespace) -> list[str]:
    """One table of every ratio on each corpus and the higher (worse for the tool timed) of them."""
    names = list(reports)
    ratios: dict[str, dict[str, float]] = {}
    for name, report in reports.items():
        for r in report.rows:
            if r.ratio is not None and r.tool != "DuckDB by hand":
                ratios.setdefault(f"{r.tool}: {r.step} / DuckDB by hand: {r.ratio_to}", {})[name] = r.ratio
        for what, ratio in report.other_ratios:
            ratios.setdefault(what, {})[name] = ratio
    lines = ["", "## Ratios: the worse of the corpora", "",
             "Each ratio on each corpus" + (" (median of the rounds' ratios)" if args.rounds > 1 else "")
             + ", and the higher of them: the one to quote.", "",
             "| ratio | " + " | ".join(shapes[n].title for n in names) + " | worse |",
             "|---|" + "---:|" * (len(names) + 1)]
    for key, by_shape in ratios.items():
        cells = [f"{by_shape[n]:.2f}×" if n in by_shape else "–" for n in names]
        worse = max(by_shape.values())
        lines.append(f"| {key} | " + " | ".join(cells) + f" | **{worse:.2f}×** |")
    return lines


def render_shape(report: Report, shape: Shape, args: argparse.Namespace) -> list[str]:
    lines = [
        "| step | tool | seconds | ratio to DuckDB | peak RSS MB | notes |",
        "|---|---|---:|---:|---:|---|",
    ]
    for r in report.rows:
        if not r.m.ok:
            lines.append(f"| {r.step} | {r.tool} | {r.m.detail} | | | {r.m.note} |")
            continue
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "–"
        if r.ratio is not None and r.tool != "DuckDB by hand" and not r.step.startswith(r.ratio_to):
            ratio += f" (vs DuckDB {r.ratio_to})"
        lines.append(f"| {r.step} | {r.tool} | {r.m.seconds:.2f} | {ratio} | {r.m.rss_kb / 1024:,.1f} | {r.m.note} |")

    lines += ["", *(f"- {what}: {ratio:.2f}×" + (" (median of the rounds' ratios)" if args.rounds > 1 else "")
                    for what, ratio in report.other_ratios)]

    jsonl = shape.corpus.stat().st_size
    lines += ["", f"### Store size ({shape.title})", "", "| what | MB | × JSONL |", "|---|---:|---:|",
              f"| the JSONL corpus | {fmt_mb(jsonl)} | 1.00 |"]
    lines += [f"| {what} | {fmt_mb(b)} | {b / jsonl:.2f} |" for what, b in report.sizes]

    if report.scale:
        lines += ["", f"### Scaling: `curate ingest` into an empty store ({shape.title})", "",
                  "| records | corpus MB | seconds | s per 1M records | peak RSS MB | store MB |",
                  "|---:|---:|---:|---:|---:|---:|"]
        for n, size, m, store in report.scale:
            if m.ok:
                lines.append(f"| {n:,} | {fmt_mb(size)} | {m.seconds:.2f} | {m.seconds / n * 1e6:.2f} "
                             f"| {m.rss_kb / 1024:,.1f} | {fmt_mb(store)} |")
            else:
                lines.append(f"| {n:,} | {fmt_mb(size)} | {m.detail} | | | |")
        ok = [(n, m) for n, _, m, _ in report.scale if m.ok and m.seconds > 0]
        if len(ok) >= 2:
            (n0, m0), (n1, m1) = ok[0], ok[-1]
            lines += ["", f"Seconds per record at {n1:,} / at {n0:,}: "
                          f"{(m1.seconds / n1) / (m0.seconds / n0):.2f} (1.00 is linear)."]

    if report.export_check:
        lines += ["", report.export_check]
    return lines


# ---------------------------------------------------------------------------------------------

def rounds_text(rounds: int) -> str:
    if rounds == 1:
        return "One run per step."
    return (f"{rounds} rounds, each running every step once, the tools one after another: seconds are "
            "the median round's (the range in the notes), peak RSS the highest, and a ratio to DuckDB "
            "the median of the rounds' ratios, so a slow moment of the host weighs on one round only.")


def parse_sizes(text: str) -> list[int]:
    return sorted({int(s.replace("_", "")) for s in text.split(",") if s.strip()})


def size_label(n: int) -> str:
    for unit, div in (("M", 1_000_000), ("k", 1_000)):
        if n >= div and n % div == 0:
            return f"{n // div}{unit}"
    return str(n)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:6])
        return 0

    p = argparse.ArgumentParser(description="Benchmark curate against DuckDB and sqlite3 by hand, and cat.")
    p.add_argument("--records", type=int, default=1_000_000, help="corpus size (default 1000000)")
    p.add_argument("--shape", choices=["bench", "log", "both"], default="both",
                   help="corpus: the benchmark's own, the log-shaped one, or both in the same rounds (default)")
    p.add_argument("--curate", default=None, help="curate binary (default .build/release/curate, built if missing)")
    p.add_argument("--sizes", default="100000,300000,1000000", help="curate ingest sizes for the scaling table")
    p.add_argument("--rss-sizes", default="200000,1000000", help="more sizes for the scaling table (peak RSS)")
    p.add_argument("--output", default=None, help="result file (default Benchmarks/results/<N>.md; smoke: smoke.tmp)")
    p.add_argument("--rounds", type=int, default=3, help="times every side-by-side step runs (default 3; smoke: 1)")
    p.add_argument("--smoke", action="store_true", help="10k records, one scaling size, one round: a quick check for CI")
    p.add_argument("--note", default="", help="a sentence added to the result (e.g. what else ran)")
    p.add_argument("--keep", action="store_true", help="keep the temp work folder")
    args = p.parse_args()

    if args.smoke:
        args.records, args.sizes, args.rss_sizes, args.rounds = 10_000, "10000", "", 1
    if args.rounds < 1:
        raise SystemExit("run.py: --rounds must be at least 1.")
    if args.output is None:
        name = "smoke.tmp" if args.smoke else f"{size_label(args.records)}{'-log' if args.shape == 'log' else ''}.md"
        args.output = str(BENCH / "results" / name)
    output = Path(args.output)
    if not output.is_absolute():
        output = Path.cwd() / output
    if not Path(GNU_TIME).exists():
        raise SystemExit(f"run.py: needs GNU time at {GNU_TIME} (apt-get install time).")

    default_curate = REPO / ".build" / "release" / "curate"
    curate = curate_binary(Path(args.curate) if args.curate else default_curate, args.curate is None)
    sizes = parse_sizes(args.sizes) + parse_sizes(args.rss_sizes)
    sizes = sorted(set(sizes))

    command = "python3 Benchmarks/run.py" + (" --smoke" if args.smoke else "")
    if args.shape != "both":
        command += f" --shape {args.shape}"
    if not args.smoke and args.records != 1_000_000:
        command += f" --records {args.records}"
    if args.curate:
        command += f" --curate {args.curate}"
    if not args.smoke and args.sizes != "100000,300000,1000000":
        command += f" --sizes {args.sizes}"
    if not args.smoke and args.rss_sizes != "200000,1000000":
        command += f" --rss-sizes {args.rss_sizes}"
    if not args.smoke and args.rounds != 3:
        command += f" --rounds {args.rounds}"

    names = ["bench", "log"] if args.shape == "both" else [args.shape]
    shapes = {name: corpus(name, args.records) for name in names}
    for name in names:
        for n in sizes:
            corpus(name, n)
    info = machine_info(curate)
    built = binary_time(curate)
    loads = [load_average()]
    started = time.strftime("%Y-%m-%d %H:%M %Z")

    work = Path(tempfile.mkdtemp(prefix="curate-bench-"))
    try:
        export_ok, export_why = export_support(curate, work / "probe")
        for shape in shapes.values():  # warm the page cache
            subprocess.run(["cat", str(shape.corpus)], stdout=subprocess.DEVNULL, check=True)
        rounds: dict[str, list[Report]] = {name: [] for name in names}
        for number in range(1, args.rounds + 1):
            for name, shape in shapes.items():
                folder = work / f"round-{number}-{name}"
                folder.mkdir()
                print(f"round {number} of {args.rounds}: {shape.corpus.name} in {folder}", flush=True)
                report = Report()
                rounds[name].append(report)
                run_cat(shape, folder, report)
                run_curate(curate, shape, folder, report, export_ok, export_why)
                run_duckdb(shape, folder, report)
                run_sqlite(shape, folder, report)
                if number < args.rounds:  # the last round's exports are compared, the others' go
                    shutil.rmtree(folder, ignore_errors=True)
        reports = {name: combine(rounds[name]) for name in names}
        for name, report in reports.items():
            ingest = next(r.m for r in report.rows if (r.step, r.tool) == ("ingest (empty store)", "curate"))
            run_scale(curate, name, sizes, args.records, ingest, work, report)
            compare_exports(report, shapes[name])
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    loads.append(load_average())
    if binary_time(curate) != built:
        reports[names[0]].warnings.append(f"{curate} was rebuilt during the run ({built} -> {binary_time(curate)}).")

    text = render(reports, shapes, args, info, command, (loads[0], loads[1]), started)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print()
    print(text)
    print(f"written to {output}")
    failed = [r for report in reports.values() for r in report.rows if r.m.status == "failed"]
    failed += [m for report in reports.values() for _, _, m, _ in report.scale if m.status == "failed"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

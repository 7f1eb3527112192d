"""Real consumers of curate datasets: pandas, Hugging Face `datasets`, pyarrow,
polars, DuckDB, mlcroissant (croissant.json) and prov (provenance.json).

Point it at exported dataset folders through the environment, then run it with
pytest or plain python3 (optionally only the tests of one consumer module):

    CURATE_JSONL_DATASET=datasets/a CURATE_CSV_DATASET=datasets/b python3 -m pytest Tests/consumers
    CURATE_JSONL_DATASET=datasets/a CURATE_PARQUET_DATASET=datasets/c python3 Tests/consumers/test_consumers.py
    python3 Tests/consumers/test_consumers.py --only pyarrow

Each folder holds a manifest.json, croissant.json, its data files under data/ (one per split
and task, SPLIT-00000-of-00001.EXT), the record sidecar records.ids and the dataset card
README.md; the JSON Lines one also provenance.json (export --prov).
CURATE_UNSPLIT_DATASET names a JSON Lines export made without --split.
A test whose dataset is not given, or whose module python3 cannot import, is
skipped with the reason. The datasets, when several are given, must be exports
of the same store with the same selection: the Parquet tests compare every
value with the JSON Lines export.
"""

import datetime
import functools
import glob
import hashlib
import importlib
import json
import os
import sys
import tempfile

COLUMNS = {
    "input_id", "input", "output", "id", "task", "split", "origin", "model", "annotator",
    "prompt", "prompt_sha256", "hash_status", "run", "created_at",
}


class Skip(Exception):
    """The dataset or module a test needs is not there."""


def skip(reason):
    if "pytest" in sys.modules:
        import pytest

        pytest.skip(reason)
    raise Skip(reason)


def needs(module):
    """Marks a test as one of `module`'s: it is skipped when python3 cannot import it."""

    def mark(test):
        @functools.wraps(test)
        def run():
            try:
                imported = importlib.import_module(module)
            except ImportError:
                skip(f"python3 cannot import {module} (scripts/test installs it)")
            if getattr(imported, "__file__", None) is None:  # a folder of that name imported as a namespace
                skip(f"python3 cannot import {module} (scripts/test installs it)")
            test()

        run.module = module
        return run

    return mark


def dataset(variable):
    folder = os.environ.get(variable)
    if not folder:
        skip(f"{variable} is not set")
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as handle:
        return folder, json.load(handle)


def split_of(seed, input_id, splits):
    """The documented split assignment, recomputed independently."""
    digest = hashlib.sha256(f"{seed}:{input_id}".encode("utf-8")).digest()
    point = (int.from_bytes(digest[:8], "big") >> 11) / 2**53
    upper = 0.0
    for split in splits:  # the manifest lists them in name order
        upper += split["fraction"]
        if point < upper:
            return split["name"]
    return splits[-1]["name"]


def read_pandas(folder, file):
    import pandas

    path = os.path.join(folder, file["path"])
    if file["format"] == "jsonl":
        return pandas.read_json(path, lines=True, dtype=False)
    if file["format"] == "parquet":
        return pandas.read_parquet(path)
    return pandas.read_csv(path, dtype=str, keep_default_na=False)


def check_frames(folder, manifest):
    spec = manifest["selection"]["split"]
    seen = {}
    total = 0
    for file in manifest["files"]:
        frame = read_pandas(folder, file)
        assert len(frame) == file["records"], (file["path"], len(frame), file["records"])
        if len(frame) == 0:
            continue
        assert COLUMNS <= set(frame.columns), set(frame.columns) ^ COLUMNS
        assert set(frame["split"]) == {file["split"]}
        for input_id in frame["input_id"]:
            assert split_of(spec["seed"], input_id, spec["splits"]) == file["split"], input_id
            assert seen.setdefault(input_id, file["split"]) == file["split"], f"{input_id} is in two splits"
        total += len(frame)
    assert total == manifest["records"]["count"]
    return seen


@needs("pandas")
def test_pandas_reads_jsonl():
    folder, manifest = dataset("CURATE_JSONL_DATASET")
    assert {file["format"] for file in manifest["files"]} == {"jsonl"}
    check_frames(folder, manifest)


@needs("pandas")
def test_pandas_reads_csv():
    folder, manifest = dataset("CURATE_CSV_DATASET")
    assert {file["format"] for file in manifest["files"]} == {"csv"}
    check_frames(folder, manifest)
    for file in manifest["files"]:
        frame = read_pandas(folder, file)
        for text in frame["input"]:
            if text.startswith("{"):
                assert isinstance(json.loads(text), dict)


def split_files(folder, manifest):
    """Split name → the paths of its data files that hold records, in the manifest's order."""
    files = {}
    for file in manifest["files"]:
        if file["records"] > 0:
            files.setdefault(file["split"], []).append(os.path.join(folder, file["path"]))
    return files


@needs("datasets")
def test_huggingface_loads_jsonl():
    import datasets

    folder, manifest = dataset("CURATE_JSONL_DATASET")
    files = split_files(folder, manifest)
    with tempfile.TemporaryDirectory() as cache:
        loaded = datasets.load_dataset("json", data_files=files, cache_dir=cache)
        assert set(loaded.keys()) == set(files)
        for file in manifest["files"]:
            if file["records"] == 0:
                continue
            part = loaded[file["split"]]
            assert part.num_rows == sum(other["records"] for other in manifest["files"] if other["split"] == file["split"])
            assert COLUMNS <= set(part.column_names)
            assert set(part["split"]) == {file["split"]}


@needs("datasets")
def test_huggingface_loads_csv():
    import datasets

    folder, manifest = dataset("CURATE_CSV_DATASET")
    files = split_files(folder, manifest)
    with tempfile.TemporaryDirectory() as cache:
        loaded = datasets.load_dataset("csv", data_files=files, cache_dir=cache, keep_default_na=False)
        for split, paths in files.items():
            assert loaded[split].num_rows == sum(file["records"] for file in manifest["files"] if file["split"] == split)


def jsonl_rows(folder, manifest, split=None, task=None):
    """The rows of the JSON Lines data files, file by file in the manifest's order."""
    rows = []
    for file in manifest["files"]:
        if (split is None or file["split"] == split) and (task is None or file["task"] == task):
            with open(os.path.join(folder, file["path"]), encoding="utf-8") as handle:
                rows += [json.loads(line) for line in handle]
    return rows


def front_matter(folder):
    """The YAML front matter of the dataset card, parsed."""
    import yaml

    with open(os.path.join(folder, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    assert text.startswith("---\n"), text[:40]
    return yaml.safe_load(text[4:text.index("\n---\n")])


@needs("datasets")
def test_huggingface_loads_the_card():
    """load_dataset(folder) with no glue: every split under its own name (holdout too), ids as
    strings equal to the JSON Lines rows; load_dataset(folder, TASK) gives that task's rows only."""
    import datasets

    _, expected = dataset("CURATE_JSONL_DATASET")
    for variable in ["CURATE_JSONL_DATASET", "CURATE_CSV_DATASET", "CURATE_PARQUET_DATASET", "CURATE_UNSPLIT_DATASET"]:
        folder, manifest = dataset(variable)
        jsonl_folder = folder if manifest["files"][0]["format"] == "jsonl" else os.environ["CURATE_JSONL_DATASET"]
        jsonl_manifest = manifest if jsonl_folder == folder else expected
        splits = split_files(folder, manifest)
        configs = front_matter(folder)["configs"]
        assert [config["config_name"] for config in configs] == ["default"] + sorted({file["task"] for file in manifest["files"] if file["task"]})
        with tempfile.TemporaryDirectory() as cache:
            loaded = datasets.load_dataset(folder, cache_dir=cache)
            assert list(loaded.keys()) == list(splits), (variable, list(loaded.keys()), list(splits))
            for split in splits:
                rows = jsonl_rows(jsonl_folder, jsonl_manifest, split=split)
                assert loaded[split].features["input_id"].dtype == "string", loaded[split].features
                assert loaded[split]["input_id"] == [row["input_id"] for row in rows], (variable, split)
                assert loaded[split]["id"] == [row["id"] for row in rows], (variable, split)
            task = configs[1]["config_name"]
            one = datasets.load_dataset(folder, task, cache_dir=cache)
            for split in one:
                rows = jsonl_rows(jsonl_folder, jsonl_manifest, split=split, task=task)
                assert set(one[split]["task"]) == {task}
                assert one[split]["input_id"] == [row["input_id"] for row in rows], (variable, task, split)


@needs("polars")
def test_polars_globs_only_data_files():
    """A glob over data/ returns exactly the data rows: the record sidecar is never picked up."""
    import polars

    for variable, scan, extension in [
        ("CURATE_JSONL_DATASET", polars.scan_ndjson, "jsonl"),
        ("CURATE_PARQUET_DATASET", polars.scan_parquet, "parquet"),
    ]:
        folder, manifest = dataset(variable)
        assert not glob.glob(os.path.join(folder, "*.jsonl")) and not glob.glob(os.path.join(folder, "*.parquet"))
        assert sorted(glob.glob(os.path.join(folder, "data", "*"))) == sorted(os.path.join(folder, file["path"]) for file in manifest["files"])
        frame = scan(os.path.join(folder, "data", "*")).collect()
        assert frame.height == manifest["records"]["count"]
        assert frame.schema["input_id"] == polars.String
        with open(os.path.join(folder, manifest["records"]["path"]), encoding="utf-8") as handle:
            assert sorted(frame["id"].to_list()) == sorted(json.loads(line)["id"] for line in handle)
        train = scan(os.path.join(folder, "data", f"train-*.{extension}")).collect()
        assert train.height == sum(file["records"] for file in manifest["files"] if file["split"] == "train")


@needs("pandas")
def test_pandas_recipes_keep_ids_strings():
    """The card's pandas recipes: an id such as "007" stays "007"."""
    import pandas

    for variable, read in [
        ("CURATE_JSONL_DATASET", lambda path: pandas.read_json(path, lines=True, engine="pyarrow")),
        ("CURATE_CSV_DATASET", lambda path: pandas.read_csv(path, dtype=str, keep_default_na=False)),
        ("CURATE_PARQUET_DATASET", pandas.read_parquet),
    ]:
        folder, manifest = dataset(variable)
        paths = sorted(glob.glob(os.path.join(folder, "data", "*")))
        frame = pandas.concat([read(path) for path in paths], ignore_index=True)
        assert len(frame) == manifest["records"]["count"]
        assert "007" in set(frame["input_id"]), variable


@needs("duckdb")
def test_duckdb_recipes_keep_ids_strings():
    import duckdb

    for variable, function in [
        ("CURATE_JSONL_DATASET", "read_json('{}')"),
        ("CURATE_CSV_DATASET", "read_csv('{}', all_varchar = true)"),
        ("CURATE_PARQUET_DATASET", "read_parquet('{}')"),
    ]:
        folder, manifest = dataset(variable)
        relation = duckdb.sql("SELECT input_id FROM " + function.format(os.path.join(folder, "data", "*")))
        assert str(relation.types[0]) == "VARCHAR", (variable, relation.types)
        ids = [row[0] for row in relation.fetchall()]
        assert len(ids) == manifest["records"]["count"] and "007" in ids, variable


@needs("pandas")
def test_formats_agree():
    jsonl_folder, jsonl_manifest = dataset("CURATE_JSONL_DATASET")
    csv_folder, csv_manifest = dataset("CURATE_CSV_DATASET")
    assert jsonl_manifest["records"]["sha256"] == csv_manifest["records"]["sha256"]
    for jsonl_file, csv_file in zip(jsonl_manifest["files"], csv_manifest["files"]):
        rows = read_pandas(jsonl_folder, jsonl_file)
        cells = read_pandas(csv_folder, csv_file)
        assert list(rows["id"]) == list(cells["id"])
        for value, text in zip(rows["input"], cells["input"]):
            if isinstance(value, str):
                assert value == text  # a JSON string input is its text, CR, LF, quotes and all
            elif isinstance(value, dict):
                assert json.loads(text) == value
        for value, text in zip(rows["output"], cells["output"]):
            assert (value if isinstance(value, str) else json.dumps(value)) == text


def test_records_sidecar():
    folder, manifest = dataset("CURATE_JSONL_DATASET")
    path = os.path.join(folder, manifest["records"]["path"])
    with open(path, "rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == manifest["records"]["sha256"]
    ids = [json.loads(line)["id"] for line in data.decode("utf-8").splitlines()]
    assert len(ids) == len(set(ids)) == manifest["records"]["count"]


# Parquet: every value of every row equals the JSON Lines export of the same selection.

STRING_COLUMNS = [
    "input_id", "input", "output", "id", "task", "split", "origin", "model", "annotator",
    "prompt", "prompt_sha256", "hash_status", "run", "supersedes",
]


def nanoseconds(text):
    """Nanoseconds since the epoch of an RFC 3339 UTC time as curate writes it (Z, up to 9 digits)."""
    assert text.endswith("Z"), text
    whole, _, fraction = text[:-1].partition(".")
    seconds = datetime.datetime.fromisoformat(whole).replace(tzinfo=datetime.timezone.utc).timestamp()
    return int(seconds) * 1_000_000_000 + int((fraction + "000000000")[:9])


def same_value(expected, actual):
    """Whether a Parquet cell holds the JSON Lines value: a string as is, other JSON as its JSON text."""
    if expected is None or isinstance(expected, str):
        return actual == expected
    return isinstance(actual, str) and json.loads(actual) == expected  # input/output: canonical JSON text


def parquet_pairs():
    """(JSON Lines rows, Parquet path, manifest file) per split, the Parquet and JSONL files side by side."""
    jsonl_folder, jsonl_manifest = dataset("CURATE_JSONL_DATASET")
    parquet_folder, parquet_manifest = dataset("CURATE_PARQUET_DATASET")
    assert {file["format"] for file in parquet_manifest["files"]} == {"parquet"}
    assert jsonl_manifest["records"]["sha256"] == parquet_manifest["records"]["sha256"]
    assert [file["split"] for file in jsonl_manifest["files"]] == [file["split"] for file in parquet_manifest["files"]]
    for jsonl_file, parquet_file in zip(jsonl_manifest["files"], parquet_manifest["files"]):
        with open(os.path.join(jsonl_folder, jsonl_file["path"]), encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        assert len(rows) == parquet_file["records"]
        yield rows, os.path.join(parquet_folder, parquet_file["path"]), parquet_file


def check_rows(rows, columns, times, path):
    """`columns`: name → list of values read; `times`: created_at as nanoseconds since the epoch."""
    for name in STRING_COLUMNS:
        values = columns[name]
        assert len(values) == len(rows), (path, name)
        for index, (row, value) in enumerate(zip(rows, values)):
            assert same_value(row[name], value), (path, index, name, row[name], value)
    assert times == [nanoseconds(row["created_at"]) for row in rows], path


@needs("pyarrow")
def test_pyarrow_reads_parquet():
    import pyarrow
    import pyarrow.parquet

    for rows, path, file in parquet_pairs():
        table = pyarrow.parquet.read_table(path)
        assert table.num_rows == file["records"]
        for name in STRING_COLUMNS:
            assert table.schema.field(name).type == pyarrow.string(), (name, table.schema.field(name).type)
        assert table.schema.field("created_at").type == pyarrow.timestamp("ns", tz="UTC")
        assert not table.schema.field("input_id").nullable
        columns = {name: table.column(name).to_pylist() for name in STRING_COLUMNS}
        times = table.column("created_at").cast(pyarrow.int64()).to_pylist()
        check_rows(rows, columns, times, path)


@needs("pyarrow")
def test_pyarrow_reads_struct_output():
    """A task whose label schema declares an object output: pyarrow reads `output` as a struct
    with typed fields, each row equal to the JSON Lines export's (an absent member is null)."""
    import pyarrow
    import pyarrow.parquet

    parquet_folder, parquet_manifest = dataset("CURATE_STRUCT_PARQUET_DATASET")
    jsonl_folder, jsonl_manifest = dataset("CURATE_STRUCT_JSONL_DATASET")
    for jsonl_file, parquet_file in zip(jsonl_manifest["files"], parquet_manifest["files"]):
        with open(os.path.join(jsonl_folder, jsonl_file["path"]), encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        table = pyarrow.parquet.read_table(os.path.join(parquet_folder, parquet_file["path"]))
        output = table.schema.field("output").type
        assert pyarrow.types.is_struct(output), output
        assert {output.field(index).name: output.field(index).type for index in range(output.num_fields)} == {
            "word": pyarrow.string(), "sentence": pyarrow.string(), "level": pyarrow.string(), "count": pyarrow.int64(),
        }, output
        assert present(table.column("output").to_pylist()) == [row["output"] for row in rows]


def struct_pairs():
    """(JSON Lines outputs, Parquet path) per file of the struct-output exports."""
    parquet_folder, parquet_manifest = dataset("CURATE_STRUCT_PARQUET_DATASET")
    jsonl_folder, jsonl_manifest = dataset("CURATE_STRUCT_JSONL_DATASET")
    for jsonl_file, parquet_file in zip(jsonl_manifest["files"], parquet_manifest["files"]):
        with open(os.path.join(jsonl_folder, jsonl_file["path"]), encoding="utf-8") as handle:
            yield [json.loads(line)["output"] for line in handle], os.path.join(parquet_folder, parquet_file["path"])


def present(cells):
    """Struct cells as JSON Lines has them: members that are null were absent."""
    return [{key: value for key, value in cell.items() if value is not None} for cell in cells]


@needs("polars")
def test_polars_reads_struct_output():
    import polars

    for outputs, path in struct_pairs():
        frame = polars.read_parquet(path)
        assert isinstance(frame.schema["output"], polars.Struct), frame.schema["output"]
        assert present(frame["output"].to_list()) == outputs


@needs("duckdb")
def test_duckdb_reads_struct_output():
    import duckdb

    for outputs, path in struct_pairs():
        relation = duckdb.sql(f"SELECT output, output.word AS word FROM read_parquet('{path}')")
        rows = relation.fetchall()
        assert present([row[0] for row in rows]) == outputs
        assert [row[1] for row in rows] == [output["word"] for output in outputs]


@needs("pandas")
def test_pandas_reads_struct_output():
    import pandas

    for outputs, path in struct_pairs():
        frame = pandas.read_parquet(path)
        assert present(list(frame["output"])) == outputs


@needs("datasets")
def test_huggingface_loads_struct_output():
    import datasets

    folder, manifest = dataset("CURATE_STRUCT_PARQUET_DATASET")
    with tempfile.TemporaryDirectory() as cache:
        loaded = datasets.load_dataset(folder, "vocab", cache_dir=cache)
        for split in loaded:
            expected = [output for outputs, path in struct_pairs() if f"/{split}-" in path for output in outputs]
            assert present(loaded[split]["output"]) == expected, split


@needs("polars")
def test_polars_reads_parquet():
    import polars

    for rows, path, file in parquet_pairs():
        frame = polars.read_parquet(path)
        assert frame.height == file["records"]
        for name in STRING_COLUMNS:
            assert frame.schema[name] == polars.String, (name, frame.schema[name])
        assert frame.schema["created_at"] == polars.Datetime("ns", "UTC")
        columns = {name: frame[name].to_list() for name in STRING_COLUMNS}
        times = frame["created_at"].dt.epoch("ns").to_list()
        check_rows(rows, columns, times, path)


@needs("duckdb")
def test_duckdb_reads_parquet():
    import duckdb

    for rows, path, file in parquet_pairs():
        relation = duckdb.sql(f"SELECT * FROM read_parquet('{path}')")
        types = dict(zip(relation.columns, (str(kind) for kind in relation.types)))
        assert all(types[name] == "VARCHAR" for name in STRING_COLUMNS), types
        assert types["created_at"] == "TIMESTAMP WITH TIME ZONE" or types["created_at"].startswith("TIMESTAMPTZ"), types
        names = ", ".join(STRING_COLUMNS)
        fetched = duckdb.sql(f"SELECT {names}, epoch_ns(created_at) FROM read_parquet('{path}')").fetchall()
        assert len(fetched) == file["records"]
        columns = {name: [row[index] for row in fetched] for index, name in enumerate(STRING_COLUMNS)}
        check_rows(rows, columns, [row[-1] for row in fetched], path)


@needs("pandas")
def test_pandas_reads_parquet():
    import pandas

    folder, manifest = dataset("CURATE_PARQUET_DATASET")
    check_frames(folder, manifest)
    for rows, path, file in parquet_pairs():
        frame = pandas.read_parquet(path)
        assert str(frame["created_at"].dtype) == "datetime64[ns, UTC]", frame["created_at"].dtype
        columns = {name: [None if value is None or value is pandas.NA or (isinstance(value, float) and value != value) else value
                          for value in frame[name]] for name in STRING_COLUMNS}
        assert all(isinstance(value, str) for value in columns["input_id"])  # "00123" stays a string
        check_rows(rows, columns, [int(value.value) for value in frame["created_at"]], path)


# Croissant: mlcroissant validates croissant.json without a warning and loads every record
# set; the records equal the JSON Lines export's rows.


def mlcroissant_validates(folder):
    """Runs `mlcroissant validate` and expects no warning or error in its log."""
    import subprocess

    tool = os.path.join(os.path.dirname(sys.executable), "mlcroissant")
    result = subprocess.run(
        [tool, "validate", "--jsonld", os.path.join(folder, "croissant.json")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    problems = [line for line in result.stderr.splitlines() if line[:1] in ("W", "E")]
    assert not problems, problems


def check_croissant(variable):
    import mlcroissant

    folder, manifest = dataset(variable)
    mlcroissant_validates(folder)
    loaded = mlcroissant.Dataset(jsonld=os.path.join(folder, "croissant.json"))
    record_sets = sorted(record_set.id for record_set in loaded.metadata.record_sets)
    assert record_sets == ["records", "splits"], record_sets
    splits = {record["splits/name"] for record in loaded.records("splits")}
    assert splits == {file["split"] for file in manifest["files"]}

    jsonl_folder, jsonl_manifest = dataset("CURATE_JSONL_DATASET")
    assert jsonl_manifest["records"]["sha256"] == manifest["records"]["sha256"]
    expected = {}
    for file in jsonl_manifest["files"]:
        with open(os.path.join(jsonl_folder, file["path"]), encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                expected[row["id"]] = row
    seen = set()
    for record in loaded.records("records"):
        values = {key.split("/", 1)[1]: value for key, value in record.items()}
        values = {key: value.decode("utf-8") if isinstance(value, bytes) else value for key, value in values.items()}
        row = expected[values["id"]]
        for name, value in values.items():
            if name == "created_at":
                assert value.value == nanoseconds(row[name]), (name, row[name], value)
            else:
                assert same_value(row[name], None if value is None or value != value else value), (name, row[name], value)
        seen.add(values["id"])
    assert seen == set(expected), len(seen ^ set(expected))


@needs("mlcroissant")
def test_mlcroissant_loads_jsonl():
    check_croissant("CURATE_JSONL_DATASET")


@needs("mlcroissant")
def test_mlcroissant_loads_csv():
    check_croissant("CURATE_CSV_DATASET")


@needs("mlcroissant")
def test_mlcroissant_loads_parquet():
    check_croissant("CURATE_PARQUET_DATASET")


# PROV: the prov package reads provenance.json; its entities and relations are the manifest's tuples.


@needs("prov")
def test_prov_reads_provenance():
    from prov.model import ProvDocument, ProvEntity, ProvAgent, ProvDerivation, ProvGeneration, ProvUsage

    folder, manifest = dataset("CURATE_JSONL_DATASET")
    document = ProvDocument.deserialize(os.path.join(folder, "provenance.json"), format="json")
    records = list(document.get_records())
    entities = {str(record.identifier): record for record in records if isinstance(record, ProvEntity)}
    labels = [entity for name, entity in entities.items() if name.startswith("labels:")]
    assert len(labels) == len(manifest["provenance"])

    def attribute(record, name):
        values = [str(value) for key, value in record.attributes if str(key) == name]
        return values[0] if values else ""

    tuples = sorted(
        (attribute(entity, "curate:task"), attribute(entity, "curate:origin"), attribute(entity, "curate:model"),
         attribute(entity, "curate:annotator"), attribute(entity, "curate:promptSHA256"), attribute(entity, "curate:records"))
        for entity in labels
    )
    expected = sorted(
        (entry["task"], entry["origin"], entry["model"] or "", entry["annotator"] or "", (entry["prompt"] or {}).get("sha256") or "",
         str(entry["records"]))
        for entry in manifest["provenance"]
    )
    assert tuples == expected
    dataset_id = f"dataset:{manifest['name']}"
    assert dataset_id in entities
    derivations = [record for record in records if isinstance(record, ProvDerivation)]
    assert sorted(str(record.args[1]) for record in derivations) == sorted(str(entity.identifier) for entity in labels)
    assert {str(record.args[0]) for record in derivations} == {dataset_id}
    generated = {str(record.args[0]) for record in records if isinstance(record, ProvGeneration)}
    assert generated == {dataset_id} | {str(entity.identifier) for entity in labels}
    agents = {attribute(record, "prov:label") for record in records if isinstance(record, ProvAgent)}
    assert {entry["model"] or entry["annotator"] for entry in manifest["provenance"]} <= agents
    prompts = {entry["prompt"]["sha256"] for entry in manifest["provenance"] if entry["prompt"] and entry["prompt"]["sha256"]}
    used = {str(record.args[1]) for record in records if isinstance(record, ProvUsage)}
    assert {f"prompt:{sha256}" for sha256 in prompts} <= used


if __name__ == "__main__":
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    tests = [
        value for name, value in sorted(globals().items())
        if name.startswith("test_") and (only is None or getattr(value, "module", only) == only)  # tests needing no module always run
    ]
    failed = 0
    for test in tests:
        try:
            test()
            print(f"ok      {test.__name__}")
        except Skip as reason:
            print(f"skipped {test.__name__}: {reason}")
        except Exception as error:  # report every failure, then fail
            failed += 1
            print(f"FAILED  {test.__name__}: {type(error).__name__}: {error}")
    sys.exit(1 if failed else 0)

"""Real consumers of curate datasets: pandas and Hugging Face `datasets`.

Point it at exported dataset folders through the environment, then run it with
pytest or plain python3:

    CURATE_JSONL_DATASET=datasets/a CURATE_CSV_DATASET=datasets/b python3 -m pytest Tests/consumers
    CURATE_JSONL_DATASET=datasets/a python3 Tests/consumers/test_consumers.py

Each folder holds a manifest.json, one data file per split and records.jsonl.
A test whose dataset is not given, or whose reader is not installed, is skipped. The two datasets, when both are
given, must be exports of the same store with the same selection.
"""

import hashlib
import json
import os
import sys
import tempfile

import pandas

COLUMNS = {
    "input_id", "input", "output", "id", "task", "split", "origin", "model", "annotator",
    "prompt", "prompt_sha256", "hash_status", "run", "created_at",
}


class Skip(Exception):
    """What a test needs (its dataset, its reader) is not there."""


def skip(reason):
    if "pytest" in sys.modules:
        import pytest

        pytest.skip(reason)
    raise Skip(reason)


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
    path = os.path.join(folder, file["path"])
    if file["format"] == "jsonl":
        return pandas.read_json(path, lines=True, dtype=False)
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


def test_pandas_reads_jsonl():
    folder, manifest = dataset("CURATE_JSONL_DATASET")
    assert {file["format"] for file in manifest["files"]} == {"jsonl"}
    check_frames(folder, manifest)


def test_pandas_reads_csv():
    folder, manifest = dataset("CURATE_CSV_DATASET")
    assert {file["format"] for file in manifest["files"]} == {"csv"}
    check_frames(folder, manifest)
    for file in manifest["files"]:
        frame = read_pandas(folder, file)
        for text in frame["input"]:
            if text.startswith("{"):
                assert isinstance(json.loads(text), dict)


def huggingface():
    """Hugging Face `datasets`, or a skip when it is not installed."""
    try:
        import datasets
    except ImportError:
        skip("Hugging Face datasets is not installed (pip install datasets)")
    if not hasattr(datasets, "load_dataset"):  # a folder named datasets/ imported as a namespace
        skip("Hugging Face datasets is not installed (pip install datasets)")
    return datasets


def test_huggingface_loads_jsonl():
    datasets = huggingface()
    folder, manifest = dataset("CURATE_JSONL_DATASET")
    files = {file["split"]: os.path.join(folder, file["path"]) for file in manifest["files"] if file["records"] > 0}
    with tempfile.TemporaryDirectory() as cache:
        loaded = datasets.load_dataset("json", data_files=files, cache_dir=cache)
        assert set(loaded.keys()) == set(files)
        for file in manifest["files"]:
            if file["records"] == 0:
                continue
            part = loaded[file["split"]]
            assert part.num_rows == file["records"]
            assert COLUMNS <= set(part.column_names)
            assert set(part["split"]) == {file["split"]}


def test_huggingface_loads_csv():
    datasets = huggingface()
    folder, manifest = dataset("CURATE_CSV_DATASET")
    files = {file["split"]: os.path.join(folder, file["path"]) for file in manifest["files"] if file["records"] > 0}
    with tempfile.TemporaryDirectory() as cache:
        loaded = datasets.load_dataset("csv", data_files=files, cache_dir=cache, keep_default_na=False)
        for file in manifest["files"]:
            if file["records"] > 0:
                assert loaded[file["split"]].num_rows == file["records"]


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


if __name__ == "__main__":
    tests = [value for name, value in sorted(globals().items()) if name.startswith("test_")]
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

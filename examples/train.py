#!/usr/bin/env python3
"""Train a classical model on curate datasets and score it on gold labels.

For each dataset folder (made by `curate export`) and each task of the gold labels: TF-IDF over word
unigrams and bigrams + logistic regression, trained on the dataset's `train` split (all its
rows when it has no splits), scored on the gold labels of inputs the dataset never saw
(accuracy and macro-F1, and accuracy on the hard inputs alone) and, for comparison, on the
dataset's own `test` split, whose labels are the LLM's. The data files are found through the
dataset's manifest.json (`files[].path`), in Parquet (read with pyarrow) or JSON Lines.

    python3 examples/train.py datasets/everything datasets/clean --gold gold.jsonl --check 0.5

With --check MARGIN it exits 1 unless the second dataset's models beat the first's by at least
MARGIN points in each of accuracy, macro-F1 and accuracy on hard inputs, averaged over the tasks.
Deterministic: the same files give the same numbers.

Needs scikit-learn (and pyarrow for Parquet): pip install scikit-learn pyarrow
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline


def input_text(value) -> str:
    """The text a model reads of an input: its "text" member, or the input itself as text.

    Parquet and CSV cells hold an object input as its JSON text, JSON Lines the object.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return value["text"]
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)


def read_rows(dataset: Path, path: str, file_format: str) -> list[dict]:
    """The rows of one data file of a dataset, as dicts of column values."""
    full = dataset / path
    if file_format == "parquet":
        import pyarrow.parquet as pq  # here, so JSON Lines datasets need no pyarrow

        return pq.read_table(full, columns=["task", "input_id", "input", "output"]).to_pylist()
    if file_format == "jsonl":
        with open(full, encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    sys.exit(f"train.py: {full}: format {file_format!r} is not read here; export with --format parquet or jsonl")


def load_dataset(dataset: Path) -> tuple[str, dict[str, list[dict]]]:
    """The dataset's name and its rows by split, from the files its manifest lists."""
    manifest_path = dataset / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except OSError as e:
        sys.exit(f"train.py: cannot read {manifest_path}: {e.strerror}; give the folder `curate export NAME` wrote")
    splits: dict[str, list[dict]] = {}
    for entry in manifest["files"]:
        splits.setdefault(entry["split"], []).extend(read_rows(dataset, entry["path"], entry["format"]))
    return manifest["name"], splits


def examples(rows: list[dict], task: str) -> tuple[list[str], list[str]]:
    """Texts and labels of one task's rows, in input_id order."""
    chosen = sorted((row for row in rows if row["task"] == task), key=lambda row: row["input_id"])
    labels = [row["output"] if isinstance(row["output"], str) else json.dumps(row["output"]) for row in chosen]
    return [input_text(row["input"]) for row in chosen], labels


def train(texts: list[str], labels: list[str]):
    """TF-IDF (word unigrams and bigrams) + logistic regression, fitted on the texts."""
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(max_iter=2000, random_state=0),
    )
    return model.fit(texts, labels)


def score(model, texts: list[str], labels: list[str]) -> tuple[float, float]:
    """Accuracy and macro-F1 in percent; NaN when there is nothing to score."""
    if not texts:
        return float("nan"), float("nan")
    predicted = model.predict(texts)
    return 100 * accuracy_score(labels, predicted), 100 * f1_score(labels, predicted, average="macro", zero_division=0)


def cell(value: float, width: int) -> str:
    """A percentage to one decimal, or "-" when there was nothing to score."""
    return f"{'-' if math.isnan(value) else f'{value:.1f}':>{width}}"


METRICS = ("accuracy", "macro-F1", "hard accuracy")


def check(results: dict, tasks: list[str], names: list[str], margin: float) -> bool:
    """Whether the second dataset beats the first by margin points in each metric's mean over the tasks."""
    means = []
    for number in (0, 1):
        missing = [task for task in tasks if (task, number) not in results]
        if missing:
            print(f"check: {names[number]} has no model for {', '.join(missing)}", file=sys.stderr)
            return False
        means.append([sum(results[task, number][m] for task in tasks) / len(tasks) for m in range(len(METRICS))])
    ok = True
    for m, metric in enumerate(METRICS):
        gain = means[1][m] - means[0][m]
        ok &= gain >= margin
        print(
            f"check: mean {metric} over {len(tasks)} tasks: {names[0]} {means[0][m]:.1f}, {names[1]} {means[1][m]:.1f}"
            f" ({gain:+.1f} points, at least {margin:g} needed): {'ok' if gain >= margin else 'FAILED'}"
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="train.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("datasets", nargs="+", type=Path, help="dataset folders made by `curate export`")
    ap.add_argument("--gold", required=True, type=Path, help="gold labels, JSON Lines of task, input_id, input, label, hard")
    ap.add_argument(
        "--check", type=float, metavar="MARGIN",
        help="exit 1 unless the second dataset beats the first by MARGIN points in mean accuracy, macro-F1 and hard accuracy over the tasks",
    )
    args = ap.parse_args(argv)
    if args.check is not None and len(args.datasets) < 2:
        ap.error("--check compares the second dataset with the first: give at least two")

    with open(args.gold, encoding="utf-8") as lines:
        gold = [json.loads(line) for line in lines if line.strip()]
    tasks = sorted({row["task"] for row in gold})
    datasets = [load_dataset(folder) for folder in args.datasets]

    print(f"{'task':<10} {'dataset':<12} {'train':>6}  {'accuracy':>8}  {'macro-F1':>8}  {'hard acc':>8}  {'test (LLM)':>10}")
    results: dict[tuple[str, int], tuple[float, float, float]] = {}
    for task in tasks:
        task_gold = [row for row in gold if row["task"] == task]
        hard = [row for row in task_gold if row["hard"]]
        for number, (name, splits) in enumerate(datasets):
            rows = splits.get("train") or [row for split in splits.values() for row in split]
            texts, labels = examples(rows, task)
            if not texts:
                print(f"train.py: {name}: no {task} rows to train on; skipped", file=sys.stderr)
                continue
            model = train(texts, labels)
            accuracy, macro_f1 = score(model, [input_text(r["input"]) for r in task_gold], [r["label"] for r in task_gold])
            hard_accuracy, _ = score(model, [input_text(r["input"]) for r in hard], [r["label"] for r in hard])
            test_accuracy, _ = score(model, *examples(splits.get("test", []), task))
            results[task, number] = (accuracy, macro_f1, hard_accuracy)
            print(
                f"{task:<10} {name:<12} {len(texts):>6}  {cell(accuracy, 8)}  {cell(macro_f1, 8)}"
                f"  {cell(hard_accuracy, 8)}  {cell(test_accuracy, 10)}"
            )
        print(f"{'':<10} gold: {len(task_gold)} inputs, {len(hard)} of them hard")

    if args.check is None:
        return 0
    return 0 if check(results, tasks, [name for name, _ in datasets], args.check) else 1


if __name__ == "__main__":
    sys.exit(main())

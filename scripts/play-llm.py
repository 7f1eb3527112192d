#!/usr/bin/env python3
"""Stand in for the LLM job of the regeneration loop on the demo workspace.

Reads the lines `curate stale` prints (JSON Lines, from a file or stdin) and writes one
label record per line, ready for `curate ingest`: the label made with the line's
`regenerate_with` prompt, naming the stale label it replaces in `supersedes`.

A real job would send `regenerate_with.text` and the `input` to a model. This one knows the
right answer for the sample's inputs, because `generate-labels.py` made them: it answers like
a well-prompted model, wrong now and then at the error rate of each task's newest prompt era
(more often on hard inputs), deterministically, so the README's numbers can be checked.

    curate stale > stale.jsonl
    python3 scripts/play-llm.py stale.jsonl > regenerated.jsonl
    curate ingest regenerated.jsonl

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import random
import sys
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
MODEL = "claude-sonnet-4-5-20250929"


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_labels", SCRIPT_DIR / "generate-labels.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answer(gen, seed: int, task: str, input_id: str) -> str:
    """The label a good model gives: the truth, except at the newest era's error rate.

    Its mistakes are the generator's: a hard input's surface reading, or a likely confusion.
    """
    task_no = gen.TASK_ORDER.index(task)
    index = int(input_id.rsplit("-", 1)[1]) - 1
    _, truth, surface = gen.make_input(seed, task_no, task, index)
    err_hard, err_easy = gen.TASKS[task]["eras"][-1][3]
    rng = random.Random(f"{seed}:{task}:{input_id}")
    if rng.random() >= (err_easy if surface is None else err_hard):
        return truth
    return gen.wrong_label(rng, task, truth, surface)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="play-llm.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("stale", nargs="?", default="-", help="the lines of `curate stale` ('-' or none: stdin)")
    ap.add_argument("--seed", type=int, default=7, help="the seed the sample was generated with (default 7)")
    ap.add_argument("--at", default="2026-11-20T09:00:00Z", help="created_at of the first answer; one second apart after it")
    ap.add_argument("--run", default="regen-20261120", help="the run id of the answers")
    args = ap.parse_args(argv)

    gen = load_generator()
    start = dt.datetime.fromisoformat(args.at.replace("Z", "+00:00"))
    source = sys.stdin if args.stale == "-" else open(args.stale, encoding="utf-8")
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for number, line in enumerate(source):
        stale = json.loads(line)
        target = stale["regenerate_with"]
        if target is None:
            print(f"play-llm: {stale['task']} {stale['input_id']}: no prompt text to regenerate with; skipped", file=sys.stderr)
            continue
        record = {
            "task": stale["task"],
            "input_id": stale["input_id"],
            "input": stale["input"],
            "output": answer(gen, args.seed, stale["task"], stale["input_id"]),
            "created_at": (start + dt.timedelta(seconds=number)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "model": MODEL,
            "prompt": {"name": target["name"], "version": target["version"], "sha256": target["sha256"]},
            "params": {"temperature": 0, "max_tokens": 8},
            "run": args.run,
        }
        if stale["label"] is not None:
            record["supersedes"] = stale["label"]["id"]
        sys.stdout.write(dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Deterministic generator of a log-shaped label corpus for the benchmark.

What a production LLM label log looks like, as opposed to the tidy corpus of
scripts/generate-labels.py: 18 months of records in created_at order; input ids
drawn at random from a pool three times smaller than the log, so the relabels of
an input are months apart and arrive interleaved with everything else; five
tasks, one with object outputs ({"word","sentence","level"}); ~20% of LLM
records name their prompt by name and version only, ~79% give its sha256, ~1%
its text; several prompt versions per task over time, one edited in place
(sentiment v3: the same version label, two texts); several models including a
fallback; every record has `meta` with varying numbers; ~2% human labels.

    python3 Benchmarks/generate-log.py --records 1000000 --output log.jsonl --prompts ws/prompts

`--prompts DIR` writes the templates (DIR/NAME/VERSION.txt, the current text of
each version) and DIR/prompts.lock (every text each version was released with),
so that `curate ingest` in a workspace with that prompts/ folder resolves the
name-only prompts: one locked text -> `resolved`; sentiment@v3 -> `ambiguous`.

Streaming, flat memory; the same arguments give byte-identical output.
Standard library only (Python 3.11). See Benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
from pathlib import Path

UTC = dt.timezone.utc
PLUS2 = dt.timezone(dt.timedelta(hours=2))
START = dt.datetime(2025, 5, 1, tzinfo=UTC)
END = dt.datetime(2026, 11, 1, tzinfo=UTC)  # exclusive: 18 months
DAYS = (END - START).days

POOL_RATIO = 3  # records per input id in the pool: each input is labelled ~3 times
P_HUMAN = 0.02
P_PROMPT_BARE = 0.20  # {"name","version"}: resolved through the lock at ingest
P_PROMPT_TEXT = 0.01  # {"name","version","text"}; the rest carry "sha256"
P_TEXT_CRLF = 0.25  # of the text-carrying ones: a Windows client
P_FALLBACK = 0.03
P_CALLER_ID = 0.01
P_ROLLOUT = 0.25  # share of records still on the previous version in a rollout's first weeks
ROLLOUT = dt.timedelta(days=14)
P_PLUS2 = 0.02  # created_at with a +02:00 offset
P_SECONDS = 0.35  # created_at with second precision (the rest: milliseconds)

HAIKU_35 = "claude-3-5-haiku-20241022"
SONNET_4 = "claude-sonnet-4-20250514"
SONNET_45 = "claude-sonnet-4-5-20250929"
HAIKU_45 = "claude-haiku-4-5-20251001"
FALLBACK = "gpt-4o-mini-2024-07-18"
# (from, primary model) per task family: cheap tasks on Haiku, the rest on Sonnet.
MODELS = {
    "cheap": [(dt.datetime(2025, 5, 1, tzinfo=UTC), HAIKU_35), (dt.datetime(2025, 11, 3, tzinfo=UTC), HAIKU_45)],
    "rich": [(dt.datetime(2025, 5, 1, tzinfo=UTC), SONNET_4), (dt.datetime(2025, 10, 6, tzinfo=UTC), SONNET_45)],
}
PRICE = {HAIKU_35: (0.8, 4.0), HAIKU_45: (1.0, 5.0), SONNET_4: (3.0, 15.0), SONNET_45: (3.0, 15.0), FALLBACK: (0.15, 0.6)}


def d(y: int, m: int, day: int) -> dt.datetime:
    return dt.datetime(y, m, day, tzinfo=UTC)


# Tasks: share of the log, id prefix, model family, labels (None: object output) and prompt
# versions (from, version, text variant, params, share of wrong labels). Two entries with the
# same version are one version label edited in place: the same name, two texts.
TASKS = [
    ("sentiment", 0.36, "rev", "cheap", ["positive", "negative", "neutral"], [
        (d(2025, 5, 1), "v1", 1, {"temperature": 0.7, "max_tokens": 16}, 0.25),
        (d(2025, 9, 15), "v2", 1, {"temperature": 0, "max_tokens": 16}, 0.08),
        (d(2026, 2, 2), "v3", 1, {"temperature": 0, "max_tokens": 8}, 0.05),
        (d(2026, 5, 18), "v3", 2, {"temperature": 0, "max_tokens": 8}, 0.04),
    ]),
    ("intent", 0.24, "tkt", "cheap", ["billing", "shipping", "returns", "account", "other"], [
        (d(2025, 5, 1), "v1", 1, {"temperature": 0.3, "max_tokens": 16}, 0.18),
        (d(2025, 12, 1), "v2", 1, {"temperature": 0, "max_tokens": 12}, 0.06),
    ]),
    ("toxicity", 0.15, "cmt", "cheap", ["non_toxic", "toxic"], [
        (d(2025, 5, 1), "v1", 1, {"temperature": 0.2, "max_tokens": 8}, 0.15),
        (d(2025, 8, 4), "v2", 1, {"temperature": 0, "max_tokens": 8}, 0.06),
        (d(2026, 7, 6), "v3", 1, {"temperature": 0, "max_tokens": 8, "top_p": 0.9}, 0.04),
    ]),
    ("topic", 0.15, "art", "rich", ["electronics", "home", "fashion", "sports", "books", "food"], [
        (d(2025, 5, 1), "v1", 1, {"temperature": 0, "max_tokens": 24}, 0.12),
        (d(2026, 3, 9), "v2", 1, {"temperature": 0, "max_tokens": 24, "seed": 42}, 0.07),
    ]),
    ("vocab", 0.10, "doc", "rich", None, [
        (d(2025, 5, 1), "v1", 1, {"temperature": 0.9, "max_tokens": 120}, 0.0),
        (d(2025, 10, 20), "v2", 1, {"temperature": 0.5, "max_tokens": 160}, 0.0),
        (d(2026, 8, 3), "v3", 1, {"temperature": 0.5, "max_tokens": 160, "stop": ["\n\n"]}, 0.0),
    ]),
]
LEVELS = ["A2", "B1", "B2", "C1", "C2"]

# ---------------------------------------------------------------------------
# Prompt templates: made here, so the corpus depends on nothing else in the repo.
# ---------------------------------------------------------------------------
INSTRUCTIONS = {
    "sentiment": "Classify the sentiment of the customer review below as one of: {labels}.",
    "intent": "Read the support ticket below and name the customer's main intent, one of: {labels}.",
    "toxicity": "Decide whether the comment below is toxic (insults, threats, harassment) or not: {labels}.",
    "topic": "Assign the product article below to exactly one catalogue topic: {labels}.",
    "vocab": ("Pick the one word of the text below a language learner is least likely to know. Answer with "
              "JSON {{\"word\", \"sentence\", \"level\"}}: the word, a new example sentence using it, and its "
              "CEFR level (A1-C2)."),
}
RULES = [
    "Answer with the label only, lower case, no punctuation.",
    "If the text mixes several cases, choose the one the author cares about most.",
    "Ignore quoted marketing phrases; judge the author's own words.",
    "Treat sarcasm by what the author means, not the literal words.",
    "When nothing fits, use the most neutral label rather than guessing.",
    "Do not explain your answer.",
    "Emoji count as words: a thumbs-down is a negative statement.",
    "The text may be in any language; judge it in that language.",
]


def template(task: str, labels: list[str] | None, version: str, variant: int) -> str:
    """The template text of a version (variant 2: the same label, edited in place)."""
    number = int(version[1:])
    rules = RULES[: 2 + number + variant]
    lines = [f"# {task} {version}", "", INSTRUCTIONS[task].format(labels=", ".join(labels or []))]
    lines += ["", "Rules:"] + [f"- {r}" for r in rules]
    if variant == 2:
        lines.append("- Reviews that praise and complain at once are neutral.")
    lines += ["", "Text:", "{{input}}", ""]
    return "\n".join(lines)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


class Version:
    __slots__ = ("start", "name", "version", "text", "text_crlf", "sha256", "params", "p_wrong", "tokens",
                 "bare", "with_sha", "with_text", "with_crlf")

    def __init__(self, task: str, labels, start, version, variant, params, p_wrong):
        self.start, self.name, self.version = start, task, version
        self.text = template(task, labels, version, variant)
        self.text_crlf = self.text.replace("\n", "\r\n")
        self.sha256 = sha256_hex(self.text)
        self.params, self.p_wrong = params, p_wrong
        self.tokens = len(self.text) // 4
        # The prompt member in each of its shapes, encoded once.
        self.bare = {"name": task, "version": version}
        self.with_sha = {"name": task, "version": version, "sha256": self.sha256}
        self.with_text = {"name": task, "version": version, "text": self.text}
        self.with_crlf = {"name": task, "version": version, "text": self.text_crlf}


# ---------------------------------------------------------------------------
# Inputs: a pure function of (seed, task, input number), so a relabelled input
# has the very same payload months later without being kept in memory.
# ---------------------------------------------------------------------------
PRODUCTS = ["headphones", "coffee maker", "running shoes", "phone case", "blender", "backpack", "desk lamp",
            "yoga mat", "e-reader", "espresso machine", "air fryer", "rain jacket", "office chair", "kettle",
            "webcam", "café table", "crème brûlée torch", "mechanical keyboard", "hiking boots", "frying pan"]
PLACES = ["Zürich", "São Paulo", "Kraków", "Malmö", "Montréal", "Lyon", "Austin", "Leeds", "Osaka"]
OPENERS = ["Hi,", "Hello team,", "Quick question:", "Bonjour,", "Hey,", "Update:", ""]
SENTENCES = [
    "The {p} arrived {when} and the box was {state}.",
    "I have used the {p} every day for {dur} now.",
    "Honestly, the {p} is {adj} for the price.",
    "My order #{o} was shipped to {city} instead of my address.",
    "Customer service said the {p} would be replaced within {dur}.",
    "The manual claims it is \"{claim}\", which is not what I saw.",
    "It works, but the {p} gets {adj} after {dur}.",
    "I compared it with the {p2} from another shop and kept this one.",
    "Charged {amt} twice on my card, please look into it.",
    "Delivery to {city} took {dur}, which seems {adj}.",
    "The {p}'s battery lasts {dur} on a full charge 🔋.",
    "Would you recommend the {p} for someone in {city}?",
    "Nobody answered my emails for {dur}, so I'm writing here.",
    "The colour is {adj} and the stitching feels cheap.",
]
ADJS = ["great", "terrible", "fine", "flimsy", "solid", "overpriced", "surprisingly good", "loud", "hot"]
WHEN = ["early", "late", "on time", "a week late", "two days early"]
STATES = ["crushed", "perfect", "open", "wet", "fine"]
DURS = ["two days", "a week", "three weeks", "a month", "half a year"]
CLAIMS = ["waterproof", "fast charging", "premium quality", "easy to clean", "one size fits all"]
AMTS = ["$4.99", "€3.50", "$12", "£2.99", "$129.00"]
WORDS = [("ubiquitous", "C1"), ("meticulous", "C1"), ("durable", "B2"), ("refund", "B1"), ("parcel", "B1"),
         ("flimsy", "C1"), ("warranty", "B2"), ("compatible", "B2"), ("reliable", "B1"), ("grumble", "C2"),
         ("sturdy", "B2"), ("hassle", "B2"), ("delivery", "A2"), ("scratch", "B1"), ("ergonomic", "C2")]


def make_input(seed: int, task_no: int, idx: int) -> tuple[dict, random.Random]:
    """The payload of input idx of a task, and its generator (for the input's true label)."""
    rng = random.Random((seed << 44) ^ (task_no << 40) ^ idx)
    # Lengths vary a lot in a log: mostly short texts, a long tail of long ones.
    n = 1 + min(int(rng.expovariate(0.85)), 11)
    parts = [rng.choice(OPENERS)]
    for _ in range(n):
        parts.append(rng.choice(SENTENCES).format(
            p=rng.choice(PRODUCTS), p2=rng.choice(PRODUCTS), when=rng.choice(WHEN), state=rng.choice(STATES),
            dur=rng.choice(DURS), adj=rng.choice(ADJS), claim=rng.choice(CLAIMS), amt=rng.choice(AMTS),
            city=rng.choice(PLACES), o=rng.randrange(100000, 999999)))
    text = " ".join(p for p in parts if p)
    if rng.random() < 0.1:
        text += "\n\n" + rng.choice(["Sent from my phone", "Thanks, José", "-- Zoë", "Regards"])
    payload = {"text": text}
    if rng.random() < 0.3:
        payload["lang"] = rng.choice(["en", "en", "en", "de", "fr", "es"])
    if rng.random() < 0.2:
        payload["source"] = rng.choice(["app", "web", "email"])
    return payload, rng


def true_output(rng: random.Random, labels: list[str] | None):
    if labels is not None:
        return rng.choice(labels)
    word, level = rng.choice(WORDS)
    return {"word": word, "sentence": f"The {rng.choice(PRODUCTS)} was {word}, as the review said.", "level": level}


# ---------------------------------------------------------------------------
# Time line
# ---------------------------------------------------------------------------
def day_counts(n: int) -> list[int]:
    """n records over the days: weekends quieter, traffic growing ~3x over the 18 months."""
    weights = []
    for i in range(DAYS):
        w = 0.5 + 1.0 * i / (DAYS - 1)
        if (START + dt.timedelta(days=i)).weekday() >= 5:
            w *= 0.6
        weights.append(w)
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    for i in sorted(range(DAYS), key=lambda i: (-(exact[i] - counts[i]), i))[: n - sum(counts)]:
        counts[i] += 1
    return counts


def format_time(t: dt.datetime, style: int) -> str:
    """style 0: seconds, Z; 1: milliseconds, Z; 2: milliseconds, +02:00."""
    if style == 2:
        t = t.astimezone(PLUS2)
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}+02:00"
    if style == 1:
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Task:
    def __init__(self, no: int, n: int, spec):
        self.no = no
        self.name, share, self.prefix, family, self.labels, eras = spec
        self.models = MODELS[family]
        self.versions = [Version(self.name, self.labels, *era) for era in eras]
        self.pool = max(1, round(n * share / POOL_RATIO))
        self.width = max(6, len(str(self.pool)))

    def version_at(self, t: dt.datetime, rng: random.Random) -> Version:
        """The version in effect at t; in a rollout's first weeks some clients still send the previous one."""
        current = 0
        for i, v in enumerate(self.versions):
            if v.start <= t:
                current = i
        if current and t - self.versions[current].start < ROLLOUT and rng.random() < P_ROLLOUT:
            return self.versions[current - 1]
        return self.versions[current]

    def model_at(self, t: dt.datetime) -> str:
        return [m for start, m in self.models if start <= t][-1]


def generate(n: int, seed: int, out) -> None:
    rng = random.Random(seed)
    tasks = [Task(i, n, spec) for i, spec in enumerate(TASKS)]
    shares = [spec[1] for spec in TASKS]
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    write = out.write
    for day_no, count in enumerate(day_counts(n)):
        day = START + dt.timedelta(days=day_no)
        day_tag = day.strftime("%Y%m%d")
        stamps = []
        for _ in range(count):
            ms, r = rng.randrange(86_400_000), rng.random()
            style = 2 if r < P_PLUS2 else (0 if r < P_PLUS2 + P_SECONDS else 1)
            stamps.append((ms - ms % 1000 if style == 0 else ms, style))  # a clock of whole seconds
        stamps.sort()
        for ms, style in stamps:
            t = day + dt.timedelta(milliseconds=ms)
            task = tasks[rng.choices(range(len(tasks)), shares)[0]]
            idx = rng.randrange(task.pool)
            payload, input_rng = make_input(seed, task.no, idx)
            truth = true_output(input_rng, task.labels)
            rec: dict = {}
            if rng.random() < P_CALLER_ID:
                rec["id"] = f"req-{rng.getrandbits(64):016x}"
            rec["task"] = task.name
            rec["input_id"] = f"{task.prefix}-{idx:0{task.width}d}"
            rec["input"] = payload
            if rng.random() < P_HUMAN:
                rec["output"] = truth
                rec["created_at"] = format_time(t, style)
                rec["origin"] = "human"
                rec["annotator"] = f"ann-{rng.randrange(1, 9):02d}"
                rec["run"] = f"review-{day.strftime('%G-W%V')}"
                rec["meta"] = {"review_seconds": rng.randrange(4, 240), "queue": rng.choice(["gold", "disputed"])}
                write(dumps(rec) + "\n")
                continue
            version = task.version_at(t, rng)
            model = FALLBACK if rng.random() < P_FALLBACK else task.model_at(t)
            output = truth
            if rng.random() < version.p_wrong:
                output = rng.choice([x for x in task.labels if x != truth])
            r = rng.random()
            if r < P_PROMPT_BARE:
                prompt = version.bare
            elif r < P_PROMPT_BARE + P_PROMPT_TEXT:
                prompt = version.with_crlf if rng.random() < P_TEXT_CRLF else version.with_text
            else:
                prompt = version.with_sha
            rec["output"] = output
            rec["created_at"] = format_time(t, style)
            rec["model"] = model
            rec["prompt"] = prompt
            rec["params"] = version.params
            if rng.random() < 0.85:  # the rest came through the synchronous API, no batch
                rec["run"] = f"batch-{day_tag}-{task.name}-{rng.randrange(1, 4)}"
            tokens_in = version.tokens + len(payload["text"]) // 4 + rng.randrange(0, 9)
            tokens_out = rng.randrange(30, 90) if task.labels is None else rng.randrange(1, 5)
            price_in, price_out = PRICE[model]
            rec["meta"] = {
                "latency_ms": int(rng.lognormvariate(6.6 if model != FALLBACK else 6.1, 0.45)),
                "input_tokens": tokens_in,
                "output_tokens": tokens_out,
                "cost_usd": round((tokens_in * price_in + tokens_out * price_out) / 1e6, 8),
                "request_id": f"msg_{rng.getrandbits(96):024x}",
            }
            if rng.random() < 0.04:
                rec["meta"]["retries"] = rng.randrange(1, 4)
            write(dumps(rec) + "\n")


def write_prompts(folder: Path) -> None:
    """Templates (each version's current text) and prompts.lock (every text, oldest first)."""
    lock: dict[str, list[str]] = {}
    for no, spec in enumerate(TASKS):
        task = Task(no, 0, spec)
        for v in task.versions:
            path = folder / v.name / f"{v.version}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(v.text, encoding="utf-8", newline="\n")
            hashes = lock.setdefault(f"{v.name}@{v.version}", [])
            if v.sha256 not in hashes:
                hashes.append(v.sha256)
    lines = ["# curate.prompts.lock/1", "# Written by Benchmarks/generate-log.py, in the format of `curate prompts lock`."]
    lines += [f"{key} {sha}" for key in sorted(lock) for sha in lock[key]]
    (folder / "prompts.lock").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="generate-log.py", description="Write a deterministic log-shaped label corpus.")
    ap.add_argument("--records", type=int, default=10_000, metavar="N", help="number of records (default 10000)")
    ap.add_argument("--seed", type=int, default=17, metavar="S", help="random seed (default 17)")
    ap.add_argument("--output", default="-", metavar="PATH", help="JSON Lines file, '-' for stdout (default)")
    ap.add_argument("--prompts", type=Path, metavar="DIR",
                    help="also write the templates DIR/NAME/VERSION.txt and DIR/prompts.lock")
    args = ap.parse_args(argv)
    if args.records < 0 or args.seed < 0:
        ap.error("--records and --seed must be 0 or more")
    if args.prompts is not None:
        write_prompts(args.prompts)
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    try:
        out = sys.stdout if args.output == "-" else Path(args.output).open("w", encoding="utf-8", newline="\n")
        with out:
            generate(args.records, args.seed, out)
    except BrokenPipeError:  # the reader went away (`| head`): not an error for a generator
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stdout; quiet at exit
    except OSError as e:
        sys.exit(f"generate-log: cannot write {args.output}: {e.strerror}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Deterministic generator of synthetic LLM label records for `curate`.

Writes JSON Lines in the "Label records" format of the curate spec: one record
a line, in created_at order, streamed (flat memory, ~1M records a minute).
The same arguments always give byte-identical output.

The data tells a story: prompt versions that change by date (sentiment v1 is
noisy, v3 was edited in place), errors that are random on most inputs and
systematic on hard ones (sarcasm, multi-topic tickets), a model switch on
2026-08-15, a few fallback model labels, re-labelled inputs, a sprinkling of
human labels, and prompt fields that carry a hash, the full text, or only a
version label. With --gold it also writes the true labels of held-out inputs.
See scripts/README.md.

Standard library only (Python 3.11).
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

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parent
DEFAULT_PROMPTS = REPO_ROOT / "prompts"
# The text prompts/sentiment/v3.txt had before it was edited in place.
V3_ORIGINAL = SCRIPT_DIR / "sample" / "sentiment-v3-original.txt"

UTC = dt.timezone.utc
PLUS2 = dt.timezone(dt.timedelta(hours=2))
START = dt.datetime(2026, 6, 1, tzinfo=UTC)
END = dt.datetime(2026, 11, 1, tzinfo=UTC)  # exclusive
DAYS = (END - START).days  # 153
MODEL_SWITCH = dt.datetime(2026, 8, 15, tzinfo=UTC)

HAIKU = "claude-3-5-haiku-20241022"
SONNET = "claude-sonnet-4-5-20250929"
FALLBACK = "gpt-4o-mini-2024-07-18"

# Shares of LLM records by the shape of their `prompt` field.
P_PROMPT_TEXT = 0.10  # {"name","version","text"}
P_PROMPT_BARE = 0.05  # {"name","version"}: hash unknown, to be recovered
P_TEXT_CRLF = 0.25  # of the text-carrying ones: sent by a Windows client, CRLF
P_FALLBACK = 0.03
P_HUMAN = 0.01
P_CALLER_ID = 0.01
P_PLUS2 = 0.02  # created_at written with a +02:00 offset
P_MILLIS = 0.40  # created_at with millisecond precision
# Share of records that re-label an existing input (the rest are new inputs).
P_RELABEL = 0.32
P_RELABEL_FIRST_ERA = 0.15  # retries inside a task's very first era
MAX_APPEARANCES = 3
EVE = dt.timedelta(hours=2)  # the last hours before a new era, UTC


def d(y: int, m: int, day: int) -> dt.datetime:
    return dt.datetime(y, m, day, tzinfo=UTC)


# ---------------------------------------------------------------------------
# Tasks and prompt eras
# ---------------------------------------------------------------------------
# An era: (starts_at, version, template source, error model, params).
# Error model: (p_wrong on "hard" inputs, p_wrong on the others). Hard inputs
# are the sarcastic reviews / multi-topic tickets / profane-but-not-toxic
# comments the older prompts do not address. A wrong label on a hard input is
# systematic: the input's surface reading (sarcasm taken at its words, the
# topic a ticket mentions first, profanity taken for toxicity); a wrong label
# on any other input is a random confusion.
TASKS = {
    "sentiment": {
        "prefix": "rev",
        "labels": ["positive", "negative", "neutral"],
        "weights": [0.45, 0.37, 0.18],
        "eras": [
            (d(2026, 6, 1), "v1", "v1", (0.90, 0.27), {"temperature": 0.7, "max_tokens": 16}),
            (d(2026, 7, 1), "v2", "v2", (0.50, 0.060), {"temperature": 0, "max_tokens": 16}),
            (d(2026, 9, 1), "v3", "v3-original", (0.50, 0.025), {"temperature": 0, "max_tokens": 8}),
            (d(2026, 10, 1), "v3", "v3", (0.08, 0.037), {"temperature": 0, "max_tokens": 8}),
        ],
        "explicit_origin": False,
    },
    "intent": {
        "prefix": "tkt",
        "labels": ["billing", "shipping", "returns", "account", "other"],
        "weights": [0.25, 0.30, 0.20, 0.15, 0.10],
        "eras": [
            (d(2026, 6, 1), "v1", "v1", (0.75, 0.155), {"temperature": 0.3, "max_tokens": 16}),
            (d(2026, 9, 1), "v2", "v2", (0.15, 0.05), {"temperature": 0, "max_tokens": 12}),
        ],
        # This producer writes "origin":"llm" explicitly; the others omit it.
        "explicit_origin": True,
    },
    "toxicity": {
        "prefix": "cmt",
        "labels": ["non_toxic", "toxic"],
        "weights": [0.82, 0.18],
        "eras": [
            (d(2026, 6, 1), "v1", "v1", (0.80, 0.085), {"temperature": 0.2, "max_tokens": 8}),
            (d(2026, 8, 1), "v2", "v2", (0.12, 0.04), {"temperature": 0, "max_tokens": 8}),
        ],
        "explicit_origin": False,
    },
}
TASK_ORDER = ["sentiment", "intent", "toxicity"]
TASK_MIX = {1: [1.0], 2: [0.6, 0.4], 3: [0.5, 0.3, 0.2]}

# Likely confusions when a label is wrong: truth -> (wrong labels, weights).
CONFUSIONS = {
    "sentiment": {
        "positive": (["neutral", "negative"], [0.75, 0.25]),
        "negative": (["neutral", "positive"], [0.70, 0.30]),
        "neutral": (["positive", "negative"], [0.55, 0.45]),
    },
    "intent": {
        "billing": (["returns", "account", "other", "shipping"], [0.45, 0.25, 0.2, 0.1]),
        "shipping": (["returns", "other", "billing", "account"], [0.5, 0.3, 0.15, 0.05]),
        "returns": (["billing", "shipping", "other", "account"], [0.5, 0.3, 0.15, 0.05]),
        "account": (["billing", "other", "shipping", "returns"], [0.5, 0.4, 0.05, 0.05]),
        "other": (["shipping", "account", "billing", "returns"], [0.35, 0.3, 0.2, 0.15]),
    },
    "toxicity": {
        "non_toxic": (["toxic"], [1.0]),
        "toxic": (["non_toxic"], [1.0]),
    },
}


def load_template(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as e:
        sys.exit(f"generate-labels: cannot read prompt template {path}: {e.strerror}")
    return raw.decode("utf-8")


def prompt_sha256(text: str) -> str:
    """Identity of a prompt: SHA-256 of its UTF-8 text with CRLF turned to LF."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


class Era:
    __slots__ = ("start", "version", "text", "text_crlf", "sha256", "err_hard", "err_easy", "params", "tokens", "debt")

    def __init__(self, start, version, text, err, params):
        self.start = start
        self.version = version
        self.text = text.replace("\r\n", "\n")
        self.text_crlf = self.text.replace("\n", "\r\n")
        self.sha256 = prompt_sha256(text)
        self.err_hard, self.err_easy = err
        self.params = params
        self.tokens = len(self.text) // 4
        self.debt = [0.5, 0.5]  # accumulated error probability: [easy, hard]


def build_eras(task: str, prompts_dir: Path) -> list[Era]:
    eras = []
    for start, version, source, err, params in TASKS[task]["eras"]:
        if source == "v3-original":
            path = V3_ORIGINAL
        else:
            path = prompts_dir / task / f"{source}.txt"
        eras.append(Era(start, version, load_template(path), err, params))
    return eras


# ---------------------------------------------------------------------------
# Synthetic inputs. An input is a pure function of (seed, task, index), so a
# re-labelled input gets the very same text without keeping it in memory.
# ---------------------------------------------------------------------------
PRODUCTS = [
    "headphones", "coffee maker", "running shoes", "phone case", "blender", "backpack",
    "desk lamp", "yoga mat", "e-reader", "espresso machine", "air fryer", "rain jacket",
    "office chair", "water bottle", "smart watch", "throw blanket", "kettle", "webcam",
    "café table", "crème brûlée torch", "bluetooth speaker", "mechanical keyboard",
    "stand mixer", "hiking boots", "baby monitor", "vacuum cleaner", "frying pan",
]
DURATIONS = ["two days", "a week", "three weeks", "a month", "two months", "half a year"]
PEOPLE = ["my daughter", "my husband", "my wife", "my son", "a friend", "my mom", "Zoë", "José"]
CITIES = ["Zürich", "São Paulo", "Kraków", "Malmö", "Montréal", "Lyon", "Austin", "Leeds", "Osaka"]
EMOJI = ["👍", "😡", "🙂", "📦", "☕", "🔥", "😞", "⭐⭐⭐⭐⭐", "🤷"]
QUOTED = ["waterproof", "fast charging", "premium quality", "easy to clean", "next-day delivery", "one size fits all"]

SENT = {
    "positive": [
        "Really happy with the {p}, it does exactly what it promises.",
        "The {p} arrived early and works perfectly.",
        "Best {p} I've owned, and I've tried a few.",
        "Bought the {p} for {who} and they love it.",
        "Great value for the price, the {p} feels solid.",
        "Setup took five minutes and the {p} has been flawless for {dur}.",
        "Customer service replaced my {p} without any fuss. Impressed.",
        "Would buy this {p} again in a heartbeat.",
    ],
    "negative": [
        "The {p} stopped working after {dur}.",
        "Cheap materials, the {p} cracked on the first day.",
        "Returned the {p}, it was nothing like the photos.",
        "Support never answered my emails about the broken {p}.",
        "Way too loud and the {p} smells like burning plastic.",
        "Ordered the {p} for {who}, arrived scratched and missing parts.",
        "Do not buy this {p}, total waste of money.",
        "The {p} is flimsy and the strap broke within {dur}.",
    ],
    "neutral": [
        "The {p} is okay, nothing special.",
        "Does the {p} come with a charger or do I need to buy one?",
        "It's a {p}. It works, it's fine.",
        "Arrived on time. Haven't used the {p} much yet.",
        "Some things I like about the {p}, some I don't.",
        "The {p} is smaller than I expected, but it does the job.",
        "Bought the {p} as a gift for {who}, can't say how it performs.",
    ],
}
SARCASTIC = [
    "Oh great, the {p} broke after {dur}. Exactly what I wanted.",
    "Wow, {dur} for delivery. Truly world-class service.",
    "Love how the {p} dies the day after the warranty ends. Genius engineering.",
    "Fantastic, another {p} that only works when it feels like it.",
    "Five stars for teaching me patience, the {p} took {dur} to show up.",
]
SENT_TAILS = {
    "positive": ["Highly recommend!", "Worth every penny.", "Thanks!", "Love it."],
    "negative": ["Very disappointed.", "Avoid.", "Never again.", "Want my money back."],
    "neutral": ["We'll see how it holds up.", "Average.", "No strong feelings.", ""],
}

INTENT = {
    "billing": [
        "I was charged twice for order #{o}, please refund one of the payments.",
        "Why is there a {amt} fee on my invoice?",
        "My promo code didn't apply at checkout and I paid full price.",
        "Can I pay with PayPal instead of my credit card?",
        "The refund for order #{o} still hasn't shown up on my card statement.",
        "I need a VAT invoice for order #{o} for my company.",
    ],
    "shipping": [
        "My package hasn't arrived yet, tracking says \"in transit\" since {dur} ago.",
        "Order #{o} was marked delivered but there's nothing at my door.",
        "Can I change the delivery address for order #{o}? I moved to {city}.",
        "The parcel arrived crushed and the {p} inside is dented.",
        "Do you ship to {city}? The checkout won't accept my address.",
        "It's been {dur} and order #{o} still shows \"label created\".",
    ],
    "returns": [
        "How do I return the {p}? It's the wrong size.",
        "I'd like to exchange the {p} for a different color.",
        "The return label for order #{o} doesn't print, can you resend it?",
        "I sent the {p} back {dur} ago, when will I get my refund?",
        "Can I return a {p} that I bought on sale?",
    ],
    "account": [
        "I can't log in, the password reset email never arrives.",
        "Please delete my account and all my data.",
        "How do I change the email address on my account?",
        "Someone else's orders are showing in my account history.",
        "Unsubscribe me from the newsletter, I keep getting emails.",
    ],
    "other": [
        "Is the {p} compatible with 220V outlets?",
        "Do you have a physical store in {city}?",
        "What's the warranty on the {p}?",
        "Are you hiring for the warehouse in {city}?",
        "Will the {p} be back in stock before the holidays?",
    ],
}
# Tickets that mention one topic first and ask about another:
# (template, topic mentioned first, what the customer asks for: the true intent).
MULTI_TOPIC = [
    ("Order #{o} arrived late AND I paid for express shipping, please refund that fee.", "shipping", "billing"),
    ("I sent the {p} back {dur} ago but I can't log in to see the refund status.", "returns", "account"),
    ("The parcel came crushed and the {p} is dented, how do I return it for a new one?", "shipping", "returns"),
    ("I changed the email on my account and need the invoice for order #{o} sent again.", "account", "billing"),
    ("My card was charged for order #{o} {dur} ago and tracking still says nothing, where is it?", "billing", "shipping"),
    ("The password reset worked, thanks, but I still want to exchange the {p} for a bigger size.", "account", "returns"),
]
INTENT_TAILS = ["Thanks.", "Thank you!", "Please help.", "Regards, Zoë", "This is urgent.", "Cheers"]

TOX = {
    "non_toxic": [
        "The {p} is overpriced for what you get, honestly.",
        "Mine lasted {dur}, not great but not terrible.",
        "Has anyone tried the {p} with the newer firmware?",
        "Agree with the review above, the battery life is poor.",
        "Shipping to {city} took {dur}, just so people know.",
        "I think the older model of the {p} was better.",
        "Thanks for the detailed review, very helpful!",
    ],
    "toxic": [
        "Anyone who buys this {p} is an idiot, just like the reviewer above.",
        "Shut up, nobody asked for your stupid opinion.",
        "The support guy was a moron and you people are clowns.",
        "Go cry somewhere else, loser.",
        "You're too dumb to use a {p}, stop posting.",
    ],
}
PROFANE_NOT_TOXIC = [
    "This damn {p} broke again, what a piece of junk.",
    "Holy hell, {dur} to ship a {p}? Ridiculous company.",
    "Worst. Customer. Service. Ever. The {p} is garbage.",
]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        p=rng.choice(PRODUCTS),
        dur=rng.choice(DURATIONS),
        who=rng.choice(PEOPLE),
        city=rng.choice(CITIES),
        o=rng.randrange(100000, 999999),
        amt=rng.choice(["$4.99", "€3.50", "$12", "£2.99", "$0.99"]),
    )


def _decorate(rng: random.Random, text: str, tail: str) -> str:
    r = rng.random()
    if r < 0.08:
        text += f' The box literally said "{rng.choice(QUOTED)}".'
    elif r < 0.14:
        text += "\n" + tail if tail else "\n" + rng.choice(EMOJI)
        return text
    if tail and rng.random() < 0.6:
        text += " " + tail
    if rng.random() < 0.07:
        text += " " + rng.choice(EMOJI)
    return text


def make_input(seed: int, task_no: int, task: str, idx: int) -> tuple[str, str, str | None]:
    """(text, ground-truth label, surface label) of input number idx of a task.

    The surface label is what a prompt that does not address the input's
    difficulty answers: set for hard inputs only, None for the others.
    """
    rng = random.Random((seed << 40) ^ (task_no << 36) ^ idx)
    spec = TASKS[task]
    truth = rng.choices(spec["labels"], spec["weights"])[0]
    surface = None
    if task == "sentiment":
        if truth == "negative" and rng.random() < 0.12:
            surface = "positive"  # sarcasm read by its words
            text = _fill(rng, rng.choice(SARCASTIC))
        else:
            text = _fill(rng, rng.choice(SENT[truth]))
        if rng.random() < 0.25:
            pool = SENT["negative" if surface else truth]
            extra = rng.choice([x for x in pool if not text.startswith(x[:12])])
            text += " " + _fill(rng, extra)
        text = _decorate(rng, text, rng.choice(SENT_TAILS[truth]))
    elif task == "intent":
        if rng.random() < 0.08:
            template, surface, truth = rng.choice(MULTI_TOPIC)
            text = _fill(rng, template)
        else:
            text = _fill(rng, rng.choice(INTENT[truth]))
        if rng.random() < 0.4:
            text = rng.choice(["Hi,", "Hello,", "Hi team,", "Bonjour,", "Hey,"]) + " " + text
        text = _decorate(rng, text, rng.choice(INTENT_TAILS))
    else:
        if truth == "non_toxic" and rng.random() < 0.15:
            surface = "toxic"  # profanity about a product taken for an insult
            text = _fill(rng, rng.choice(PROFANE_NOT_TOXIC))
        else:
            text = _fill(rng, rng.choice(TOX[truth]))
        text = _decorate(rng, text, "")
    return text, truth, surface


def wrong_label(rng: random.Random, task: str, truth: str, surface: str | None) -> str:
    """A wrong answer for an input: its surface label when it is hard, else a likely confusion."""
    if surface is not None:
        return surface
    wrong, weights = CONFUSIONS[task][truth]
    return rng.choices(wrong, weights)[0]


# ---------------------------------------------------------------------------
# Time line
# ---------------------------------------------------------------------------
def day_counts(n: int) -> list[int]:
    """Split n records over the days: weekends quieter, traffic growing."""
    weights = []
    for i in range(DAYS):
        day = START + dt.timedelta(days=i)
        w = 0.8 + 0.4 * i / (DAYS - 1)
        if day.weekday() >= 5:
            w *= 0.6
        weights.append(w)
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    # Largest remainder, ties broken by day index: deterministic.
    order = sorted(range(DAYS), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def format_time(t: dt.datetime, style: int) -> str:
    """style 0: seconds, Z; 1: milliseconds, Z; 2: +02:00 offset."""
    if style == 2:
        local = t.astimezone(PLUS2)
        if t.microsecond:
            return local.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}+02:00"
        return local.strftime("%Y-%m-%dT%H:%M:%S+02:00")
    if style == 1:
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------
class TaskState:
    def __init__(self, name: str, task_no: int, eras: list[Era]):
        self.name = name
        self.task_no = task_no
        self.prefix = TASKS[name]["prefix"]
        self.labels = TASKS[name]["labels"]
        self.explicit_origin = TASKS[name]["explicit_origin"]
        self.eras = eras
        self.seen = bytearray()  # appearances of each input, by index
        # Inputs created before the newest prompt-era or model change: the
        # pool a re-labelling job draws from.
        self.boundary = 0
        self.boundary_time = START
        self.changes = sorted({e.start for e in eras[1:]} | {MODEL_SWITCH})

    def near_era_change(self, t: dt.datetime) -> bool:
        return any(dt.timedelta(0) < e.start - t <= EVE for e in self.eras[1:])

    def era_at(self, t: dt.datetime) -> Era:
        era = self.eras[0]
        for e in self.eras:
            if e.start <= t:
                era = e
        return era

    def advance(self, t: dt.datetime) -> None:
        while self.changes and self.changes[0] <= t:
            self.boundary_time = self.changes.pop(0)
            self.boundary = len(self.seen)

    def input_id(self, idx: int) -> str:
        return f"{self.prefix}-{idx + 1:06d}"


def generate(n: int, seed: int, ntasks: int, prompts_dir: Path, out) -> list[int]:
    """Writes n label records to out; returns how many inputs of each task they label."""
    rng = random.Random(seed)
    names = TASK_ORDER[:ntasks]
    states = [TaskState(name, i, build_eras(name, prompts_dir)) for i, name in enumerate(names)]
    mix = TASK_MIX[ntasks]
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    write = out.write

    for day_no, count in enumerate(day_counts(n)):
        day = START + dt.timedelta(days=day_no)
        day_tag = day.strftime("%Y%m%d")
        week_tag = day.strftime("%G-W%V")
        stamps = []
        for _ in range(count):
            ms = rng.randrange(86_400_000)
            style = 2 if rng.random() < P_PLUS2 else (1 if rng.random() < P_MILLIS else 0)
            if style == 0 or (style == 2 and rng.random() < 0.5):
                ms -= ms % 1000  # second precision: the clock really is whole seconds
            stamps.append((ms, style))
        stamps.sort()
        for ms, style in stamps:
            t = day + dt.timedelta(milliseconds=ms)
            st = states[rng.choices(range(ntasks), mix)[0] if ntasks > 1 else 0]
            st.advance(t)
            if style != 2 and st.near_era_change(t):
                # Late on the eve of a new prompt era, a client in UTC+2
                # writes a local date that already belongs to the next era.
                style = 2
            created_at = format_time(t, style)
            rec: dict = {}
            if rng.random() < P_CALLER_ID:
                rec["id"] = f"req-{rng.getrandbits(64):016x}"

            seen = st.seen
            if seen and rng.random() < P_HUMAN:
                # A human annotator reviews an input that already has LLM labels.
                idx = rng.randrange(len(seen))
                text, truth, _ = make_input(seed, st.task_no, st.name, idx)
                rec["task"] = st.name
                rec["input_id"] = st.input_id(idx)
                rec["input"] = {"text": text}
                rec["output"] = truth
                rec["origin"] = "human"
                rec["annotator"] = f"ann-{rng.randrange(1, 6)}"
                rec["created_at"] = created_at
                rec["run"] = f"review-{week_tag}-{st.name}"
                rec["meta"] = {"review_seconds": rng.randrange(4, 90)}
                write(dumps(rec) + "\n")
                continue

            # New input, or a re-label of an input from before the latest
            # prompt or model change.
            idx = -1
            p_relabel = P_RELABEL if st.boundary else P_RELABEL_FIRST_ERA
            if seen and rng.random() < p_relabel:
                pool = st.boundary or len(seen)
                for _ in range(8):
                    j = rng.randrange(pool)
                    if seen[j] < MAX_APPEARANCES:
                        idx = j
                        seen[j] += 1
                        break
            if idx < 0:
                idx = len(seen)
                seen.append(1)
            text, truth, surface = make_input(seed, st.task_no, st.name, idx)
            hard = surface is not None

            era = st.era_at(t)
            r = rng.random()
            if r < P_FALLBACK:
                model = FALLBACK
            else:
                model = HAIKU if t < MODEL_SWITCH else SONNET
            p_wrong = era.err_hard if hard else era.err_easy
            if model == FALLBACK:
                p_wrong = min(1.0, p_wrong + 0.05)
            # Error diffusion rather than a coin flip per record: each era's
            # error rate holds even in a 3000-record sample, so the story is
            # the same at every size.
            slot = 1 if hard else 0
            era.debt[slot] += p_wrong
            if era.debt[slot] >= 1.0:
                era.debt[slot] -= 1.0
                output = wrong_label(rng, st.name, truth, surface)
            else:
                output = truth

            r = rng.random()
            if r < P_PROMPT_BARE:
                prompt = {"name": st.name, "version": era.version}
            elif r < P_PROMPT_BARE + P_PROMPT_TEXT:
                crlf = rng.random() < P_TEXT_CRLF
                prompt = {"name": st.name, "version": era.version, "text": era.text_crlf if crlf else era.text}
            else:
                prompt = {"name": st.name, "version": era.version, "sha256": era.sha256}

            rec["task"] = st.name
            rec["input_id"] = st.input_id(idx)
            rec["input"] = {"text": text}
            rec["output"] = output
            if st.explicit_origin:
                rec["origin"] = "llm"
            rec["created_at"] = created_at
            rec["model"] = model
            rec["prompt"] = prompt
            rec["params"] = era.params
            rec["run"] = f"run-{day_tag}-{st.name}"
            if model == FALLBACK:
                latency = rng.randrange(280, 900)
            elif model == HAIKU:
                latency = rng.randrange(350, 1100)
            else:
                latency = rng.randrange(700, 2600)
            rec["meta"] = {
                "latency_ms": latency,
                "input_tokens": era.tokens + len(text) // 4 + rng.randrange(0, 6),
                "output_tokens": rng.randrange(1, 4),
            }
            write(dumps(rec) + "\n")
    return [len(st.seen) for st in states]


# ---------------------------------------------------------------------------
# Gold labels for held-out inputs
# ---------------------------------------------------------------------------
# Gold inputs are numbered from here, far above any labelled input's number,
# so they come from the same distribution but are other inputs.
GOLD_BASE = 1 << 35
GOLD_TRIES = 50  # candidates per gold input before giving up on distinct texts


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()


def write_gold(seed: int, labelled: list[int], per_task: int, out) -> None:
    """Writes per_task gold labels of each task for inputs the label records never show.

    A gold input has its own input id and a text that no labelled input of its
    task has (the templates repeat texts under other ids) and no other gold
    input has. `hard` marks the hard inputs, whose labels the noisy eras get
    wrong systematically.
    """
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for task_no, count in enumerate(labelled):
        task = TASK_ORDER[task_no]
        seen = {text_key(make_input(seed, task_no, task, idx)[0]) for idx in range(count)}
        written = 0
        for k in range(per_task * GOLD_TRIES):
            if written == per_task:
                break
            text, truth, surface = make_input(seed, task_no, task, GOLD_BASE + k)
            key = text_key(text)
            if key in seen:
                continue
            seen.add(key)
            written += 1
            record = {
                "task": task,
                "input_id": f"{TASKS[task]['prefix']}-gold-{written:06d}",
                "input": {"text": text},
                "label": truth,
                "hard": surface is not None,
            }
            out.write(dumps(record) + "\n")
        if written < per_task:
            print(
                f"generate-labels: {task}: only {written} of {per_task} gold inputs have a text no labelled input has",
                file=sys.stderr,
            )


def open_output(path: str):
    """A UTF-8 text stream with LF line ends to path, '-' for stdout; exits when it cannot."""
    if path == "-":
        return open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n", buffering=1 << 20, closefd=False)
    try:
        return open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)
    except OSError as e:
        sys.exit(f"generate-labels: cannot write {path}: {e.strerror}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="generate-labels.py",
        description="Write deterministic synthetic LLM label records (JSON Lines) for curate.",
    )
    ap.add_argument("--records", type=int, default=3000, metavar="N", help="number of records (default 3000)")
    ap.add_argument("--seed", type=int, default=7, metavar="S", help="random seed (default 7)")
    ap.add_argument("--output", default="-", metavar="PATH", help="output file, '-' for stdout (default)")
    ap.add_argument(
        "--prompts", type=Path, default=DEFAULT_PROMPTS, metavar="DIR",
        help="prompt templates folder, NAME/VERSION.txt (default: prompts/ at the repo root)",
    )
    ap.add_argument(
        "--tasks", type=int, default=2, choices=[1, 2, 3],
        help="1: sentiment; 2: + intent (default); 3: + toxicity",
    )
    ap.add_argument(
        "--gold", metavar="PATH",
        help="also write gold labels of held-out inputs (JSON Lines: task, input_id, input, label, hard) to PATH",
    )
    ap.add_argument(
        "--gold-inputs", type=int, default=5000, metavar="N",
        help="gold inputs per task (default 5000)",
    )
    args = ap.parse_args(argv)
    if args.gold_inputs < 0:
        ap.error("--gold-inputs must be 0 or more")
    if args.records < 0:
        ap.error("--records must be 0 or more")
    if args.seed < 0:
        ap.error("--seed must be 0 or more")

    out = open_output(args.output)
    gold = None if args.gold is None else open_output(args.gold)
    try:
        labelled = generate(args.records, args.seed, args.tasks, args.prompts, out)
        out.close()
        if gold is not None:
            write_gold(args.seed, labelled, args.gold_inputs, gold)
            gold.close()
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error for a generator.
        # Point stdout at /dev/null so the interpreter's final flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

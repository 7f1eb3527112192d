#!/usr/bin/env bash
# Does leaving the noisy prompt era out help? From a fresh workspace (a clone of this repository,
# for the prompts' git history): ingest the sample, place the labels sent without a hash
# (backfill), export `everything` and `clean` (--exclude-prompt v1), run the regeneration loop
# (stale -> scripts/play-llm.py -> ingest) and export `regenerated`; then train TF-IDF + logistic
# regression on each and score them on gold labels of held-out inputs (examples/train.py).
#
#   examples/compare.sh [--records N] [--tasks K] [--seed S] [--check MARGIN]
#
# The sample and the gold labels come from scripts/generate-labels.py with the given arguments
# (default: the shipped sample, examples/labels.jsonl, which must equal what the generator makes
# now). --check MARGIN exits 1 unless `clean` beats `everything` by MARGIN points of accuracy and
# macro-F1 on every task. CURATE names the curate binary (default: curate on PATH), PYTHON the
# Python with scikit-learn and pyarrow (default: python3).
set -euo pipefail

usage() { echo "usage: examples/compare.sh [--records N] [--tasks K] [--seed S] [--check MARGIN]"; }
records=3000 tasks=2 seed=7 check=()
while [ $# -gt 0 ]; do
    case "$1" in
        --records | --tasks | --seed | --check)
            [ $# -ge 2 ] || { echo "compare.sh: $1 needs a value" >&2; usage >&2; exit 2; }
            case "$1" in
                --records) records=$2 ;; --tasks) tasks=$2 ;; --seed) seed=$2 ;; --check) check=(--check "$2") ;;
            esac
            shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "compare.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
curate=$(command -v "${CURATE:-curate}") || { echo "compare.sh: no curate binary (${CURATE:-curate}); build it and put it on PATH, or set CURATE" >&2; exit 2; }
case "$curate" in /*) ;; *) curate="$PWD/$curate" ;; esac  # the steps run in another folder
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { echo "compare.sh: $*" >&2; }

step "generating $records records ($tasks tasks, seed $seed) and gold labels"
"$python" "$repo/scripts/generate-labels.py" --records "$records" --tasks "$tasks" --seed "$seed" \
    --output "$work/labels.jsonl" --gold "$work/gold.jsonl"
if [ "$records $tasks $seed" = "3000 2 7" ] && ! cmp -s "$work/labels.jsonl" "$repo/examples/labels.jsonl"; then
    echo "compare.sh: examples/labels.jsonl is not what scripts/generate-labels.py makes now;" \
        "regenerate it: python3 scripts/generate-labels.py --output examples/labels.jsonl" >&2
    exit 1
fi

git clone --quiet "$repo" "$work/workspace"
cd "$work/workspace"
options="--format parquet --split train=0.8,validation=0.1,test=0.1 --split-key input --force"
step "curate init, ingest, backfill --from-git"
"$curate" init >/dev/null
"$curate" ingest "$work/labels.jsonl" >/dev/null
"$curate" backfill --from-git >/dev/null
step "curate export everything, clean (--exclude-prompt v1)"
"$curate" export everything $options >/dev/null
"$curate" export clean --exclude-prompt v1 $options >/dev/null
step "curate stale | play-llm.py | curate ingest -; curate export regenerated"
"$curate" stale | "$python" "$repo/scripts/play-llm.py" --seed "$seed" | "$curate" ingest - >/dev/null
"$curate" export regenerated --exclude-prompt v1 $options >/dev/null

"$python" "$repo/examples/train.py" datasets/everything datasets/clean datasets/regenerated \
    --gold "$work/gold.jsonl" "${check[@]}"

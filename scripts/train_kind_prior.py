"""Fit config/kind_prior.json: which kind of document officers' wording points to.

Reads question sets in the eval format and labels each answerable question "law" when its
first gold place is a regulation article (it names a ``pasal``), "guide" otherwise. The
features need the index vocabulary (stems of the normalised question), so run it against an
index of the documents the sets were written on (``make kind-prior`` does both):

    KPPS_CORPUS_DIR=../shared/corpus KPPS_DATA_DIR=data/eval python -m ingest --quiet
    KPPS_DATA_DIR=data/eval python scripts/train_kind_prior.py

Never fit on a set used to judge the result: the dev set and the held-out project sets
(probe7, probe9) stay out. ``--check`` measures instead of writing: each set is answered with
a model fitted on the other sets only, beside no prior at all (strict hit@1 / hit@3, and how
often the model names the kind of the gold document).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine import AnswerEngine
from bot.evaluate import evaluate, gold_places
from knowledge.kind_prior import KindPrior, fit, question_features
from knowledge.settings import Settings

TRAINING_SETS = [
    "eval/probe.jsonl",
    "eval/probe2.jsonl",
    "eval/probe3.jsonl",
    "eval/probe4.jsonl",
    "eval/probe5.jsonl",
    "eval/probe6.jsonl",
    "eval/probe8.jsonl",
    "eval/probe11.jsonl",
    "eval/probe12.jsonl",
    "eval/probe13.jsonl",
    "eval/probe14.jsonl",
    "eval/probe15.jsonl",
    "eval/probe16.jsonl",
    "eval/probe17.jsonl",
    "eval/probe18.jsonl",
    "eval/probe19.jsonl",
    "eval/probe20.jsonl",
    "eval/probe21.jsonl",
    "eval/probe22.jsonl",
    "eval/probe23.jsonl",
    "eval/probe24.jsonl",
    "eval/probe25.jsonl",
    "eval/probe26.jsonl",
    "eval/probe27.jsonl",
    "eval/probe28.jsonl",
    "eval/probe31.jsonl",
    "eval/probe32.jsonl",
    "eval/probe33.jsonl",
    "eval/probe34.jsonl",
    "eval/probe35.jsonl",
    "eval/probe36.jsonl",
]
Example = tuple[set[str], bool]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("sets", nargs="*", default=TRAINING_SETS)
    parser.add_argument("--output", type=Path, default=Path("config/kind_prior.json"))
    parser.add_argument("--check", action="store_true", help="leave-one-set-out figures")
    args = parser.parse_args()
    engine = AnswerEngine.open(Settings())
    if engine.retriever is None:
        sys.exit("Indeks belum ada: jalankan python -m ingest dulu.")
    questions = {name: _read(Path(name)) for name in args.sets}
    examples = {name: _examples(engine, rows) for name, rows in questions.items()}
    if args.check:
        _check(engine, questions, examples)
        return
    model = fit(example for rows in examples.values() for example in rows)
    model.save(args.output, trained_on=list(args.sets))
    count = sum(len(rows) for rows in examples.values())
    print(f"{args.output}: {len(model.weights)} fitur dari {count} pertanyaan")


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _examples(engine: AnswerEngine, rows: list[dict[str, Any]]) -> list[Example]:
    assert engine.retriever is not None
    vocabulary = engine.retriever.vocabulary
    return [
        (
            question_features(engine.normalizer.normalize(row["question"], vocabulary)),
            bool(gold_places(row["gold"])[0].get("pasal")),
        )
        for row in rows
        if row.get("answerable", True) and row.get("gold")
    ]


def _check(
    engine: AnswerEngine,
    questions: dict[str, list[dict[str, Any]]],
    examples: dict[str, list[Example]],
) -> None:
    totals = [0.0] * 5
    for held, rows in questions.items():
        model = fit(e for name, others in examples.items() if name != held for e in others)
        right = sum((model.share(f) > 0.5) == is_law for f, is_law in examples[held])
        figures = []
        for prior in (KindPrior(), model):
            engine.kind_prior = prior
            strict = evaluate(engine, rows)["strict"]
            figures += [strict["hit@1"], strict["hit@3"]]
        n = len(examples[held])
        totals = [t + v * n for t, v in zip(totals, [*figures, right / n], strict=True)]
        print(
            f"{held}: tanpa prior {figures[0]:.3f} / {figures[1]:.3f}, "
            f"dengan prior {figures[2]:.3f} / {figures[3]:.3f}, jenis tepat {right}/{n}"
        )
    n = sum(len(rows) for rows in examples.values())
    print(
        f"semua ({n}): tanpa prior hit@1 {totals[0] / n:.3f} hit@3 {totals[1] / n:.3f}; "
        f"dengan prior hit@1 {totals[2] / n:.3f} hit@3 {totals[3] / n:.3f}; "
        f"jenis tepat {totals[4] / n:.3f}"
    )


if __name__ == "__main__":
    main()

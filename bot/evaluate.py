"""``python -m bot eval``: retrieval and abstention quality on a labelled question set.

Scoring follows ../shared/eval/README.md: a result hits when its file matches and, for a
regulation, its Pasal matches in the body; for a guide, when its pages overlap. *strict*
counts the gold places only, *lenient* also ``also_accept``.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from bot.engine import Answer, AnswerEngine


def _hits(result: dict[str, Any], places: list[dict[str, Any]]) -> bool:
    for place in places:
        if Path(result["source"]).name != Path(place["file"]).name:
            continue
        if "pasal" in place and place.get("pasal") is not None:
            if result["part"] == "body" and str(result["pasal"]) == str(place["pasal"]):
                return True
        elif set(result["pages"]) & set(place.get("pages", [])):
            return True
    return False


def gold_places(value: Any) -> list[dict[str, Any]]:
    """A ``gold`` or ``also_accept`` field as a list of places: the eval README writes one
    place as an object, dev.jsonl a list of them; an unanswerable question has none."""
    if not value:
        return []
    return [value] if isinstance(value, dict) else list(value)


def _rank(results: list[dict[str, Any]], places: list[dict[str, Any]]) -> int | None:
    for rank, result in enumerate(results[:10], 1):
        if _hits(result, places):
            return rank
    return None


def _results(answer: Answer) -> list[dict[str, Any]]:
    return [
        {
            "source": p.chunk.source,
            "pasal": p.chunk.pasal,
            "part": p.chunk.part,
            "pages": list(p.chunk.pages),
        }
        for p in answer.results
    ]


def evaluate(engine: AnswerEngine, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Metrics over the question set, with the misses listed per topic."""
    strict: list[int | None] = []
    lenient: list[int | None] = []
    abstain_ok = abstain_total = false_abstain = 0
    latencies: list[float] = []
    misses: dict[str, list[str]] = defaultdict(list)
    for item in questions:
        answer = engine.answer(item["question"])
        latencies.append(answer.latency_ms)
        if not item.get("answerable", True):
            abstain_total += 1
            abstain_ok += answer.abstained
            if not answer.abstained:
                misses[item.get("topic", "?")].append(f"{item['id']}: tidak abstain")
            continue
        false_abstain += answer.abstained
        results = _results(answer)
        gold = gold_places(item.get("gold"))
        rank = _rank(results, gold)
        strict.append(rank)
        lenient.append(_rank(results, gold + gold_places(item.get("also_accept"))))
        if rank is None or rank > 3:
            top = results[0] if results else {}
            misses[item.get("topic", "?")].append(
                f"{item['id']}: rank={rank} top={Path(top.get('source', '-')).name} "
                f"pasal={top.get('pasal')} pages={top.get('pages')} | {item['question']}"
            )
    answerable = len(strict)

    def at(ranks: list[int | None], k: int) -> float:
        return sum(1 for r in ranks if r is not None and r <= k) / max(1, len(ranks))

    def mrr(ranks: list[int | None]) -> float:
        return sum(1 / r for r in ranks if r) / max(1, len(ranks))

    ordered = sorted(latencies)
    return {
        "questions": len(questions),
        "answerable": answerable,
        "strict": {
            "hit@1": at(strict, 1),
            "hit@3": at(strict, 3),
            "hit@5": at(strict, 5),
            "mrr": mrr(strict),
        },
        "lenient": {
            "hit@1": at(lenient, 1),
            "hit@3": at(lenient, 3),
            "hit@5": at(lenient, 5),
            "mrr": mrr(lenient),
        },
        "abstention_recall": abstain_ok / max(1, abstain_total),
        "false_abstention": false_abstain / max(1, answerable),
        "latency_ms": {
            "p50": statistics.median(ordered) if ordered else 0.0,
            "p95": ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0,
        },
        "misses": dict(misses),
    }


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _ranks(m: dict[str, float]) -> str:
    return "  ".join(f"{k} {m[k]:.3f}" for k in ("hit@1", "hit@3", "hit@5", "mrr"))


def format_report(name: str, metrics: dict[str, Any], show_misses: bool = True) -> str:
    s, le = metrics["strict"], metrics["lenient"]
    lines = [
        f"== {name} ({metrics['questions']} pertanyaan, {metrics['answerable']} dapat dijawab)",
        "strict : " + _ranks(s),
        "lenient: " + _ranks(le),
        f"abstain recall {metrics['abstention_recall']:.3f}  "
        f"false abstention {metrics['false_abstention']:.3f}",
        f"latency p50 {metrics['latency_ms']['p50']:.1f} ms  "
        f"p95 {metrics['latency_ms']['p95']:.1f} ms",
    ]
    if show_misses:
        for topic, items in sorted(metrics["misses"].items()):
            lines.append(f"-- {topic}:")
            lines += [f"   {m}" for m in items]
    return "\n".join(lines)

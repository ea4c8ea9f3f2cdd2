"""``python -m bot batch``: answer a JSONL file of questions in the stable batch form."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.engine import Answer, AnswerEngine
from bot.render_text import render_text


def result_json(answer: Answer) -> dict[str, Any]:
    """One output line (DESIGN.md): results ranked best first, at least 5 when available."""
    return {
        "abstained": answer.abstained,
        "answer": render_text(answer),
        "latency_ms": round(answer.latency_ms, 2),
        "results": [
            {
                "source": p.chunk.source,
                "pasal": p.chunk.pasal,
                "ayat": p.chunk.ayat,
                "part": p.chunk.part,
                "pages": list(p.chunk.pages) if p.chunk.source.lower().endswith(".pdf") else [],
                "citation": p.chunk.citation,
                "in_force": p.chunk.in_force,
                "score": round(p.score, 5),
            }
            for p in answer.results
        ],
    }


def run_batch(engine: AnswerEngine, input_path: Path, output_path: Path) -> int:
    """Answer every line; a malformed line gets an error line instead of stopping the run."""
    count = 0
    with (
        input_path.open(encoding="utf-8") as source,
        output_path.open("w", encoding="utf-8") as out,
    ):
        for number, line in enumerate(source, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                question = str(item["question"])
            except (ValueError, KeyError, TypeError) as error:
                out.write(json.dumps({"id": None, "line": number, "error": str(error)}) + "\n")
                continue
            row = {"id": item.get("id"), **result_json(engine.answer(question))}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count

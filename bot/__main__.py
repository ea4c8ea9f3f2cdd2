"""``python -m bot``: serve (Telegram), ask, chat, batch, eval."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.settings import Settings

if TYPE_CHECKING:
    from bot.engine import AnswerEngine


def _engine(settings: Settings, **kwargs: Any) -> AnswerEngine:
    from bot.engine import AnswerEngine

    engine = AnswerEngine(settings, **kwargs)
    if not engine.ready:
        print(
            f"Indeks belum ada di {settings.index_path}. Letakkan dokumen di "
            f"{settings.corpus_dir} (atau setel KPPS_CORPUS_DIR) lalu jalankan `python -m ingest`.",
            file=sys.stderr,
        )
    return engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Tanya KPPS")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="jalankan bot Telegram")
    ask = sub.add_parser("ask", help="jawab satu pertanyaan di konsol")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="cetak bentuk batch (JSON)")
    sub.add_parser("chat", help="percakapan di konsol (untuk admin mencoba bot)")
    batch = sub.add_parser("batch", help="jawab berkas JSONL")
    batch.add_argument("--input", type=Path, required=True)
    batch.add_argument("--output", type=Path, required=True)
    evaluation = sub.add_parser("eval", help="ukur mutu pada set pertanyaan berlabel")
    evaluation.add_argument("--questions", type=Path, required=True)
    evaluation.add_argument("--compare", action="store_true", help="juga BM25 saja / dense saja")
    evaluation.add_argument("--json", type=Path, help="tulis metrik ke berkas JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.command == "serve" else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    settings = Settings()

    if args.command == "serve":
        from bot.telegram_app import run

        run(settings)
        return 0
    if args.command == "ask":
        from bot.batch import result_json
        from bot.render_text import render_text

        answer = _engine(settings).answer(args.question)
        if args.json:
            print(json.dumps(result_json(answer), ensure_ascii=False, indent=1))
        else:
            print(render_text(answer))
        return 0
    if args.command == "chat":
        from bot.render_text import render_text

        engine = _engine(settings)
        print("Tanya KPPS — ketik pertanyaan, atau 'keluar' untuk selesai.")
        earlier = ""  # "jam brp?" after a question is read with it, as in Telegram
        while True:
            try:
                question = input("\n> ").strip()
            except EOFError:
                return 0
            if question.lower() in {"keluar", "exit", "quit"}:
                return 0
            if question:
                answer = engine.answer(question, earlier)
                earlier = answer.thread or earlier
                print(render_text(answer))
    if args.command == "batch":
        from bot.batch import run_batch

        count = run_batch(_engine(settings), args.input, args.output)
        print(f"{count} pertanyaan dijawab → {args.output}", file=sys.stderr)
        return 0
    if args.command == "eval":
        from bot.evaluate import evaluate, format_report, load_questions

        questions = load_questions(args.questions)
        variants: list[tuple[str, dict[str, Any]]] = [("final", {})]
        if args.compare:
            variants = [
                ("BM25 saja", {"mode": "keyword"}),
                ("dense saja", {"mode": "dense"}),
                ("hybrid tanpa normalisasi", {"normalize": False}),
                ("final", {}),
            ]
        all_metrics = {}
        for name, kwargs in variants:
            metrics = evaluate(_engine(settings, **kwargs), questions)
            all_metrics[name] = metrics
            print(format_report(name, metrics, show_misses=name == "final"))
        if args.json:
            args.json.write_text(
                json.dumps(all_metrics, indent=1, ensure_ascii=False), encoding="utf-8"
            )
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())

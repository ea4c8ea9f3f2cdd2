"""Load benchmark of the Telegram front: many officers asking at once, through a Bot API server.

Runs the production application (``bot.telegram_app.build_application``, with its rate limiter
and retry wrapper) and the real engine against the local Bot API server of the end-to-end tests.
Each simulated officer has their own private chat, asks a question, waits for the reply, thinks
for a moment, and asks the next one. End-to-end latency is measured from the moment an update is
queued on the server to the moment the bot's ``sendMessage`` for it reaches the server, so it
includes long polling, the handler, the engine, SQLite and Telegram's flood limiter (30
messages/s overall), exactly as an officer would feel it apart from the network to Telegram.

Index: ``KPPS_INDEX_DIR`` if it holds an index, else one built (incrementally, under
``data/bench-index``) from ``../shared/corpus`` when present, else from the fixture corpus.

    .venv/bin/python scripts/bench_telegram_load.py [--officers 100] [--questions 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import AnswerEngine  # noqa: E402
from bot.records import Records  # noqa: E402
from bot.telegram_app import build_application  # noqa: E402
from ingest.pipeline import run_ingest  # noqa: E402
from knowledge.index import current_generation_dir  # noqa: E402
from knowledge.settings import Settings  # noqa: E402
from tests.botapi_server import (  # noqa: E402
    ApiCall,
    BotApiServer,
    start_application,
    stop_application,
)

# Questions written for this benchmark in the way officers type them (not the evaluation set).
QUESTIONS = [
    "jam berapa tps mulai dibuka",
    "tps tutup jam brp",
    "kotak suara dibuka kapan dan di depan siapa",
    "kalo surat suara kecoret sebelum dicoblos gmn",
    "pemilih salah coblos boleh minta surat suara baru?",
    "berapa kali boleh ganti surat suara yg rusak",
    "tinta dicelup ke jari yg mana",
    "tinta ditaruh dimana di tps",
    "yg boleh masuk tps siapa aja",
    "saksi paslon wajib bawa surat mandat ga",
    "pemilih disabilitas boleh dibantu siapa",
    "pendamping pemilih tunanetra harus isi formulir apa",
    "kpps ada berapa orang",
    "tugas ketua kpps apa aja",
    "sebelum pemungutan suara kpps ngapain dulu",
    "surat suara dihitung sebelum dipake ga",
    "pemilih yg ga ada di dpt boleh nyoblos?",
    "ktp el wajib dibawa ga",
    "pemilih pindahan bisa nyoblos di tps lain gmn caranya",
    "kapan penghitungan suara dimulai",
    "surat suara sah itu yg kayak gimana",
    "coblos tembus ke dua kolom sah ga",
    "surat suara tidak sah apa saja contohnya",
    "hasil hitung ditulis di formulir apa",
    "salinan hasil dikasih ke siapa aja",
    "kalo ada keberatan saksi pas hitung suara gmn",
    "kapan harus pemungutan suara ulang",
    "tps didirikan di rumah ibadah boleh ga",
    "ukuran tps minimal berapa",
    "surat suara sisa diapain setelah selesai",
    "kotak suara disegel pake apa",
    "boleh foto surat suara di bilik ga",
    "pemilih datang jam 1 siang masih boleh milih?",
    "pengawas tps tugasnya apa",
    "kalau listrik mati pas penghitungan gimana",
    "daftar hadir pemilih ditandatangani siapa",
    "undangan memilih dibagikan kapan",
    "pasal 91 isinya apa",
    "kpps boleh pake atribut paslon ga",
    "pemantau boleh masuk tps ga",
]


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    lost: int = 0
    rate_limited: int = 0
    answered: int = 0
    abstained: int = 0
    errors: Counter[str] = field(default_factory=Counter)


class ErrorCounter(logging.Handler):
    """Counts ERROR log records (handler failures go to the log via the error handler)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def prepare_index(work: Path) -> Settings:
    env = Settings()
    if env.index_dir is not None and current_generation_dir(env.index_dir) is not None:
        print(f"index: {env.index_dir} (KPPS_INDEX_DIR)")
        return env.model_copy(update={"data_dir": work})
    shared = ROOT.parent / "shared" / "corpus"
    corpus = shared if shared.is_dir() else ROOT / "tests" / "fixtures" / "corpus"
    settings = env.model_copy(
        update={
            "corpus_dir": corpus,
            "data_dir": work,
            "index_dir": ROOT / "data" / "bench-index" / corpus.parent.name,
        }
    )
    started = time.perf_counter()
    report = run_ingest(settings)
    print(f"index: {settings.index_path} from {corpus} ({time.perf_counter() - started:.1f} s)")
    print("  " + report.summary_id().replace("\n", "\n  "))
    return settings


async def officer(
    server: BotApiServer,
    user_id: int,
    questions: list[str],
    waiters: dict[int, asyncio.Future[ApiCall]],
    results: Results,
    think: tuple[float, float],
    rng: random.Random,
    timeout: float,
) -> None:
    for question in questions:
        await asyncio.sleep(rng.uniform(*think))
        future: asyncio.Future[ApiCall] = asyncio.get_running_loop().create_future()
        waiters[user_id] = future
        queued = time.perf_counter()  # the server's clock: queuing is synchronous
        server.send_text(user_id, question)
        try:
            call = await asyncio.wait_for(future, timeout)
        except TimeoutError:
            results.lost += 1
            continue
        finally:
            waiters.pop(user_id, None)
        results.latencies.append(call.at - queued)
        text = call.params.get("text", "")
        if "terlalu banyak pertanyaan" in text:
            results.rate_limited += 1
        elif call.params.get("reply_markup"):
            results.answered += 1
        else:
            results.abstained += 1


async def bench(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING)
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    work = Path(tempfile.mkdtemp(prefix="kpps-bench-"))
    base = prepare_index(work)
    server = await BotApiServer().start()
    settings = base.model_copy(
        update={
            "telegram_bot_token": server.token,
            "telegram_base_url": server.base_url,
            "telegram_base_file_url": server.base_file_url,
            "admin_ids": frozenset(),
            "questions_per_minute": 1000,
        }
    )
    engine = AnswerEngine.open(settings)
    print(
        f"engine: {len(engine.documents())} documents, {engine.index_info().get('chunks')} chunks"
    )
    records = Records(work / "records.sqlite3", salt="bench", retention_days=1)
    app = build_application(settings, engine, records=records)
    waiters: dict[int, asyncio.Future[ApiCall]] = {}

    def on_call(call: ApiCall) -> None:
        if call.method != "sendMessage" or call.status != 200:
            return
        future = waiters.get(int(call.params["chat_id"]))
        if future is not None and not future.done():
            future.set_result(call)

    server.listeners.append(on_call)
    await start_application(app, timeout=10)

    rng = random.Random(args.seed)
    per_officer = [args.questions // args.officers] * args.officers
    for i in range(args.questions % args.officers):
        per_officer[i] += 1
    results = Results()
    started = time.perf_counter()
    await asyncio.gather(
        *(
            officer(
                server,
                500_000 + i,
                [rng.choice(QUESTIONS) for _ in range(n)],
                waiters,
                results,
                (args.think_min, args.think_max),
                random.Random(args.seed + i),
                args.timeout,
            )
            for i, n in enumerate(per_officer)
        )
    )
    elapsed = time.perf_counter() - started

    await stop_application(app, server)

    failed = Counter(f"{c.method} {c.status}" for c in server.calls if c.status != 200)
    lat = sorted(results.latencies)
    sent = sum(per_officer)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    print(
        f"\nofficers: {args.officers}, questions sent: {sent}, "
        f"think time {args.think_min}-{args.think_max} s, duration {elapsed:.1f} s "
        f"({sent / elapsed:.1f} questions/s)"
    )
    print(
        f"replies received: {len(lat)} (answers {results.answered}, abstentions "
        f"{results.abstained}, rate-limited {results.rate_limited}), lost: {results.lost}"
    )
    if lat:
        print(
            f"end-to-end latency ms: p50 {pct(0.50):.0f}, p95 {pct(0.95):.0f}, "
            f"p99 {pct(0.99):.0f}, max {lat[-1] * 1000:.0f}, "
            f"mean {statistics.mean(lat) * 1000:.0f}"
        )
    print(f"errors: {errors.count} logged, non-200 API answers: {dict(failed) or 0}")
    ok = results.lost == 0 and errors.count == 0 and bool(lat) and pct(0.95) <= 1000
    print("target (0 lost, p95 <= 1000 ms):", "MET" if ok else "NOT MET")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--officers", type=int, default=100)
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--think-min", type=float, default=1.0, help="seconds between questions")
    parser.add_argument("--think-max", type=float, default=9.0)
    parser.add_argument("--timeout", type=float, default=60.0, help="a reply later is lost")
    parser.add_argument("--seed", type=int, default=7)
    return asyncio.run(bench(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())

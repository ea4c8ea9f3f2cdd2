"""Benchmark: index open + model load time, per-question latency, throughput, RSS.

Targets: open ≤ 10 s, warm p50 ≤ 40 ms and p95 ≤ 100 ms, ≥ 50 questions/s on two cores,
bot-side RSS ≤ 1 GB. Questions are officer-style ones written here, not the eval set.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "kotak suara kapan boleh dibuka",
    "kalo surat suara sobek gmn",
    "pemilih pindahan boleh nyoblos jam brp",
    "tps tutup jam berapa",
    "saksi boleh foto c hasil ga",
    "berapa surat suara cadangan di tiap tps",
    "pemilih disabilitas boleh dibantu siapa",
    "kpps harus sumpah dulu sebelum kerja?",
    "isi pasal 98 apa",
    "kalau ada yang nyoblos dua kali gmn",
    "penghitungan suara dimulai kapan",
    "yang boleh hadir di tps siapa aja",
    "tinta dipakai buat apa",
    "ktp hilang masih bisa milih?",
    "rekap di ppk berapa hari",
    "pemungutan suara ulang kapan dilaksanakan",
]


def _open() -> object:
    from bot.engine import AnswerEngine
    from knowledge.settings import Settings

    return AnswerEngine(Settings())


def _worker(count: int) -> int:
    engine = _open()
    for i in range(count):
        engine.answer(QUESTIONS[i % len(QUESTIONS)])  # type: ignore[attr-defined]
    return count


def main() -> None:
    os.environ.setdefault("KPPS_CORPUS_DIR", str(ROOT.parent / "shared" / "corpus"))
    started = time.perf_counter()
    engine = _open()
    opened = time.perf_counter() - started
    if not engine.ready:  # type: ignore[attr-defined]
        sys.exit("Indeks belum ada: jalankan `python -m ingest` dulu (KPPS_DATA_DIR yang sama).")
    for question in QUESTIONS:
        engine.answer(question)  # type: ignore[attr-defined]  # warm-up
    latencies = []
    for _ in range(5):
        for question in QUESTIONS:
            t = time.perf_counter()
            engine.answer(question)  # type: ignore[attr-defined]
            latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_worker = 200
    # "spawn": forking after OpenMP threads have started can hang the children.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_worker, [10, 10]))  # open indexes in the workers first
        t = time.perf_counter()
        done = sum(pool.map(_worker, [per_worker, per_worker]))
        throughput = done / (time.perf_counter() - t)
    print(f"index open + model load: {opened:.2f} s")
    print(
        f"latency (1 thread): p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.1f} ms over {len(latencies)} questions"
    )
    print(
        f"throughput (2 processes): {throughput:.0f} questions/s "
        "(includes each worker's index open)"
    )
    print(f"RSS (one engine): {rss:.0f} MB")


if __name__ == "__main__":
    main()

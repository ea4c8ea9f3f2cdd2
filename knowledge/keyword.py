"""The keyword side of retrieval: Indonesian tokenisation and a small BM25 index.

A hand-written BM25 (instead of a library) because queries carry per-term weights: words the
officer typed count fully, words added by query expansion count less. The index is a plain
inverted list, small enough to rebuild from the chunks at start-up in well under a second.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

_TOKEN_RE = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "dengan",
        "untuk",
        "pada",
        "dalam",
        "atau",
        "ini",
        "itu",
        "adalah",
        "oleh",
        "sebagai",
        "sebagaimana",
        "dimaksud",
        "tersebut",
        "akan",
        "telah",
        "juga",
        "bahwa",
        "serta",
        "para",
        "suatu",
        "setiap",
        "apa",
        "apakah",
        "bagaimana",
        "gimana",
        "berapa",
        "kapan",
        "siapa",
        "dimana",
        "mana",
        "kah",
        "nya",
        "lah",
        "pun",
        "saya",
        "kami",
        "kita",
        "aku",
        "gue",
        "gw",
        "sih",
        "dong",
        "deh",
        "kok",
        "ya",
        "yah",
        "nih",
        "tuh",
        "mau",
        "bisa",
        "boleh",
        "harus",
        "ada",
        "tidak",
        "tak",
        "ga",
        "gak",
        "nggak",
        "engga",
        "enggak",
        "bukan",
        "belum",
        "sudah",
        "udah",
        "kalau",
        "kalo",
        "jika",
        "apabila",
    ]
)

_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "pe",
    "ber",
    "be",
    "ter",
    "di",
    "ke",
    "se",
)
_SUFFIXES = ("nya", "lah", "kah", "kan", "an", "i")


def stem(word: str) -> str:
    """A light Indonesian stemmer: strips one common suffix and one prefix.

    Deliberately conservative (keeps at least 4 letters) so "pemungutan"/"dipungut" meet at
    "pungut" often enough while short words stay intact.
    """
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            rest = word[len(prefix) :]
            # Nasal assimilation: mem+pilih → memilih, pen+tulis → penulis.
            if prefix in ("meny", "peny"):
                rest = "s" + rest
            elif prefix in ("mem", "pem") and rest[0] in "aiueo":
                rest = "p" + rest
            elif prefix in ("men", "pen") and rest[0] in "aiueo":
                rest = "t" + rest
            return rest
    return word


def tokenize(text: str, *, stemmed: bool = True) -> list[str]:
    """Lower-case word tokens without stopwords, stemmed for matching across word forms."""
    words = [w for w in _TOKEN_RE.findall(text.lower()) if w not in STOPWORDS]
    return [stem(w) for w in words] if stemmed else words


class BM25Index:
    """Okapi BM25 over token lists, with weighted query terms."""

    def __init__(self, documents: Iterable[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths: list[int] = []
        for index, tokens in enumerate(documents):
            self.lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                self.postings[token].append((index, count))
        self.size = len(self.lengths)
        self.average = (sum(self.lengths) / self.size) if self.size else 0.0

    def idf(self, token: str) -> float:
        df = len(self.postings.get(token, ()))
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        """BM25 score of every document that shares a term with the weighted query."""
        result: dict[int, float] = defaultdict(float)
        for token, weight in query.items():
            postings = self.postings.get(token)
            if not postings:
                continue
            idf = self.idf(token) * weight
            for index, tf in postings:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[index] / self.average)
                result[index] += idf * tf * (self.k1 + 1) / (tf + norm)
        return result

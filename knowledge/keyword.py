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
_PARTICLES = ("lah", "kah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")


def stem(word: str) -> str:
    """A light Indonesian stemmer: particle, possessive, one suffix, one prefix.

    Deliberately conservative (keeps at least 4 letters) so "pemungutan"/"dipungut" meet at
    "pungut" often enough while short words stay intact.
    """
    if len(word) <= 4 or word.isdigit():
        return word
    for group in (_PARTICLES, _POSSESSIVES, _SUFFIXES):
        for suffix in group:
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


class Vocabulary:
    """The words of the indexed documents, to map officers' spellings onto them.

    Colloquial Indonesian forms words the regulations never use ("nyiapin" for "menyiapkan",
    "ngitung" for "menghitung", "didiriin" for "didirikan") and phones add typos. Candidate
    spellings are generated by rule and kept only if the documents contain them, so the rules
    can be loose without inventing matches.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for word in _TOKEN_RE.findall(text.lower()):
                if word not in STOPWORDS:
                    surfaces[stem(word)][word] += 1
        self.stems = set(surfaces)
        self.surface = {s: c.most_common(1)[0][0] for s, c in surfaces.items()}
        self._deletions: dict[str, set[str]] = defaultdict(set)
        for stemmed, counts in surfaces.items():
            for word in {stemmed, *counts}:
                if len(word) >= 5 and not word.isdigit():
                    for variant in _deletions(word):
                        self._deletions[variant].add(stemmed)

    def resolve(self, word: str) -> str | None:
        """The document stem an officer's word stands for, or None if none fits."""
        stemmed = stem(word)
        if stemmed in self.stems or word.isdigit() or len(word) < 3:
            return stemmed
        for candidate in _colloquial_forms(word):
            if stem(candidate) in self.stems:
                return stem(candidate)
        if len(word) >= 5:
            return self._typo(stemmed) or self._typo(word)
        return None

    def _typo(self, word: str) -> str | None:
        """One deleted, inserted or changed letter away from a document stem (same first letter)."""
        found: set[str] = set(self._deletions.get(word, ()))
        for variant in _deletions(word):
            if variant in self.stems:
                found.add(variant)
            found |= self._deletions.get(variant, set())
        found = {f for f in found if f[:1] == word[:1]}
        return min(found, key=lambda f: (abs(len(f) - len(word)), f)) if found else None


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_VOWELS = "aiueo"


def _colloquial_forms(word: str) -> list[str]:
    """Formal spellings a colloquial word may stand for, most likely first."""
    bases = [word]
    for particle in ("nya", "an"):  # "kerjaannya" → "kerjaan" → "kerja"
        if word.endswith(particle) and len(word) - len(particle) >= 4:
            word = word[: -len(particle)]
            bases.append(word)
    if word.endswith("in") and len(word) >= 5:  # "nyiapin", "didiriin" → -kan forms
        bare = word[:-2]
        bases += [bare + "kan", bare]
    forms: list[str] = []
    for base in bases:
        forms.append(base)
        if base.startswith("nge") and len(base) > 5:
            forms.append(base[3:])
        if base.startswith("ng") and len(base) > 4 and base[2] in _VOWELS:
            rest = base[2:]
            forms += [rest, "k" + rest, "h" + rest, "g" + rest]
        elif base.startswith("ny") and len(base) > 4 and base[2] in _VOWELS:
            rest = base[2:]
            forms += ["s" + rest, "c" + rest]
        elif base.startswith("n") and len(base) > 3 and base[1] in _VOWELS:
            forms.append("t" + base[1:])
        elif base.startswith("m") and len(base) > 3 and base[1] in _VOWELS:
            forms.append("p" + base[1:])
        if base.startswith("di") and len(base) > 4 and base[2] in _VOWELS:
            forms.append("dih" + base[2:])  # "diitung" → "dihitung"
        # Jakarta vowels: "bener" → "benar", "dalem" → "dalam", "kirim" stays.
        if "e" in base[-3:]:
            forms.append(base[:-3] + base[-3:].replace("e", "a"))
    return forms

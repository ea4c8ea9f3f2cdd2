"""Questions for a limit: "umur maksimal jadi KPPS brp?", "ukuran TPS minimal brp meter?".

Such a question is answered only by a passage that states that limit. The nearest rule about
the same thing is no answer: the documents give a minimum age for voters and say nothing of a
maximum age for KPPS members, so "berusia paling rendah 17 tahun" would mislead an officer
asking for the maximum. The retrieval scores cannot tell this apart (the words match well),
so the engine checks the retrieved passages' sentences for a limit in the asked direction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.keyword import STOPWORDS, stem, tokenize, word_tokens
from knowledge.query import Query

# Markers in the normalised question: the thesaurus has already turned "maksimal" / "max"
# into "paling banyak" and "minimal" into "paling sedikit".
_ASKED = {
    "upper": re.compile(r"\b(maksimal|maksimum|paling (?:banyak|tinggi|tua)|batas atas)\b"),
    "lower": re.compile(r"\b(minimal|minimum|paling (?:sedikit|rendah|muda|kurang)|batas bawah)\b"),
}
# How the documents state a limit. "sudah berumur 17 tahun" (the voter's age) is a lower one.
_STATED = {
    "upper": re.compile(
        r"\b(maksimal|maksimum|paling (?:banyak|tinggi|lama|lambat)|sebanyak-banyaknya"
        r"|selambat-lambatnya|tidak (?:melebihi|lebih dari)|sampai dengan)\b"
    ),
    "lower": re.compile(
        r"\b(minimal|minimum|paling (?:sedikit|rendah|singkat|cepat|kurang)"
        r"|sekurang-kurangnya|sudah|telah|genap)\b"
    ),
}
_OPPOSITE = {"upper": "lower", "lower": "upper"}
# Words between a limit and what it limits: "batas umur maksimal jadi anggota".
_LINKING = frozenset({"batas", "jadi", "buat"})
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+|\n")
LIMIT_NAMES = {"upper": "batas paling tinggi", "lower": "batas paling rendah"}


@dataclass(frozen=True)
class AskedLimit:
    """The limit a question asks for: its direction and the thing limited ("umur")."""

    direction: str  # "upper" or "lower"
    word: str  # the word as the officer's normalised question has it
    terms: frozenset[str]  # its stem and the document terms it expands to


def asked_limit(query: Query) -> AskedLimit | None:
    """The limit asked for, if any. The thing limited is the word just before the marker
    ("umur maksimal"), else the one just after ("maksimal umur")."""
    for direction, marker in _ASKED.items():
        match = marker.search(query.text)
        if match is None:
            continue
        before = _content_words(query.text[: match.start()])
        after = _content_words(query.text[match.end() :])
        word = before[-1] if before else (after[0] if after else None)
        if word is None:
            return None
        stemmed = stem(word)
        terms = next((c for c in query.concepts if stemmed in c), {stemmed})
        return AskedLimit(direction, word, frozenset(terms))
    return None


def states_limit(limit: AskedLimit, text: str) -> bool:
    """Whether a passage has a sentence about the limited thing that states a limit in the
    asked direction, or a number with no limit of the other direction ("2,5% ... sebagai
    cadangan" answers "cadangan maksimal brp persen")."""
    for sentence in _SENTENCE_END.split(text.lower()):
        if not limit.terms & set(tokenize(sentence)):
            continue
        if _STATED[limit.direction].search(sentence):
            return True
        if re.search(r"\d", sentence) and not _STATED[_OPPOSITE[limit.direction]].search(sentence):
            return True
    return False


def _content_words(text: str) -> list[str]:
    return [w for w in word_tokens(text) if w not in STOPWORDS and w not in _LINKING]

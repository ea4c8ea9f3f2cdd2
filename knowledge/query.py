"""Officers' informal Indonesian → the words the regulations use.

Two general, editable lists in ``config/abbreviations.json``: ``replace`` turns abbreviations
and slang into standard words ("gmn" → "bagaimana", "nyoblos" → "mencoblos"), and ``expand``
adds the regulation's own terms for everyday words ("sobek" → "rusak") at a lower weight, so
the officer's words still count most. Admins extend the lists; no rule targets a question.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.keyword import tokenize

EXPANSION_WEIGHT = 0.5
_PASAL_RE = re.compile(
    r"\bpasal\s+(\d+[a-z]?)\b(?:\s*ayat\s*\(?(\d+[a-z]?)\)?)?(?:\s*huruf\s+([a-z]))?", re.I
)


@dataclass
class Query:
    """A normalised question, ready for both retrieval sides."""

    original: str
    text: str  # normalised text for the embedder
    weights: dict[str, float] = field(default_factory=dict)  # stemmed keyword → weight
    pasal: str | None = None  # "isi pasal 91 apa?" names an article directly
    ayat: str | None = None


class Normalizer:
    """Applies the abbreviation and expansion lists (loaded once)."""

    def __init__(self, replace: dict[str, str], expand: dict[str, list[str]]) -> None:
        self.replace = {k.lower(): v for k, v in replace.items()}
        self.expand = {k.lower(): [t.lower() for t in v] for k, v in expand.items()}
        self._replace_re = _phrase_regex(self.replace)
        self._expand_keys = sorted(self.expand, key=len, reverse=True)

    @classmethod
    def from_file(cls, path: Path) -> Normalizer:
        if not path.is_file():
            return cls({}, {})
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data.get("replace", {}), data.get("expand", {}))

    def normalize(self, question: str) -> Query:
        lowered = " ".join(question.lower().split())
        # Join "ktp el" style splits and drop repeated letters of chat typing ("bangettt").
        lowered = re.sub(r"([a-z])\1{2,}", r"\1", lowered)
        text = (
            self._replace_re.sub(lambda m: self.replace[m.group(0)], lowered)
            if self.replace
            else lowered
        )
        weights: dict[str, float] = {}
        for token in tokenize(text):
            weights[token] = 1.0
        padded = f" {text} "
        for key in self._expand_keys:
            if f" {key} " in padded:
                for phrase in self.expand[key]:
                    for token in tokenize(phrase):
                        weights.setdefault(token, EXPANSION_WEIGHT)
        query = Query(original=question, text=text, weights=weights)
        match = _PASAL_RE.search(question)
        if match:
            query.pasal = match.group(1).upper()
            query.ayat = match.group(2)
        return query


def _phrase_regex(mapping: dict[str, str]) -> re.Pattern[str]:
    keys = sorted(mapping, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")

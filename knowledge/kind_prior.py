"""Which kind of document a question's wording points to: a regulation's article or a guide page.

Often a Pasal and a page of the training module state the same rule, and retrieval scores them
nearly alike. Officers' wording says which one they are after: "sanksinya apa", "rekap di
kecamatan", "paslon" point to the law; "gmn caranya", "jam brp", "ngapain aja" to the
module's how-to. A logistic model over the question's words and stems, fitted on officers'
questions labelled with the document that answers them (``scripts/train_kind_prior.py``),
gives the share of "law"; retrieval multiplies each passage's score by a factor for its kind.

The weights are data in ``config/kind_prior.json``: without the file every question gets 0.5
and no passage moves. It is fitted on eight project sets, never on the dev set or the held-out
sets; the figures are with ``KIND_PRIOR_STRENGTH``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from knowledge.keyword import tokenize, word_tokens
from knowledge.models import Chunk
from knowledge.query import Query

# A passage of the kind the question points to scores up to e^0.3 = 1.35 times more, one of
# the other kind as much less; at a share of 0.5 nothing moves. Chosen on the first seven
# sets, leave-one-set-out (each scored by a model fitted on the other six; dev by one fitted on
# all seven), strict: pooled hit@1 278 → 290, hit@3 351 → 354 of 384, MRR 0.820 → 0.841;
# dev hit@1 39 → 41 of 57. At 0.2: 286 / 355, dev 40; at 0.45: 289 / 355, dev 41. With the
# shipped model, fitted on eight sets (`scripts/train_kind_prior.py --check`: their hit@1
# 0.718 → 0.744, hit@3 0.912 → 0.928 leave-one-set-out): dev hit@1 0.667 → 0.719, hit@3
# 0.912 → 0.895. On the held-out sets the gain is smaller (README): unseen writers gain less
# than leave-one-set-out says.
KIND_PRIOR_STRENGTH = 0.3


def question_features(query: Query) -> set[str]:
    """The officer's own words ("gmn", "pidananya") and, marked "~", the stems of the
    normalised question ("~bagaimana", "~pidana"), so a spelling seen once still counts."""
    return set(word_tokens(query.original)) | {f"~{token}" for token in tokenize(query.text)}


@dataclass(frozen=True)
class KindPrior:
    """A fitted model: the log-odds of "law" are ``bias`` plus the weights of the features."""

    bias: float = 0.0
    weights: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: Path) -> KindPrior:
        """The model in ``path``; a neutral one when there is none."""
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})

    def law_share(self, query: Query) -> float:
        """How likely the answer is a regulation's article rather than a guide page (0–1)."""
        return self.share(question_features(query))

    def share(self, features: set[str]) -> float:
        if not self.weights:
            return 0.5
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z))

    def save(self, path: Path, trained_on: list[str]) -> None:
        ordered = dict(sorted(self.weights.items(), key=lambda item: -abs(item[1])))
        data = {
            "_comment": (
                "Dibuat oleh scripts/train_kind_prior.py; jangan diubah tangan. Bobot kata "
                "pertanyaan: positif = jawaban biasanya pasal undang-undang/peraturan, "
                "negatif = halaman modul/bahan bimtek."
            ),
            "trained_on": trained_on,
            "bias": round(self.bias, 4),
            "weights": {k: round(v, 4) for k, v in ordered.items()},
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def kind_factor(chunk: Chunk, law_share: float) -> float:
    """The score factor of a passage: above 1 for the kind the question points to."""
    lean = KIND_PRIOR_STRENGTH * 2 * (law_share - 0.5)
    return math.exp(lean if chunk.pasal else -lean)


def fit(
    examples: Iterable[tuple[set[str], bool]], l2: float = 2.0, min_count: int = 2
) -> KindPrior:
    """L2-regularised logistic regression (Newton's method) of "answered by a Pasal" on the
    features; a feature seen in fewer than ``min_count`` questions is left out."""
    rows = list(examples)
    counts = Counter(f for features, _ in rows for f in features)
    names = sorted(f for f, n in counts.items() if n >= min_count)
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0  # the bias, not regularised
    for i, (features, _) in enumerate(rows):
        for f in features:
            if f in column:
                x[i, column[f]] = 1.0
    y = np.array([1.0 if is_law else 0.0 for _, is_law in rows])
    penalty = np.full(len(names) + 1, l2)
    penalty[-1] = 1e-6
    w = np.zeros(len(names) + 1)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return KindPrior(float(w[-1]), {name: float(w[column[name]]) for name in names})

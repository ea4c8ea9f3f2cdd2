"""Score fusion meets the two sides per article (no index needed)."""

from __future__ import annotations

from knowledge.retrieval import fuse

ARTICLE = {0: "pasal-91", 1: "pasal-91", 2: "pasal-22", 3: "pasal-5"}


def test_evidence_from_two_ayat_of_one_article_adds_up() -> None:
    """The embedder likes ayat (1) of Pasal 91, keywords its huruf a: Pasal 91 answers, not
    Pasal 22 that came second on both sides."""
    dense = [(0, 0.90), (2, 0.89), (3, 0.80)]
    keyword = [(1, 12.0), (2, 11.5), (3, 2.0)]
    fused = fuse(dense, keyword, ARTICLE.__getitem__)
    best = max(fused, key=fused.__getitem__)
    assert ARTICLE[best] == "pasal-91"
    assert fused[2] < fused[0] and fused[2] < fused[1]


def test_one_side_alone_still_ranks() -> None:
    fused = fuse([], [(3, 5.0), (2, 1.0)], ARTICLE.__getitem__)
    assert fused[3] > fused[2] > 0

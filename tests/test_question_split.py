"""Several questions in one message."""

from __future__ import annotations

from bot.engine import AnswerEngine, split_questions
from knowledge.settings import Settings


def test_split_keeps_short_tails_with_their_question() -> None:
    assert split_questions("jam brp nyoblos dimulai? tinta ditaruh dimana?") == [
        "jam brp nyoblos dimulai",
        "tinta ditaruh dimana",
    ]
    assert split_questions("tps boleh di masjid? gmn?") == ["tps boleh di masjid? gmn"]
    assert split_questions("kapan tps dibuka") == ["kapan tps dibuka"]


def test_two_questions_get_two_cited_passages(fixture_settings: Settings) -> None:
    answer = AnswerEngine(fixture_settings).answer(
        "jam brp pemungutan suara dimulai? tinta pemilih diletakkan dimana?"
    )
    assert [p.chunk.pasal for p in answer.passages] == ["3", "5"]
    keys = [r.chunk.article_key for r in answer.results]
    assert len(keys) == len(set(keys))

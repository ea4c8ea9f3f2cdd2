"""SQLite records: hashed users, answers, feedback, admin reports, retention."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.records import Records


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def store(records: Records, question: str, *, user: int = 42, abstained: bool = False) -> int:
    return records.record_answer(
        user_id=user,
        chat_type="private",
        question=question,
        abstained=abstained,
        answer_text="<blockquote>teks</blockquote>",
        chunk_ids=["c1", "c2"],
        article_key=None if abstained else "pkpu.md#body#3",
        citation=None if abstained else "Pasal 3 PKPU 99/2030",
        latency_ms=12.5,
    )


def test_user_ids_are_stored_only_as_salted_hashes(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    records = Records(path, salt="garam", retention_days=90)
    answer_id = store(records, "kapan tps dibuka", user=987654321)
    records.record_feedback(answer_id, 987654321, -1)
    records.close()
    raw = path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("r.sqlite3-*"))
    assert b"987654321" not in raw
    other_salt = Records(tmp_path / "o.sqlite3", salt="lain", retention_days=90)
    assert Records(":memory:", salt="garam", retention_days=1).user_hash(1) != (
        other_salt.user_hash(1)
    )
    conn = sqlite3.connect(path)
    [(user_hash,)] = conn.execute("SELECT user_hash FROM answers").fetchall()
    assert len(user_hash) == 64 and user_hash != "987654321"


def test_answer_and_feedback_round_trip(tmp_path: Path) -> None:
    records = Records(tmp_path / "r.sqlite3", salt="s", retention_days=90)
    answer_id = store(records, "surat suara rusak")
    row = records.get_answer(answer_id)
    assert row is not None
    assert row.question == "surat suara rusak" and row.chunk_ids == ["c1", "c2"]
    assert row.article_key == "pkpu.md#body#3" and not row.abstained
    assert records.record_feedback(answer_id, 1, 1)
    assert records.record_feedback(answer_id, 2, -1)
    assert records.record_feedback(answer_id, 2, 1)  # a user may change the vote
    assert sorted(v for _, v in records.feedback_for(answer_id)) == [1, 1]
    assert not records.record_feedback(answer_id + 100, 1, 1)
    assert records.get_answer(answer_id + 100) is None


def test_admin_reports(tmp_path: Path) -> None:
    clock = Clock()
    records = Records(tmp_path / "r.sqlite3", salt="s", retention_days=90, clock=clock)
    first = store(records, "jam berapa tps tutup")
    store(records, "cara login sirekap", abstained=True)
    clock.now += 10
    store(records, "password sirekap lupa", abstained=True)
    records.record_feedback(first, 5, -1)
    records.record_feedback(first, 6, -1)
    assert records.count_questions_since(clock.now - 100) == (3, 2)
    assert records.count_questions_since(clock.now + 1) == (0, 0)
    assert [r.question for r in records.recent_abstentions()] == [
        "password sirekap lupa",
        "cara login sirekap",
    ]
    summary = records.feedback_summary()
    assert (summary.up, summary.down) == (0, 2)
    assert [r.id for r in summary.recent_down] == [first]


def test_retention_purges_old_rows_and_never_reuses_ids(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "r.sqlite3"
    records = Records(path, salt="s", retention_days=1, clock=clock)
    old = store(records, "pertanyaan lama")
    records.record_feedback(old, 1, 1)
    clock.now += 2 * 86400
    recent = store(records, "pertanyaan baru")  # a write a day later triggers the purge
    assert records.get_answer(old) is None
    assert records.feedback_for(old) == []
    assert records.get_answer(recent) is not None
    assert recent > old
    records.close()
    # opening purges as well, and a new answer never takes an old id
    clock.now += 2 * 86400
    reopened = Records(path, salt="s", retention_days=1, clock=clock)
    assert reopened.get_answer(recent) is None
    assert store(reopened, "lagi") > recent


def test_declined_words_are_kept_and_old_records_files_still_open(tmp_path: Path) -> None:
    """/belumterjawab lists the words no document uses; a records file written before that
    column existed opens and keeps its rows."""
    import sqlite3

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE answers (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at REAL NOT NULL,"
        " user_hash TEXT NOT NULL, chat_type TEXT NOT NULL, question TEXT NOT NULL,"
        " abstained INTEGER NOT NULL, answer_text TEXT NOT NULL, chunk_ids TEXT NOT NULL,"
        " article_key TEXT, citation TEXT, latency_ms REAL NOT NULL,"
        " truncated INTEGER NOT NULL DEFAULT 0);"
        "INSERT INTO answers (created_at, user_hash, chat_type, question, abstained, answer_text,"
        " chunk_ids, latency_ms) VALUES (strftime('%s','now'), 'h', 'private', 'honor brp', 1,"
        " 'maaf', '[]', 1.0);"
    )
    old.commit()
    old.close()
    records = Records(path, salt="s", retention_days=90)
    records.record_answer(
        user_id=1,
        chat_type="private",
        question="konsumsi kpps ditanggung siapa",
        abstained=True,
        answer_text="maaf",
        chunk_ids=[],
        article_key=None,
        citation=None,
        latency_ms=3.0,
        missing=["konsumsi"],
    )
    rows = records.recent_abstentions()
    assert [(r.question, r.missing) for r in rows] == [
        ("konsumsi kpps ditanggung siapa", ["konsumsi"]),
        ("honor brp", []),
    ]

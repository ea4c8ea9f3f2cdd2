"""SQLite records of what officers asked, what the bot answered, and their feedback.

Why SQLite: admins need "what could the bot not answer?" and "which answers were marked 👎?"
on a single server without running a database; one file in ``data_dir`` is enough.

Why hashed user ids: the records are for improving the corpus, not for tracking officers, so a
Telegram user id is stored only as ``sha256(salt + id)``. Rows older than ``retention_days`` are
purged when the records are opened and at most once a day on write, so no scheduler is needed.

Why AUTOINCREMENT: inline buttons carry an answer id; ids must never be reused after a purge,
otherwise a button under an old message would point at someone else's answer.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from knowledge.settings import Settings

Vote = Literal[1, -1]

_PURGE_EVERY_SECONDS = 24 * 3600

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at REAL NOT NULL,
    user_hash TEXT NOT NULL,
    chat_type TEXT NOT NULL,
    question TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    answer_text TEXT NOT NULL,
    chunk_ids TEXT NOT NULL,
    article_key TEXT,
    citation TEXT,
    latency_ms REAL NOT NULL,
    truncated INTEGER NOT NULL DEFAULT 0,
    missing TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS answers_created_at ON answers (created_at);
CREATE INDEX IF NOT EXISTS answers_abstained ON answers (abstained, created_at);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    user_hash TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    created_at REAL NOT NULL,
    PRIMARY KEY (answer_id, user_hash)
);
CREATE INDEX IF NOT EXISTS feedback_created_at ON feedback (created_at);
"""


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer, as the callback handlers and admin reports need it."""

    id: int
    created_at: float
    question: str
    abstained: bool
    answer_text: str
    chunk_ids: list[str]
    article_key: str | None
    citation: str | None
    latency_ms: float
    truncated: bool
    missing: list[str]  # the officer's words no document uses (why the bot declined)


@dataclass(frozen=True)
class FeedbackSummary:
    """Counts of 👍/👎 and the most recent 👎 answers (for ``/umpanbalik``)."""

    up: int
    down: int
    recent_down: list[AnswerRow]


class Records:
    """A small repository over one SQLite file; safe to call from any thread."""

    def __init__(
        self,
        path: Path | str,
        *,
        salt: str,
        retention_days: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        self._salt = salt
        self._retention_seconds = max(retention_days, 0) * 86400.0
        self._clock = clock
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.executescript(_SCHEMA)
            columns = {row["name"] for row in self._conn.execute("PRAGMA table_info(answers)")}
            if "missing" not in columns:  # a records file from before the column existed
                self._conn.execute(
                    "ALTER TABLE answers ADD COLUMN missing TEXT NOT NULL DEFAULT '[]'"
                )
        self._last_purge = 0.0
        self.purge()

    @classmethod
    def open(cls, settings: Settings) -> Records:
        """Open (or create) ``data_dir/records.sqlite3`` with the deployment's salt/retention."""
        return cls(
            settings.data_dir / "records.sqlite3",
            salt=settings.user_hash_salt,
            retention_days=settings.retention_days,
        )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def user_hash(self, user_id: int) -> str:
        """The only form in which a Telegram user id is stored."""
        return hashlib.sha256(f"{self._salt}:{user_id}".encode()).hexdigest()

    # -- writes ---------------------------------------------------------------------------

    def record_answer(
        self,
        *,
        user_id: int,
        chat_type: str,
        question: str,
        abstained: bool,
        answer_text: str,
        chunk_ids: Sequence[str],
        article_key: str | None,
        citation: str | None,
        latency_ms: float,
        truncated: bool = False,
        missing: Sequence[str] = (),
    ) -> int:
        """Store one question and what the bot replied; return the answer id for buttons."""
        self._maybe_purge()
        with self._lock:
            cursor = self._conn.execute(
                "INSERT INTO answers (created_at, user_hash, chat_type, question, abstained,"
                " answer_text, chunk_ids, article_key, citation, latency_ms, truncated, missing)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self._clock(),
                    self.user_hash(user_id),
                    chat_type,
                    question,
                    int(abstained),
                    answer_text,
                    json.dumps(list(chunk_ids)),
                    article_key,
                    citation,
                    latency_ms,
                    int(truncated),
                    json.dumps(list(missing), ensure_ascii=False),
                ),
            )
            answer_id = cursor.lastrowid
        if answer_id is None:  # pragma: no cover - sqlite always sets it after an INSERT
            raise RuntimeError("SQLite did not return an id for the stored answer")
        return answer_id

    def record_feedback(self, answer_id: int, user_id: int, vote: Vote) -> bool:
        """Store (or change) one user's vote on an answer; False if the answer is unknown."""
        self._maybe_purge()
        with self._lock:
            exists = self._conn.execute(
                "SELECT 1 FROM answers WHERE id = ?", (answer_id,)
            ).fetchone()
            if exists is None:
                return False
            self._conn.execute(
                "INSERT INTO feedback (answer_id, user_hash, vote, created_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT (answer_id, user_hash)"
                " DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at",
                (answer_id, self.user_hash(user_id), vote, self._clock()),
            )
        return True

    def purge(self) -> int:
        """Delete rows older than the retention period; return how many answers went."""
        now = self._clock()
        self._last_purge = now
        if self._retention_seconds <= 0:
            return 0
        cutoff = now - self._retention_seconds
        with self._lock:
            self._conn.execute("DELETE FROM feedback WHERE created_at < ?", (cutoff,))
            cursor = self._conn.execute("DELETE FROM answers WHERE created_at < ?", (cutoff,))
            return cursor.rowcount

    def _maybe_purge(self) -> None:
        if self._clock() - self._last_purge >= _PURGE_EVERY_SECONDS:
            self.purge()

    # -- reads ----------------------------------------------------------------------------

    def get_answer(self, answer_id: int) -> AnswerRow | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM answers WHERE id = ?", (answer_id,)).fetchone()
        return None if row is None else _answer_row(row)

    def feedback_for(self, answer_id: int) -> list[tuple[str, int]]:
        """(user_hash, vote) pairs of one answer; used by tests and diagnostics."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT user_hash, vote FROM feedback WHERE answer_id = ? ORDER BY created_at",
                (answer_id,),
            ).fetchall()
        return [(str(r["user_hash"]), int(r["vote"])) for r in rows]

    def count_questions_since(self, since: float) -> tuple[int, int]:
        """(questions, abstentions) recorded at or after ``since`` (a Unix time)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT COUNT(*) AS n, COALESCE(SUM(abstained), 0) AS a"
                " FROM answers WHERE created_at >= ?",
                (since,),
            ).fetchone()
        return int(row["n"]), int(row["a"])

    def recent_abstentions(self, limit: int = 15) -> list[AnswerRow]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM answers WHERE abstained = 1 ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [_answer_row(r) for r in rows]

    def feedback_summary(self, recent: int = 10) -> FeedbackSummary:
        with self._lock:
            counts = self._conn.execute(
                "SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down"
                " FROM feedback"
            ).fetchone()
            rows = self._conn.execute(
                "SELECT a.* FROM answers a JOIN feedback f ON f.answer_id = a.id"
                " WHERE f.vote = -1 GROUP BY a.id ORDER BY MAX(f.created_at) DESC LIMIT ?",
                (recent,),
            ).fetchall()
        return FeedbackSummary(
            up=int(counts["up"]),
            down=int(counts["down"]),
            recent_down=[_answer_row(r) for r in rows],
        )


def _answer_row(row: sqlite3.Row) -> AnswerRow:
    return AnswerRow(
        id=int(row["id"]),
        created_at=float(row["created_at"]),
        question=str(row["question"]),
        abstained=bool(row["abstained"]),
        answer_text=str(row["answer_text"]),
        chunk_ids=[str(c) for c in json.loads(row["chunk_ids"])],
        article_key=row["article_key"],
        citation=row["citation"],
        latency_ms=float(row["latency_ms"]),
        truncated=bool(row["truncated"]),
        missing=[str(w) for w in json.loads(row["missing"])],
    )

"""👍/👎 feedback from the web chat, kept in a local SQLite file for later review.

One row per rating: when, rating (+1 / -1), the question, the earlier questions of the
conversation, the answer as shown, and its citations (JSON). Nothing leaves the machine.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    question TEXT NOT NULL,
    history TEXT NOT NULL DEFAULT '[]',
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL DEFAULT 0,
    citations TEXT NOT NULL DEFAULT '[]',
    filters TEXT NOT NULL DEFAULT '{}',
    comment TEXT NOT NULL DEFAULT ''
)
"""


class FeedbackStore:
    """Append-only feedback table in one SQLite file (created with its folder on first write)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute(SCHEMA)
        return conn

    def record(
        self,
        *,
        liked: bool,
        question: str,
        answer: str,
        citations: list[dict] | None = None,
        history: list[str] | None = None,
        abstained: bool = False,
        filters: dict | None = None,
        comment: str = "",
    ) -> int:
        """Store one rating; returns its row id."""
        row = (
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
            1 if liked else -1,
            question,
            json.dumps(history or [], ensure_ascii=False),
            answer,
            int(bool(abstained)),
            json.dumps(citations or [], ensure_ascii=False),
            json.dumps(filters or {}, ensure_ascii=False),
            comment,
        )
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, rating, question, history, answer, abstained, citations, filters, comment)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            rowid = cur.lastrowid
        conn.close()
        return int(rowid)

    def rows(self) -> list[dict]:
        """Every stored rating, oldest first, JSON fields decoded."""
        if not self.path.exists():
            return []
        with self._lock, self._connect() as conn:
            conn.row_factory = sqlite3.Row
            rows = [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]
        conn.close()
        for r in rows:
            for key in ("history", "citations", "filters"):
                r[key] = json.loads(r[key])
            r["abstained"] = bool(r["abstained"])
        return rows

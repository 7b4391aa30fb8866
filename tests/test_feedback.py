"""Feedback storage: one SQLite row per 👍/👎, with question, answer and citations."""

import sqlite3

from assistant.feedback import FeedbackStore
from assistant.settings import Settings


def test_rows_are_written_and_read_back(tmp_path):
    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite3")
    assert store.rows() == []
    cites = [{"id": "1", "doc_id": "kh-1", "section": "I.2", "text": "Phấn đấu đạt chuẩn năm 2023."}]
    first = store.record(liked=True, question="Năm nào?", answer="Năm 2023. [1]", citations=cites, history=["Trước đó?"])
    second = store.record(liked=False, question="Ai ký?", answer="Không tìm thấy", abstained=True, filters={"level": "THCS"})
    assert second > first
    rows = store.rows()
    assert [r["rating"] for r in rows] == [1, -1]
    assert rows[0]["question"] == "Năm nào?" and rows[0]["answer"] == "Năm 2023. [1]"
    assert rows[0]["citations"] == cites and rows[0]["history"] == ["Trước đó?"]
    assert rows[1]["abstained"] is True and rows[1]["filters"] == {"level": "THCS"}
    # a plain SQLite file another tool can read
    with sqlite3.connect(tmp_path / "sub" / "feedback.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 2


def test_feedback_path_is_a_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_FEEDBACK_PATH", str(tmp_path / "fb.db"))
    monkeypatch.setenv("ASSISTANT_UPLOAD_MAX_MB", "3")
    settings = Settings()
    assert settings.feedback_path == tmp_path / "fb.db"
    assert settings.upload_max_mb == 3

import io
import json
import sys

import pytest

from assistant import cli, phrases
from assistant.embeddings import FakeEmbedder
from conftest import copy_corpus


@pytest.fixture
def fake_cli(tmp_path, monkeypatch):
    """The CLI on a copy of the corpus, with the fake embedder at the model boundary."""
    corpus = copy_corpus(tmp_path / "corpus")
    monkeypatch.setattr("assistant.embeddings.make_embedder", lambda settings: FakeEmbedder())
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "fake")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus))
    return ["--index-dir", str(tmp_path / "index")]


def test_empty_question_is_refused_with_a_message(fake_cli, capsys):
    assert cli.main(fake_cli + ["ask", ""]) == 2
    assert phrases.EMPTY_QUESTION in capsys.readouterr().err


def test_ask_without_index_builds_it_and_prints_json(fake_cli, capsys):
    code = cli.main(fake_cli + ["ask", "Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?", "--json"])
    assert code == 0
    out = capsys.readouterr()
    assert phrases.BUILDING_INDEX in out.err
    data = json.loads(out.out)
    assert set(data) >= {"answer", "abstained", "citations"}
    assert set(data["citations"][0]) == {"id", "doc_id", "title", "number", "locality", "section", "heading", "text", "source"}
    assert data["citations"][0]["source"].endswith("kh-127-mnptb-phu-thanh-b-2021.txt")


def test_ask_dash_reads_json_lines_and_answers_each(fake_cli, capsys, monkeypatch):
    cli.main(fake_cli + ["index"])
    capsys.readouterr()
    lines = [
        {"question": "Ai ký đề án 2921?", "history": []},
        {"question": "Còn kế hoạch của Tuần Giáo?", "history": ["Ai ký đề án 2921?"]},
        {"question": ""},
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(json.dumps(x, ensure_ascii=False) for x in lines)))
    assert cli.main(fake_cli + ["ask", "--json", "-"]) == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(answers) == 3
    assert "Tạ Nam Chiến" in answers[0]["answer"]
    assert "Mùa Va Hồ" in answers[1]["answer"]
    assert answers[2] == {"error": phrases.EMPTY_QUESTION}


def test_search_prints_ranked_chunks(fake_cli, capsys):
    assert cli.main(fake_cli + ["search", "trường chuẩn quốc gia", "-k", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].lstrip().startswith("1.")
    assert sum(1 for line in out if line[:3].strip().rstrip(".").isdigit()) == 3

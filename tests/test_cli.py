"""The command line (assistant.cli.main), with the fake embedder swapped in at the model boundary."""

import io
import json
import sys

import pytest

from assistant import cli, phrases
from assistant.embeddings import FakeEmbedder
from conftest import ALL_PLANS, BA_DINH, PHU_THANH_B, TUAN_GIAO, copy_corpus

CITATION_KEYS = {"id", "doc_id", "title", "number", "locality", "section", "heading", "text", "source"}
NATIONAL_STANDARD = "Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?"


def use_fake_model(monkeypatch):
    """cli.py builds its embedder with assistant.embeddings.make_embedder(settings)."""
    made = []

    def fake(settings):
        made.append(settings)
        return FakeEmbedder()

    monkeypatch.setattr("assistant.embeddings.make_embedder", fake)
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "fake")
    return made


@pytest.fixture
def shared_cli(fake_index, monkeypatch):
    """CLI arguments pointing at the session's already-built fake index (read-only commands)."""
    use_fake_model(monkeypatch)
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(fake_index.settings.corpus_dir))
    return ["--index-dir", str(fake_index.settings.index_dir)]


@pytest.fixture
def fresh_cli(tmp_path, monkeypatch):
    """CLI arguments for a private corpus copy and an empty index folder."""
    use_fake_model(monkeypatch)
    corpus = copy_corpus(tmp_path / "corpus")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(corpus))
    return ["--index-dir", str(tmp_path / "index")], corpus, tmp_path / "index"


def feed_stdin(monkeypatch, lines):
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))


# ----------------------------------------------------------------------------- bad questions
@pytest.mark.parametrize(
    "question,message",
    [("", phrases.EMPTY_QUESTION), ("  ", phrases.EMPTY_QUESTION), ("?!", phrases.PUNCT_QUESTION), ("x" * 5000, None)],
)
def test_bad_question_exits_2_with_the_vietnamese_message_on_stderr(shared_cli, capsys, question, message):
    assert cli.main(shared_cli + ["ask", question]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    expected = message or phrases.LONG_QUESTION.format(length=5000, limit=1000)
    assert out.err.strip() == expected


def test_bad_question_with_json_flag_still_exits_2(shared_cli, capsys):
    assert cli.main(shared_cli + ["ask", "", "--json"]) == 2
    out = capsys.readouterr()
    assert out.out == "" and phrases.EMPTY_QUESTION in out.err


def test_bad_question_is_refused_before_any_model_or_index_is_needed(tmp_path, monkeypatch, capsys):
    def no_model(settings):
        raise AssertionError("the embedding model must not be needed to refuse an empty question")

    monkeypatch.setattr("assistant.embeddings.make_embedder", no_model)
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(copy_corpus(tmp_path / "corpus")))
    assert cli.main(["--index-dir", str(tmp_path / "index"), "ask", ""]) == 2
    assert phrases.EMPTY_QUESTION in capsys.readouterr().err
    assert not (tmp_path / "index").exists()


# ----------------------------------------------------------------------------- ask
def test_ask_json_prints_answer_abstained_and_citations(shared_cli, capsys):
    assert cli.main(shared_cli + ["ask", NATIONAL_STANDARD, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"answer", "abstained", "citations", "answerer"}
    assert data["abstained"] is False
    assert "2023" in data["answer"]
    cite = data["citations"][0]
    assert set(cite) == CITATION_KEYS
    assert (cite["id"], cite["doc_id"], cite["section"], cite["number"]) == ("1", PHU_THANH_B, "I.2", "127/KH-MNPTB")
    assert cite["source"].endswith(f"{PHU_THANH_B}.txt")
    assert "2023" in cite["text"] and cite["heading"] and cite["title"] and cite["locality"]


def test_ask_json_keeps_vietnamese_readable(shared_cli, capsys):
    cli.main(shared_cli + ["ask", NATIONAL_STANDARD, "--json"])
    out = capsys.readouterr().out
    assert "Phú Thành B" in out and "\\u" not in out


def test_ask_json_abstention_has_no_citations(shared_cli, capsys):
    assert cli.main(shared_cli + ["ask", "Huyện Mường Chà có kế hoạch gì?", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"answer": phrases.NOT_FOUND, "abstained": True, "citations": [],
                                                   "answerer": "composer"}


def test_ask_prints_the_answer_and_its_sources(shared_cli, capsys):
    assert cli.main(shared_cli + ["ask", NATIONAL_STANDARD]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "2023" in lines[0]
    assert phrases.SOURCES_HEADER in lines
    assert any(line.startswith("[1] Kế hoạch 127/KH-MNPTB") and "mục I.2" in line for line in lines)
    assert any(f"{PHU_THANH_B}.txt, ký tự" in line for line in lines)


def test_ask_with_history_answers_the_follow_up(shared_cli, capsys):
    first = "Tuần Giáo đặt mục tiêu bao nhiêu phần trăm giáo viên đạt chuẩn nghề nghiệp?"
    assert cli.main(shared_cli + ["ask", "Còn Ba Đình thì sao?", "--history", first, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["doc_id"] for c in data["citations"]} == {BA_DINH}


def test_ask_dash_reads_json_lines_and_prints_one_json_object_per_line(shared_cli, capsys, monkeypatch):
    feed_stdin(monkeypatch, [
        json.dumps({"question": "Ai ký đề án 2921?", "history": []}, ensure_ascii=False),
        "",  # blank lines are skipped
        json.dumps({"question": "Còn kế hoạch của Tuần Giáo?", "history": ["Ai ký đề án 2921?"]}, ensure_ascii=False),
        json.dumps({"question": "Huyện Mường Chà có kế hoạch gì?"}, ensure_ascii=False),
        json.dumps({"question": ""}),
        "{không phải json",
        json.dumps(["không", "phải", "đối tượng"], ensure_ascii=False),
        json.dumps({"question": 5}),
    ])
    assert cli.main(shared_cli + ["ask", "--json", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    answers = [json.loads(line) for line in lines]  # every line is one JSON object
    assert len(answers) == 7
    assert "Tạ Nam Chiến" in answers[0]["answer"]
    assert answers[0]["citations"][0]["doc_id"] == BA_DINH
    assert "Mùa Va Hồ" in answers[1]["answer"]
    assert answers[1]["citations"][0]["doc_id"] == TUAN_GIAO
    assert answers[2]["abstained"] is True and answers[2]["citations"] == []
    assert answers[3] == {"error": phrases.EMPTY_QUESTION}
    assert all(set(a) == {"error"} for a in answers[4:])  # a broken line does not stop the stream
    for a in answers[:3]:
        assert set(a) == {"answer", "abstained", "citations", "answerer"}
        assert all(set(c) == CITATION_KEYS for c in a["citations"])


def test_ask_dash_loads_the_model_once_for_all_lines(fake_index, monkeypatch, capsys):
    made = use_fake_model(monkeypatch)
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(fake_index.settings.corpus_dir))
    feed_stdin(monkeypatch, [json.dumps({"question": NATIONAL_STANDARD}, ensure_ascii=False)] * 3)
    assert cli.main(["--index-dir", str(fake_index.settings.index_dir), "ask", "-"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert len(made) == 1


def test_ask_without_an_index_builds_it_first(fresh_cli, capsys):
    args, corpus, index_dir = fresh_cli
    assert cli.main(args + ["ask", NATIONAL_STANDARD, "--json"]) == 0
    out = capsys.readouterr()
    assert phrases.BUILDING_INDEX in out.err
    assert json.loads(out.out)["citations"][0]["section"] == "I.2"
    assert any(index_dir.iterdir())
    assert (corpus / "manifest.json").exists()


# ----------------------------------------------------------------------------- index and search
def test_index_command_reports_a_summary_and_the_folder(fresh_cli, capsys):
    args, corpus, index_dir = fresh_cli
    (corpus / "hong.txt").write_bytes("Kế hoạch bồi dưỡng".encode("utf-16"))
    # the others are indexed, but a skipped file makes the run fail, and is named again at the end
    assert cli.main(args + ["index"]) == cli.EXIT_SKIPPED == 3
    out = capsys.readouterr()
    assert out.out.splitlines()[0].startswith(f"Đã lập chỉ mục {len(ALL_PLANS)} kế hoạch")
    assert str(index_dir) in out.out
    assert f"Bỏ qua hong.txt: {phrases.ERR_UTF16}" in out.err
    tail = out.err.strip().splitlines()[-2:]
    assert tail == [phrases.INDEX_SKIPPED_TAIL.format(n=1, code=3), f"  Bỏ qua hong.txt: {phrases.ERR_UTF16} — {phrases.HINT_SAVE_UTF8}"]
    (corpus / "hong.txt").unlink()
    assert cli.main(args + ["index"]) == 0  # second run: nothing new to embed, nothing skipped
    assert "0 đoạn mới được nhúng" in capsys.readouterr().out


def test_index_command_takes_a_corpus_folder(tmp_path, monkeypatch, capsys):
    use_fake_model(monkeypatch)
    corpus = tmp_path / "khac"
    corpus.mkdir()
    (corpus / "ke-hoach-moi.txt").write_text(
        "KẾ HOẠCH\nBồi dưỡng giáo viên năm 2025\nI. MỤC TIÊU\n1. Đến năm 2025, 100% giáo viên đạt chuẩn.\n", "utf-8"
    )
    assert cli.main(["--index-dir", str(tmp_path / "index"), "index", "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out.startswith("Đã lập chỉ mục 1 kế hoạch")


def test_search_prints_ranked_chunks_with_scores(shared_cli, capsys):
    assert cli.main(shared_cli + ["search", "Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào", "-k", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ranked = [line for line in lines if not line.startswith("    ")]
    assert [line.split(".")[0].strip() for line in ranked] == ["1", "2", "3"]
    assert "127/KH-MNPTB" in ranked[0] and ranked[0].endswith("› I.2")
    assert lines[1].startswith("    2. Mục tiêu cụ thể")  # the passage, indented under its rank
    assert all(len(line) <= 204 for line in lines if line.startswith("    "))  # previews are cut short


def test_search_refuses_an_empty_query(shared_cli, capsys):
    assert cli.main(shared_cli + ["search", ""]) == 2
    assert phrases.EMPTY_QUESTION in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as err:
        cli.main(["khong-co-lenh-nay"])
    assert err.value.code == 2


def test_ask_dash_names_a_malformed_line_in_vietnamese(shared_cli, capsys, monkeypatch):
    feed_stdin(monkeypatch, ['"chỉ là chuỗi"', '{"question": 5}', "{không phải json"])
    assert cli.main(shared_cli + ["ask", "--json", "-"]) == 0
    errors = [json.loads(line)["error"] for line in capsys.readouterr().out.splitlines()]
    assert len(errors) == 3
    assert all(e.startswith("Dòng vào không hợp lệ") for e in errors)


@pytest.mark.parametrize(
    "env,field",
    [({"ASSISTANT_EMBED_BACKEND": "tensorrt"}, "embed_backend"),
     ({"ASSISTANT_EMBED_BACKEND": "onnx-int8", "ASSISTANT_EMBED_DEVICE": "cuda"}, "settings")],
)
def test_a_bad_setting_is_named_in_one_line_and_exits_2(tmp_path, monkeypatch, capsys, env, field):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert cli.main(["--index-dir", str(tmp_path), "ask", "giáo viên cần chứng chỉ gì"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(phrases.BAD_SETTING.split("(")[0]) and f"({field})" in err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    if "ASSISTANT_EMBED_DEVICE" in env:
        assert "ASSISTANT_EMBED_BACKEND=torch" in err


def test_serve_needs_both_tls_files(tmp_path, capsys):
    assert cli.main(["--index-dir", str(tmp_path), "serve", "--ssl-keyfile", str(tmp_path / "k.pem")]) == 2
    assert phrases.UI_SSL_PAIR in capsys.readouterr().err


def test_serve_refuses_a_users_file_that_is_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_EDITORS", str(tmp_path / "khong-co.txt"))
    assert cli.main(["--index-dir", str(tmp_path), "serve"]) == 2
    assert "khong-co.txt" in capsys.readouterr().err


def test_users_hash_prints_a_line_for_a_users_file(monkeypatch, capsys):
    from assistant.access import load_users

    monkeypatch.setattr(sys, "stdin", io.StringIO("mật khẩu mạnh\n"))
    assert cli.main(["users", "hash", "binh", "--stdin"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("binh:pbkdf2_sha256$") and "mật" not in line
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(line + "\n")
    table = load_users("", f.name)
    assert table.check("binh", "mật khẩu mạnh") == "editor" and not table.warnings

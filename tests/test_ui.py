"""Pure pieces of the web UI: escaping, citations, sections, upload checks, filters, CSV."""

import csv
import io
import re
import shutil

import pytest

pytest.importorskip("gradio")

from assistant import phrases, ui  # noqa: E402
from assistant.evidence import Answer  # noqa: E402
from assistant.citations import Citation  # noqa: E402
from assistant.manifest import PlanInfo  # noqa: E402
from conftest import PHU_THANH_B  # noqa: E402

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def cite(**kw) -> Citation:
    data = dict(id="1", doc_id="kh-1", title="Kế hoạch bồi dưỡng", number="12/KH-UBND", locality="huyện A",
                section="I.2", heading="MỤC TIÊU › Cụ thể", text="Phấn đấu 100% giáo viên đạt chuẩn.", source="kh-1.txt",
                plan_label="Kế hoạch 12/KH-UBND (UBND huyện A)")
    data.update(kw)
    return Citation(**data)


def test_plan_text_that_looks_like_html_is_escaped_everywhere():
    c = cite(text=EVIL, title=EVIL, heading=EVIL, locality=EVIL)
    answer = Answer(answer=f"Theo kế hoạch: “{EVIL}” [1]", abstained=False, citations=[c])
    for piece in (ui.answer_html(answer), ui.citation_marker_html(c), ui.sources_html([c]),
                  ui.section_html(EVIL, "I.2", EVIL, f"trước {EVIL} sau", 6, 6 + len(EVIL)),
                  ui.partial_html(EVIL), ui.question_html(EVIL)):
        assert "<script" not in piece and "<img" not in piece
        assert "&lt;script&gt;" in piece


def test_answer_markers_become_citation_popups_with_plan_section_and_passage():
    c = cite()
    html = ui.answer_html(Answer(answer="Năm 2023. [1] Còn [9] không phải trích dẫn.", abstained=False, citations=[c]))
    assert html.count('class="vp-cite"') == 1 and "[9]" in html
    pop = re.search(r'<span class="vp-pop"[^>]*>(.*?)</span></span>', html).group(1)
    for part in ("Kế hoạch bồi dưỡng", "12/KH-UBND", "huyện A", "I.2", "Phấn đấu 100% giáo viên đạt chuẩn."):
        assert part in pop
    assert "\n\n" not in html  # one HTML block: markdown must not split it


def test_plain_copy_has_answer_and_sources():
    text = ui.answer_plain(Answer(answer="Năm 2023. [1]", abstained=False, citations=[cite()]))
    assert text.startswith("Năm 2023. [1]") and phrases.SOURCES_HEADER in text and "mục I.2" in text


def test_stream_steps_end_with_the_whole_answer():
    text = "Theo kế hoạch số 12 các giáo viên phải đạt chuẩn trình độ đào tạo trước năm 2025 theo luật"
    steps = ui.stream_steps(text)
    assert steps[-1] == text and len(steps) > 1
    assert all(text.startswith(s) for s in steps) and steps == sorted(steps, key=len)
    assert ui.stream_steps("ngắn") == ["ngắn"]


def test_section_view_highlights_the_quoted_passage(fake_index):
    text = fake_index.text(PHU_THANH_B)
    quote = "Phần đấu đạt trường Chuẩn quốc gia vào năm 2023."
    html = ui.open_section(fake_index, PHU_THANH_B, "I.2", quote)
    assert re.search(r"<mark[^>]*>Phần đấu đạt trường Chuẩn quốc gia vào năm 2023\.</mark>", html)
    assert "I.2" in html
    missing = ui.open_section(fake_index, PHU_THANH_B, "IX.9")
    assert "Không tìm thấy mục IX.9" in missing
    assert len(text) > 0


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Kế hoạch 118.docx", "Kế hoạch 118.docx"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\a\\KH số 5.PDF", "KH số 5.pdf"),
        (".hidden.txt", "hidden.txt"),
        ("a<b>|c;rm -rf $HOME.txt", "a_b_c_rm -rf _HOME.txt"),
        ("tab\tand\nnewline.txt", "tabandnewline.txt"),
        ("....docx", "ke-hoach.docx"),
        ("x" * 300 + ".txt", "x" * 96 + ".txt"),
    ],
)
def test_upload_names_are_sanitized(name, expected):
    safe = ui.sanitize_filename(name)
    assert safe == expected
    assert "/" not in safe and "\\" not in safe and not safe.startswith(".") and len(safe) <= ui.MAX_NAME_CHARS


def test_upload_limits_give_vietnamese_messages():
    assert ui.check_upload("kh.docx", 1000, b"PK\x03\x04", 1) == "kh.docx"
    with pytest.raises(ui.UploadError, match="định dạng .exe không được hỗ trợ"):
        ui.check_upload("virus.exe", 10, b"MZ", 1)
    with pytest.raises(ui.UploadError, match="không được hỗ trợ"):
        ui.check_upload("khong-duoi", 10, b"abc", 1)
    with pytest.raises(ui.UploadError, match=r"quá lớn \(2\.0 MB, tối đa 1 MB\)"):
        ui.check_upload("kh.txt", 2 * 1024 * 1024, b"abc", 1)
    with pytest.raises(ui.UploadError, match="không phải tệp Word .docx hợp lệ"):
        ui.check_upload("kh.docx", 10, b"hello", 1)
    with pytest.raises(ui.UploadError, match="không phải tệp PDF hợp lệ"):
        ui.check_upload("kh.pdf", 10, b"hello", 1)


def _state(fake_settings):
    from assistant.answering import Assistant
    from assistant.embeddings import FakeEmbedder
    from assistant.index import PlanIndex, build_index

    embedder = FakeEmbedder()
    build_index(fake_settings, embedder, progress=False, echo=lambda m: None)
    return ui.AppState(assistant=Assistant(PlanIndex(fake_settings, embedder)), settings=fake_settings,
                       in_process_jobs=True)


def test_broken_upload_changes_nothing(fake_settings, tmp_path):
    state = _state(fake_settings)
    before_files = sorted(p.name for p in fake_settings.corpus_dir.iterdir())
    before_state = (state.index.root / "state.json").read_text("utf-8")
    bad = tmp_path / "up" / "Kế hoạch hỏng.txt"
    bad.parent.mkdir()
    bad.write_bytes("Kế hoạch\n".encode("utf-16"))
    with pytest.raises(ui.UploadError, match="UTF-16.*Các kế hoạch đã có không bị thay đổi"):
        ui.add_plan(state, bad)
    fake_docx = tmp_path / "up" / "gia.docx"
    fake_docx.write_text("không phải docx", "utf-8")
    with pytest.raises(ui.UploadError, match="không phải tệp Word"):
        ui.add_plan(state, fake_docx)
    same = tmp_path / "up" / "kh-118-ubnd-phong-dien-2024.txt"
    shutil.copy(fake_settings.corpus_dir / same.name, same)
    with pytest.raises(ui.UploadError, match="Đã có kế hoạch"):
        ui.add_plan(state, same)
    assert sorted(p.name for p in fake_settings.corpus_dir.iterdir()) == before_files
    assert (state.index.root / "state.json").read_text("utf-8") == before_state


def test_good_upload_is_indexed_and_answered(fake_settings, tmp_path):
    state = _state(fake_settings)
    plan = tmp_path / "up" / "KH bồi dưỡng <Sơn Khê>.txt"
    plan.parent.mkdir()
    plan.write_text(
        "ỦY BAN NHÂN DÂN HUYỆN SƠN KHÊ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 77/KH-UBND\n"
        "Sơn Khê, ngày 5 tháng 3 năm 2024\nKẾ HOẠCH\nBồi dưỡng năng lực số cho giáo viên tiểu học\n"
        "I. CHỈ TIÊU\n1. Phấn đấu 85% giáo viên tiểu học huyện Sơn Khê được bồi dưỡng năng lực số.\n",
        "utf-8",
    )
    doc_id, message = ui.add_plan(state, plan)
    assert (fake_settings.corpus_dir / "KH bồi dưỡng _Sơn Khê.txt").exists()
    assert doc_id in state.index.plans and "77/KH-UBND" in message
    answer = state.ask("Huyện Sơn Khê phấn đấu bao nhiêu phần trăm giáo viên tiểu học được bồi dưỡng năng lực số?", [], None)
    assert "85%" in answer.answer and answer.citations[0].doc_id == doc_id


def test_filters_restrict_the_plans_answered_from(fake_assistant):
    plans = fake_assistant.index.plans
    assert ui.allowed_plans(plans, ui.ALL, ui.ALL, ui.ALL) is None
    only = ui.allowed_plans(plans, None, PHU_THANH_B, None)
    assert only == [PHU_THANH_B]
    levels = ui.allowed_plans(plans, None, None, "mầm non")
    assert levels and all("mầm non" in plans[d].levels for d in levels)
    state = ui.AppState(assistant=fake_assistant, settings=fake_assistant.index.settings)
    q = "Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?"
    assert "2023" in state.ask(q, [], only).answer
    other = [d for d in plans if d != PHU_THANH_B]
    assert all(c.doc_id != PHU_THANH_B for c in state.ask(q, [], other).citations)
    assert state.ask(q, [], []).answer == phrases.UI_FILTER_EMPTY
    locs, plan_choices, level_choices = ui.filter_choices(plans)
    assert locs[0] == ui.ALL and len(plan_choices) == len(plans) + 1 and "mầm non" in level_choices


def test_compare_csv_and_checklist_html_escape_and_cite():
    rows = ui.compare_rows([{"plan_label": "KH 1", "value": "85%", "period": "2025", "section": "II.1", "quote": EVIL}])
    parsed = list(csv.reader(io.StringIO(ui.compare_csv(rows))))
    assert parsed[0] == phrases.UI_COMPARE_HEADERS and parsed[1] == ["KH 1", "85%", "2025", "II.1", EVIL]
    html = ui.checklist_html({
        "KH <1>": [
            {"requirement": "chứng chỉ", "detail": EVIL, "strength": "khuyến khích", "section": "II.3", "quote": "q1"},
            {"requirement": "trình độ", "detail": "đại học", "strength": "bắt buộc", "section": "II.2", "quote": "q2"},
        ]
    })
    assert "<script" not in html and "KH &lt;1&gt;" in html
    assert html.index("bắt buộc") < html.index("khuyến khích")  # mandatory lines first
    assert "mục II.2" in html and "q2" in html


def test_auth_and_loopback():
    assert ui.is_loopback("127.0.0.1") and ui.is_loopback("localhost") and ui.is_loopback("::1")
    assert not ui.is_loopback("0.0.0.0") and not ui.is_loopback("192.168.1.5")
    assert ui.parse_auth("") is None and ui.parse_auth("admin:bí mật") == ("admin", "bí mật")
    with pytest.raises(ValueError, match="tên:mật_khẩu"):
        ui.parse_auth("admin")


def test_serve_refuses_a_public_host_without_credentials(capsys):
    from assistant import cli

    assert cli.main(["serve", "--host", "0.0.0.0"]) == 2
    assert "ASSISTANT_UI_AUTH" in capsys.readouterr().err


def test_app_builds_with_every_tab(fake_assistant, tmp_path):
    settings = fake_assistant.index.settings.model_copy(update={"feedback_path": tmp_path / "fb.sqlite3"})
    app = ui.build_app(fake_assistant, settings)
    text = str(app.config)
    for tab in (phrases.UI_TAB_CHAT, phrases.UI_TAB_COMPARE, phrases.UI_TAB_REQUIREMENTS, phrases.UI_TAB_PLANS):
        assert tab in text
    assert app.state.index is fake_assistant.index


def test_a_comparison_table_in_the_answer_becomes_an_escaped_html_table():
    c = cite(id="2")
    text = "So sánh:\n\n| Kế hoạch | Giá trị |\n|---|---|\n| KH <1> | 89% [2] |\n| KH 2 | không nêu |"
    html = ui.answer_html(Answer(answer=text, abstained=False, citations=[c]))
    assert '<table class="vp-answer-table">' in html and html.count("<tr>") == 3
    assert "KH &lt;1&gt;" in html and 'class="vp-cite"' in html and "|" not in html
    assert "\n" not in html


def test_compare_chart_draws_a_bar_per_figure_from_zero_and_escapes_labels():
    from assistant.ui import compare_chart_html

    rows = [
        {"plan_label": "Kế hoạch <b>A</b>", "numeric": 100.0, "value": "100%"},
        {"plan_label": "Kế hoạch B", "numeric": 85.0, "value": "85%"},
        {"plan_label": "Kế hoạch C", "numeric": None, "value": "không nêu"},
    ]
    out = compare_chart_html(rows)
    assert out.count('class="vp-bar"') == 2
    assert 'style="width:100.0%"' in out and 'style="width:85.0%"' in out
    assert "<b>A</b>" not in out and "&lt;b&gt;A&lt;/b&gt;" in out
    assert "không nêu" not in out


def test_compare_chart_says_so_when_no_plan_has_a_figure():
    from assistant import phrases
    from assistant.ui import compare_chart_html

    assert phrases.UI_CHART_EMPTY in compare_chart_html([{"plan_label": "X", "numeric": None}])


def test_answer_tables_scroll_and_keep_compound_tokens_whole():
    c = cite(id="1")
    text = "So sánh:\n\n| Kế hoạch | Giá trị | Thời hạn |\n|---|---|---|\n| 127/KH-MNPTB | 13-15% [1] | 2021–2025 |"
    html = ui.answer_html(Answer(answer=text, abstained=False, citations=[c]))
    assert '<div class="vp-table-wrap">' in html
    for token in ("127/KH-MNPTB", "13-15%", "2021–2025"):
        assert f'<span class="vp-nowrap">{token}</span>' in html
    assert 'class="vp-cite"' in html and 'title="<span' not in html  # never inside a tag


def test_the_page_script_keeps_vietnamese_and_knows_the_copy_label():
    assert "documentElement.lang" in ui.HEAD_JS and '"vi"' in ui.HEAD_JS
    assert phrases.GRADIO_I18N["chatbot.copy_message"] in ui.HEAD_JS
    assert "More tabs" in ui.HEAD_JS  # the fixed tooltips are carried into the page

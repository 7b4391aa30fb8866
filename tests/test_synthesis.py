"""assistant.synthesis: outlines of a plan's part and verdicts from the records, without a model."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import phrases

PLAN = """ỦY BAN NHÂN DÂN HUYỆN {upper}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: {number}/KH-UBND
{place}, ngày 3 tháng 3 năm 2023
KẾ HOẠCH
Đào tạo, bồi dưỡng giáo viên mầm non huyện {place} giai đoạn 2023-2025
I. MỤC TIÊU
1. Đến năm 2025 phấn đấu {pct} giáo viên mầm non huyện {place} đạt chuẩn trình độ đào tạo.
II. GIẢI PHÁP CHỦ YẾU
1. Tăng cường công tác tuyên truyền về phát triển đội ngũ.
2. Đổi mới công tác bồi dưỡng thường xuyên giáo viên.
3. Bảo đảm kinh phí cho đào tạo, bồi dưỡng.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Giáo dục và Đào tạo
Chủ trì thực hiện kế hoạch; tổng hợp nhu cầu đào tạo.
2. Phòng Nội vụ
Tham mưu tuyển dụng giáo viên còn thiếu.
IV. KIẾN NGHỊ
1. Đối với UBND huyện
- Bổ sung kinh phí hỗ trợ học phí cho giáo viên đi học nâng chuẩn.
2. Đối với Sở Giáo dục và Đào tạo
- Mở lớp bồi dưỡng vào dịp hè và cuối tuần.
- Tăng chỉ tiêu bồi dưỡng quản lý giáo dục cho cấp huyện.
V. KINH PHÍ THỰC HIỆN
Tổng kinh phí năm 2024 là 900 triệu đồng, cụ thể:
- Hỗ trợ học phí đào tạo nâng chuẩn: 600 triệu đồng.
- Bồi dưỡng giáo viên cốt cán: 300 triệu đồng.
Trên đây là kế hoạch đào tạo, bồi dưỡng giáo viên mầm non của huyện./.
"""


@pytest.fixture
def two_districts(fake_settings):
    from assistant.answering import Assistant
    from assistant.embeddings import FakeEmbedder
    from assistant.index import PlanIndex, build_index

    corpus = Path(fake_settings.corpus_dir)
    (corpus / "kh-51-hoa-son-2023.txt").write_text(PLAN.format(upper="HÒA SƠN", place="Hòa Sơn", number=51, pct="90%"), "utf-8")
    (corpus / "kh-52-lac-thien-2023.txt").write_text(PLAN.format(upper="LẠC THIỆN", place="Lạc Thiện", number=52, pct="97%"), "utf-8")
    build_index(fake_settings, FakeEmbedder(), progress=False, echo=lambda m: None)
    return Assistant(PlanIndex(fake_settings, FakeEmbedder()))


def test_a_summary_of_a_part_is_the_plans_own_outline_each_heading_cited(two_districts):
    answer = two_districts.ask("Tóm tắt các giải pháp chính của kế hoạch huyện Hòa Sơn")
    assert not answer.abstained
    lines = answer.answer.split("\n")
    assert "GIẢI PHÁP CHỦ YẾU" in lines[0] and "51/KH-UBND" in lines[0]
    assert [l.split(" [")[0] for l in lines[1:]] == ["- 1. Tăng cường công tác tuyên truyền về phát triển đội ngũ.",
                                                     "- 2. Đổi mới công tác bồi dưỡng thường xuyên giáo viên.",
                                                     "- 3. Bảo đảm kinh phí cho đào tạo, bồi dưỡng."]
    assert [c.section for c in answer.citations] == ["II.1", "II.2", "II.3"]
    text = two_districts.index.text(answer.citations[0].doc_id)
    assert all(text[c.start:c.end] == c.text for c in answer.citations)  # each quote stands at its place


def test_a_summary_of_an_unnamed_plan_is_no_outline(two_districts):
    answer = two_districts.ask("Tóm tắt các giải pháp chính")
    assert not answer.answer.startswith("Theo") or "gồm:" not in answer.answer.split("\n")[0]


def test_the_highest_figure_gets_a_verdict_with_every_figure_cited(two_districts):
    answer = two_districts.ask("Huyện nào có chỉ tiêu giáo viên mầm non đạt chuẩn trình độ đào tạo cao nhất?")
    first = answer.answer.split("\n")[0]
    assert "Lạc Thiện" in first and phrases.VERDICT_HIGH in first, answer.answer
    assert "97%, 2025 [" in answer.answer and "90%, 2025 [" in answer.answer
    assert all(f"[{c.id}]" in answer.answer for c in answer.citations) and len(answer.citations) >= 2


def test_a_minimum_asked_of_one_plan_is_no_verdict_over_plans(two_districts):
    from assistant.structured import _cite_record, asked_metrics
    from assistant.synthesis import verdict

    named = [d for d, p in two_districts.index.plans.items() if "Hòa Sơn" in p.locality]
    lowest = "Huyện nào có chỉ tiêu giáo viên mầm non đạt chuẩn trình độ đào tạo thấp nhất?"
    metrics = asked_metrics(lowest)
    assert verdict(lowest, metrics, [], two_districts.index, _cite_record) is not None
    minimum = "Kế hoạch của Hòa Sơn yêu cầu giáo viên mầm non đạt chuẩn trình độ đào tạo ít nhất bao nhiêu?"
    assert verdict(minimum, metrics, named, two_districts.index, _cite_record) is None
    assert verdict(minimum, metrics, [], two_districts.index, _cite_record) is None


def test_which_of_two_named_plans_is_higher(two_districts):
    answer = two_districts.ask("Hòa Sơn hay Lạc Thiện có chỉ tiêu giáo viên mầm non đạt chuẩn trình độ đào tạo cao hơn?")
    first = answer.answer.split("\n")[0]
    assert "Lạc Thiện" in first and "Hòa Sơn" not in first
    lowest = two_districts.ask("Huyện nào có chỉ tiêu giáo viên mầm non đạt chuẩn trình độ đào tạo thấp nhất?")
    assert "Hòa Sơn" in lowest.answer.split("\n")[0] and phrases.VERDICT_LOW in lowest.answer.split("\n")[0]


def test_a_level_no_plan_gives_a_figure_for_is_said_not_guessed(fake_assistant):
    answer = fake_assistant.ask("Huyện nào có tỷ lệ giáo viên mầm non đạt trình độ trên chuẩn cao nhất?")
    assert answer.answer.startswith(phrases.VERDICT_NO_LEVEL.split("“")[0])
    assert "mầm non" in answer.answer.split("\n")[0]


def test_which_bodies_a_plan_tasks_are_the_headings_of_its_implementation_part(two_districts):
    answer = two_districts.ask("Kế hoạch 51/KH-UBND huyện Hòa Sơn phân công nhiệm vụ cho những cơ quan, đơn vị nào?")
    assert "Phòng Giáo dục và Đào tạo" in answer.answer and "Phòng Nội vụ" in answer.answer
    assert {c.section for c in answer.citations} == {"III.1", "III.2"}


def test_a_list_question_names_a_heading_and_gets_the_lines_under_it(two_districts):
    answer = two_districts.ask("Huyện Hòa Sơn có những kiến nghị gì với Sở Giáo dục và Đào tạo?")
    assert "dịp hè và cuối tuần" in answer.answer and "chỉ tiêu bồi dưỡng quản lý giáo dục" in answer.answer
    assert "học phí" not in answer.answer  # the proposals to the district committee are another list
    assert "Trên đây" not in answer.answer
    assert all(c.section == "IV.2" for c in answer.citations)


def test_what_a_plan_proposes_to_a_body_is_the_list_under_that_heading(two_districts):
    # the verb names the part ("đề xuất … những gì" / "Kiến nghị, đề xuất"), the body its heading
    answer = two_districts.ask("Huyện Hòa Sơn đề nghị Sở Giáo dục và Đào tạo những gì?")
    assert "dịp hè và cuối tuần" in answer.answer and "học phí" not in answer.answer
    assert all(c.section == "IV.2" for c in answer.citations)


def test_a_list_asked_of_a_part_the_question_names_by_its_heading_is_that_parts_lines(two_districts):
    answer = two_districts.ask("Kinh phí của kế hoạch huyện Hòa Sơn được phân bổ cho những khoản nào?")
    assert "Hỗ trợ học phí đào tạo nâng chuẩn: 600 triệu đồng" in answer.answer
    assert "Bồi dưỡng giáo viên cốt cán: 300 triệu đồng" in answer.answer
    assert {c.section for c in answer.citations} == {"V"}



@pytest.mark.parametrize("question, as_of", [
    ("Tỷ lệ GV mầm non đạt chuẩn ở quận A (31/5/2024) và ở phường B (30/9/2025), nơi nào cao hơn?", True),
    ("Tỷ lệ GV đạt chuẩn đến 31/12/2025 ở A và B, nơi nào cao hơn?", False),
    ("Tỷ lệ GV đạt chuẩn trước ngày 31/12/2025 ở A và B, nơi nào cao hơn?", False),
])
def test_a_day_the_figures_are_taken_at_asks_the_present_figures_not_a_deadline(question, as_of):
    from assistant.synthesis import _AS_OF
    from assistant.text import fold

    assert bool(_AS_OF.search(fold(question))) is as_of

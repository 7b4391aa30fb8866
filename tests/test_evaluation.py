"""The eval harness's own rules: when a fact counts as stated, when a section matches."""

from assistant.evaluation import has_fact, section_matches


def test_a_fact_is_found_whatever_dash_and_spacing_the_plan_prints():
    assert has_fact("Đề án … Giai đoạn 2021- 2025", "2021-2025")
    assert has_fact("giai đoạn 2021–2025", "2021 - 2025")
    assert not has_fact("giai đoạn 2021–2024", "2021-2025")


def test_a_fact_is_found_across_tone_mark_conventions_and_case():
    assert has_fact("Phòng Giáo dục và Đào tạo huyện", "phòng giáo dục và đào tạo")
    assert has_fact("công tác xã hội hoá giáo dục", "xã hội hóa")


def test_a_citation_inside_the_gold_section_matches_it():
    gold = [{"doc_id": "a", "section": "II.2"}]
    assert section_matches("a", "II.2.b", gold)
    assert not section_matches("a", "II.20", gold)
    assert not section_matches("b", "II.2", gold)


def test_evidence_counts_when_the_cited_passage_holds_it_or_most_of_it():
    from assistant.evaluation import evidence_in

    line = "Tỷ lệ GV đạt chuẩn trình độ: Năm 2023: 82%; Năm 2025: 97%."
    assert evidence_in("… " + line + " …", "Năm 2025: 97%")
    assert evidence_in("Tỷ lệ GV  đạt chuẩn trình độ: Năm 2023: 82%;", line)  # most of the line, spacing aside
    assert not evidence_in("Năm 2023", line)  # a fragment is not the evidence
    assert not evidence_in("Năm 2025: 96%", "Năm 2025: 97%")


def test_a_table_row_as_evidence_counts_when_the_row_is_cited_with_its_headers():
    from assistant.evaluation import evidence_in

    raw = "| Tỷ lệ GV có trình độ thạc sĩ trở lên | 14,5% | 18% | 22% |"
    rendered = "Tỷ lệ GV có trình độ thạc sĩ trở lên: Năm 2021: 14,5%; Năm 2023: 18%; Năm 2025: 22%."
    assert evidence_in(rendered, raw)
    assert evidence_in("Tỷ lệ GV có trình độ thạc sĩ\t2,1%", "Tỷ lệ GV có trình độ thạc sĩ\t2,1%")
    assert not evidence_in("Tỷ lệ GV có trình độ thạc sĩ trở lên: Năm 2021: 14,5%.", raw)  # figures missing


def test_a_table_rows_running_number_is_not_needed_in_the_cited_row():
    from assistant.evaluation import evidence_in

    raw = "| 3 | Tiếng Anh bậc 2 (A2) (02 lớp) | GV tiểu học, THCS | 60 | 150 tiết |"
    rendered = "Tiếng Anh bậc 2 (A2) (02 lớp): Đối tượng: GV tiểu học, THCS; Chỉ tiêu: 60; Thời lượng: 150 tiết."
    assert evidence_in(rendered, raw)
    assert not evidence_in("Tiếng Anh bậc 2 (A2) (02 lớp): Đối tượng: GV tiểu học, THCS; Chỉ tiêu: 60.", raw)

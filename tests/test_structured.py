"""Structured answers beyond metric tables: duties by body, targets by deadline year, plans by
issuer kind. Checked on the five real plans and on the self-written fixture plans (other
places, other section shapes), so nothing rests on one plan's wording."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import phrases
from assistant.citations import verify
from conftest import BA_DINH, CAO_DUONG, PHONG_DIEN, PHU_THANH_B, TUAN_GIAO

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plans"


@pytest.fixture(scope="module")
def fixture_assistant(tmp_path_factory):
    """The four fixture plans, indexed with the fake embedder."""
    from assistant.answering import Assistant
    from assistant.embeddings import FakeEmbedder
    from assistant.index import PlanIndex, build_index
    from assistant.settings import Settings

    base = tmp_path_factory.mktemp("fixture-plans")
    corpus = base / "corpus"
    corpus.mkdir()
    for path in FIXTURES.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    with pytest.MonkeyPatch.context() as mp:
        for name in ("ASSISTANT_CORPUS_DIR", "ASSISTANT_INDEX_DIR", "ASSISTANT_EMBED_MODEL"):
            mp.delenv(name, raising=False)
        settings = Settings(corpus_dir=corpus, index_dir=base / "index", embed_model="fake")
    embedder = FakeEmbedder()
    build_index(settings, embedder, progress=False, echo=lambda m: None)
    return Assistant(PlanIndex(settings, embedder))


def _all_verified(assistant, answer) -> bool:
    index = assistant.index
    for c in answer.citations:
        section = index.parsed(c.doc_id).find(c.section)
        text = index.text(c.doc_id)
        if section is None or not verify(c, text, text[section.start : section.end]):
            return False
    return True


# -- duties by body ---------------------------------------------------------------------------
def test_plans_giving_a_body_duties_are_those_with_a_section_headed_by_it(fake_assistant):
    answer = fake_assistant.ask("Những kế hoạch nào giao nhiệm vụ cho Phòng Nội vụ?")
    assert answer.answer.startswith(phrases.AGENCY_LEAD.split("“")[0])
    assert {c.doc_id for c in answer.citations} == {BA_DINH, PHONG_DIEN, TUAN_GIAO}
    # Phú Thành B only names Phòng Nội vụ inside another body's duty: not a duty of its own
    assert PHU_THANH_B not in {c.doc_id for c in answer.citations}
    assert "chế độ báo cáo" in answer.answer
    assert _all_verified(fake_assistant, answer)


def test_an_abbreviated_body_name_finds_its_section_and_not_a_body_sharing_one_word(fake_assistant):
    answer = fake_assistant.ask("Kế hoạch nào giao nhiệm vụ cho TT GDNN-GDTX?")
    assert {c.doc_id for c in answer.citations} == {BA_DINH, PHONG_DIEN}
    assert {c.section for c in answer.citations} == {"Phần 3 › 6", "III.8"}  # not "Phòng Giáo dục và Đào tạo"


def test_who_leads_is_compared_across_the_named_plans(fake_assistant):
    answer = fake_assistant.ask("Cơ quan chủ trì triển khai kế hoạch ở Phong Điền và đề án ở Ba Đình khác nhau thế nào?")
    assert answer.answer.startswith(phrases.LEAD_AGENCY_LEAD.split("{")[0])
    assert "Phòng Giáo dục và Đào tạo huyện" in answer.answer and "Phòng Nội vụ quận" in answer.answer


def test_a_body_named_at_the_start_of_its_item_is_found_in_an_unseen_plan_shape(fixture_assistant):
    answer = fixture_assistant.ask("Những kế hoạch nào giao nhiệm vụ cho Phòng Nội vụ?")
    assert not answer.abstained
    assert {c.doc_id for c in answer.citations} == {"de-an-giao-vien-tieu-hoc-2024", "kh-ubnd-gdnn-gdtx-2025"}
    assert all(c.text.startswith("Phòng Nội vụ") for c in answer.citations)
    assert _all_verified(fixture_assistant, answer)


# -- targets by deadline year -----------------------------------------------------------------
def test_plans_with_a_target_due_in_the_asked_year(fake_assistant):
    answer = fake_assistant.ask("Những kế hoạch nào đặt mục tiêu phải đạt vào năm 2023?")
    assert answer.answer.startswith(phrases.YEAR_LEAD.format(year="2023", plans="").split(":")[0])
    assert {c.doc_id for c in answer.citations} == {PHU_THANH_B, CAO_DUONG}
    assert all("2023" in c.text for c in answer.citations)
    # "năm học 2022 - 2023" is a school year, not a deadline
    assert not any("năm học" in c.text for c in answer.citations)
    assert _all_verified(fake_assistant, answer)


def test_a_target_dated_by_its_heading_counts_for_the_year_the_heading_ends(fake_assistant):
    answer = fake_assistant.ask("Kế hoạch nào có mục tiêu đến năm 2025?")
    by_plan = {c.doc_id: c for c in answer.citations}
    assert BA_DINH in by_plan and by_plan[BA_DINH].section == "Phần 2 › I.1.2.b"  # under "Năm 2022 đến năm 2025"


def test_year_targets_in_unseen_plans(fixture_assistant):
    answer = fixture_assistant.ask("Những kế hoạch nào đặt mục tiêu đến năm 2025?")
    docs = {c.doc_id for c in answer.citations}
    assert {"kh-thcs-hoa-binh-2023", "kh-ubnd-gdnn-gdtx-2025"} <= docs
    assert _all_verified(fixture_assistant, answer)


# -- plans by issuer kind ---------------------------------------------------------------------
def test_plans_issued_by_a_school(fake_assistant):
    answer = fake_assistant.ask("Kế hoạch nào do một trường học ban hành chứ không phải UBND?")
    assert {c.doc_id for c in answer.citations} == {PHU_THANH_B, CAO_DUONG}
    assert "Cao Dương" in answer.answer and "Phú Thành B" in answer.answer


def test_plans_issued_by_a_district_typed_without_diacritics(fake_assistant):
    answer = fake_assistant.ask("nhung ke hoach nao do UBND huyen ban hanh")
    assert {c.doc_id for c in answer.citations} == {BA_DINH, PHONG_DIEN, TUAN_GIAO}
    # a legal basis naming another document's issuer is not where a plan says who issued it
    assert not any(c.text.startswith("Căn cứ") for c in answer.citations)


# -- comparisons that ask each plan something else ---------------------------------------------
def test_each_plan_in_a_comparison_is_answered_from_its_own_clause(fake_assistant):
    answer = fake_assistant.ask("Tuần Giáo có bao nhiêu GV mầm non, còn cấp MN của quận Ba Đình có bao nhiêu trường?")
    texts = " ".join(c.text for c in answer.citations)
    assert "461" in texts and "20 trường" in texts


# -- checklists -------------------------------------------------------------------------------
def test_a_line_for_principals_answers_a_question_about_managers():
    from assistant.targets import applies_to

    assert applies_to({"cán bộ quản lý"}, ["hiệu trưởng", "phó hiệu trưởng"])
    assert not applies_to({"hiệu trưởng"}, ["giáo viên"])


def test_asking_for_certificates_lists_certificates_not_every_standard(fake_assistant):
    answer = fake_assistant.ask("Tôi là giáo viên tiểu học, tôi cần chứng chỉ gì?")
    assert answer.table
    from assistant.targets import lexicon

    allowed = set(lexicon()["certificate_requirements"])
    assert all(set(row["requirement"].split(", ")) & allowed for row in answer.table)
    assert any("CEFR" in row["quote"] for row in answer.table)


def test_a_role_asked_only_when_or_where_gets_no_checklist(fake_assistant):
    from assistant.question import asks_only_when_or_where
    from assistant.structured import _bare

    assert asks_only_when_or_where(_bare("Khi nào hiệu trưởng phải chuyển sang trường khác?"))
    assert asks_only_when_or_where(_bare("CBQL mới bổ nhiệm phải có chứng chỉ QLGD trong bao lâu?"))
    assert asks_only_when_or_where(_bare("hieu truong phai gui ho so truoc may gio, ngay nao"))
    # a requirement asked with its time is still a requirement question
    assert not asks_only_when_or_where(_bare("Em là nhân viên thiết bị, phải đi bồi dưỡng gì và khi nào?"))
    assert not asks_only_when_or_where(_bare("Tôi là giáo viên tiểu học, tôi cần chứng chỉ gì?"))
    answer = fake_assistant.ask("Giáo viên tiểu học phải có chứng chỉ ngoại ngữ trong bao lâu?")
    assert not answer.table  # a checklist of requirements does not say how long


def test_how_many_modules_each_plan_asks_is_a_figure_not_a_checklist():
    from assistant.structured import _QUANTITY_CUE, _bare

    assert _QUANTITY_CUE.search(_bare("Sở yêu cầu mỗi giáo viên chọn tối thiểu mấy mô đun, còn trường yêu cầu mấy mô đun?"))
    assert not _QUANTITY_CUE.search(_bare("GV tiếng Anh phải đạt trình độ ngoại ngữ bậc mấy?"))  # a grade asked


def test_a_role_asked_what_it_must_pledge_or_pay_gets_no_checklist():
    from assistant.structured import _REQUIRES_CUE, _bare

    for asked in ("Tôi là giáo viên tiểu học, tôi cần chứng chỉ gì?", "Kế toán phải có trình độ gì?",
                  "Giáo viên có bắt buộc phải có chứng chỉ tiếng Anh không?", "Tổng phụ trách Đội phải làm gì?",
                  "Cán bộ quản lý phải được bồi dưỡng những gì?"):
        assert _REQUIRES_CUE.search(_bare(asked)), asked
    for asked in ("Giáo viên được cử đi học phải cam kết điều gì sau khi ra trường?",
                  "giao vien di hoc nang chuan co phai dong hoc phi khong"):
        assert not _REQUIRES_CUE.search(_bare(asked)), asked


def test_a_checklist_quotes_the_lines_for_the_role_named_and_points_to_the_staff_wide_ones(fake_assistant):
    answer = fake_assistant.ask("Nhân viên văn thư trường Tiểu học Cao Dương cần trình độ gì?")
    quoted = " ".join(row["quote"] for row in answer.table)
    assert "Trung cấp văn thư - lưu trữ" in quoted
    assert "bồi dưỡng thường xuyên" not in quoted  # for all staff: pointed to, not quoted
    assert "Đại học kế toán" not in answer.answer  # the accountant's line binds no văn thư
    see_also = phrases.CHECKLIST_SEE_ALSO.format(roles="nhân viên", sections="II.3, II.4, II.6")
    assert see_also in answer.answer


def test_lines_for_teachers_in_the_management_pipeline_are_not_quoted_as_every_teachers_duty(fake_assistant):
    answer = fake_assistant.ask("Giáo viên trường TH Cao Dương cần những chứng chỉ gì?")
    assert answer.table and not any("quy hoạch" in row["quote"] for row in answer.table)
    assert any("CEFR" in row["quote"] for row in answer.table)
    assert "giáo viên trong diện quy hoạch: mục II.1" in answer.answer


def test_a_plan_with_only_a_narrower_roles_line_still_answers_with_it(fake_assistant):
    # Cao Dương asks QLGD/QLNN certificates of its principals only: that is its answer for managers
    answer = fake_assistant.ask("So sánh yêu cầu bồi dưỡng nghiệp vụ quản lý (QLGD, QLNN) đối với CBQL "
                                "trong KH Tuần Giáo, đề án Ba Đình và KH trường TH Cao Dương.")
    assert any(row["section"] == "II.1" and "Hiệu trưởng" in row["quote"] for row in answer.table)


def test_comparing_what_plans_require_of_a_role_gives_each_plan_its_checklist(fake_assistant):
    answer = fake_assistant.ask("So sánh yêu cầu bồi dưỡng nghiệp vụ quản lý (QLGD, QLNN) đối với CBQL "
                                "trong KH Tuần Giáo, đề án Ba Đình và KH trường TH Cao Dương.")
    assert answer.answer.startswith(phrases.CHECKLIST_ANSWER_LEAD.split("{")[0])
    # "trường TH Cao Dương" names a plan: it must not drop Tuần Giáo's preschool lines
    assert {c.doc_id for c in answer.citations} == {TUAN_GIAO, BA_DINH, CAO_DUONG}
    assert "trước khi được bổ nhiệm" in answer.answer
    assert all({"chứng chỉ nghiệp vụ quản lý giáo dục", "quản lý nhà nước"} & set(row["requirement"].split(", "))
               for row in answer.table)


# -- legal bases ------------------------------------------------------------------------------
def test_plans_citing_a_legal_basis_are_listed_from_their_bases(fake_assistant):
    answer = fake_assistant.ask("KH nào căn cứ thông tư liên tịch quy định mã số, tiêu chuẩn chức danh nghề nghiệp GV?")
    assert answer.answer.startswith(phrases.BASES_LEAD.split(":")[0])
    assert {c.doc_id for c in answer.citations} == {TUAN_GIAO, CAO_DUONG}
    assert all("mã số" in c.text for c in answer.citations)
    assert _all_verified(fake_assistant, answer)


def test_a_basis_listed_in_a_body_section_counts_too(fake_assistant):
    answer = fake_assistant.ask("ke hoach nao can cu thong tu lien tich 06/2015 ve khung vi tri viec lam "
                                "va dinh muc nguoi lam viec o co so giao duc mam non cong lap")
    assert {c.doc_id for c in answer.citations} == {TUAN_GIAO, BA_DINH}
    assert all("06/2015/TTLT-BGDĐT-BNV" in c.text for c in answer.citations)


def test_which_period_each_named_plan_covers_is_read_from_its_header(fake_assistant):
    answer = fake_assistant.ask("KH 118 của Phong Điền và kế hoạch của trường TH Cao Dương áp dụng cho năm nào?")
    assert {c.section for c in answer.citations} == {"Tiêu đề"}
    assert "năm 2024" in answer.answer and "năm 2022" in answer.answer


# -- narrowing to what is asked -----------------------------------------------------------------
def test_a_numbered_resolution_is_not_found_in_a_plan_that_names_another_resolution(fake_assistant):
    answer = fake_assistant.ask("Những kế hoạch nào nhắc đến Nghị quyết số 29-NQ/TW? Có phải cùng một nghị quyết không?")
    assert {c.doc_id for c in answer.citations} == {PHONG_DIEN, PHU_THANH_B}
    assert all("29-NQ/TW" in c.text for c in answer.citations)


def test_a_period_named_beside_a_plan_keeps_that_plans_figures_for_the_period(fake_assistant):
    answer = fake_assistant.ask("So sánh chỉ tiêu về chuẩn nghề nghiệp giáo viên giữa Tuần Giáo (2021-2025) và Ba Đình.")
    tuan_giao = [row for row in answer.table if row.get("section", "").startswith("II.2")]
    assert tuan_giao and all(row["period"] == "2021–2025" for row in tuan_giao)


def test_a_sentence_about_the_requirement_alone_beats_one_naming_it_in_passing(fake_assistant):
    answer = fake_assistant.ask("HT/PHT trường TH Cao Dương phải có LLCT trình độ nào?")
    assert [row["section"] for row in answer.table] == ["II.4"]
    assert "Trung cấp lý luận chính trị trở lên" in answer.answer


def test_a_shortage_asked_at_a_level_is_that_levels_figure_not_the_sectors_headcount(fake_assistant):
    answer = fake_assistant.ask("Cấp mầm non thiếu GV/VC so với biên chế: Ba Đình thiếu bao nhiêu, "
                                "còn KH của Tuần Giáo có nêu con số không?")
    ba_dinh = [row for row in answer.table if row.get("section") == "Phần 1 › II.1"]
    assert ba_dinh and ba_dinh[0]["value"] == "88 viên chức"
    assert not any("Trưởng phòng" in row.get("quote", "") for row in answer.table)


def test_being_appointed_to_a_rank_asks_for_the_rank_certificate(fake_assistant):
    answer = fake_assistant.ask("Giáo viên mầm non Tuần Giáo muốn được bổ nhiệm vào hạng chức danh nghề nghiệp thì cần điều kiện gì?")
    assert answer.table and {row["requirement"] for row in answer.table} == {"chứng chỉ theo tiêu chuẩn chức danh nghề nghiệp"}


def test_a_plan_without_the_shortage_figure_is_quoted_where_it_speaks_of_the_shortage(fake_assistant):
    answer = fake_assistant.ask("Cấp mầm non thiếu GV/VC so với biên chế: Ba Đình thiếu bao nhiêu, còn KH của "
                                "Tuần Giáo có nêu con số không và xử lý số GV thiếu thế nào?")
    tuan_giao = [row for row in answer.table if row["plan"].endswith("Tuần Giáo, 7/2020")]
    assert tuan_giao and all(row["value"] == phrases.NO_FIGURE for row in tuan_giao)
    assert any("còn thiếu" in row["quote"] for row in tuan_giao)


def test_professional_level_of_managers_is_compared_from_the_managers_figures(fake_assistant):
    answer = fake_assistant.ask("So sánh trình độ chuyên môn của CBQL ở quận Ba Đình, trường TH Cao Dương và trường MN Phú Thành B.")
    quotes = " ".join(row.get("quote", "") for row in answer.table)
    assert "42%" in quotes and "100% cán bộ quản lý đạt trình độ Đại học" in quotes
    assert "Kế toán" not in quotes  # a plan without a figure is quoted where it speaks of managers


def test_a_mention_topic_ends_where_a_new_clause_begins(fake_assistant):
    answer = fake_assistant.ask("Những kế hoạch nào có nội dung về xã hội hóa giáo dục, và mỗi kế hoạch đặt vấn đề đó ra sao?")
    lead = phrases.MENTION_LEAD.split("{plans}")[0].format(topic="xã hội hóa giáo dục")
    assert answer.answer.startswith(lead)


def test_a_mention_needs_most_of_the_phrase_not_only_its_commonest_word(fake_assistant):
    answer = fake_assistant.ask("Những kế hoạch nào có nhắc đến cổng thông tin điện tử hoặc trang thông tin điện tử?")
    assert BA_DINH not in {c.doc_id for c in answer.citations}  # "thông tin kịp thời" is no web portal
    assert all("thông tin điện tử" in c.text for c in answer.citations)
    teachers = fake_assistant.ask("Những kế hoạch nào nói về đội ngũ giáo viên cốt cán?")
    assert TUAN_GIAO in {c.doc_id for c in teachers.citations}  # "đội ngũ cốt cán tại đơn vị"


def test_duties_of_a_kind_of_body_come_from_each_plans_section_for_that_kind(fake_assistant):
    answer = fake_assistant.ask("Các trường học được giao trách nhiệm gì trong ĐA 2921 của Ba Đình, KH đào tạo bồi "
                                "dưỡng GDMN của Tuần Giáo và KH 127 của trường MN Phú Thành B?")
    assert {(c.doc_id, c.section) for c in answer.citations} >= {
        (BA_DINH, "Phần 3 › 5"), (TUAN_GIAO, "V.5"), (PHU_THANH_B, "IV.2")}
    assert answer.answer.startswith(phrases.AGENCY_LEAD.split("{")[0])


def test_the_kind_of_figure_asked_decides_which_records_may_answer():
    from assistant.structured import _asked_unit, _unit_fits

    assert _asked_unit("giao vien hoc bdtx bao nhieu tiet moi nam") == "tiết"
    assert _asked_unit("ty le giao vien dat chuan la bao nhieu") == "%"
    assert _asked_unit("co bao nhieu giao vien") == "count"
    assert not _unit_fits("%", "tiết") and _unit_fits("tiết/năm học", "tiết")
    assert _unit_fits("người", "count") and not _unit_fits("%", "count")
    # a span of time or a count of modules is no share and no head count
    assert _asked_unit("cbql moi bo nhiem phai co chung chi trong bao lau") == "thời gian"
    assert _asked_unit("moi giao vien chon toi thieu may mo dun") == "mô đun"
    assert not _unit_fits("%", "thời gian") and not _unit_fits("giáo viên", "mô đun")
    assert _unit_fits("tháng", "thời gian")


@pytest.mark.parametrize("said", ["trình độ đào tạo", "trình độ chuyên môn"])
def test_a_comparison_heading_names_the_metric_in_the_words_asked(fake_assistant, said):
    """Two metric groups with the same members: the heading says the one the user typed."""
    answer = fake_assistant.ask(f"So sánh tỷ lệ giáo viên đạt chuẩn {said} giữa các kế hoạch")
    assert answer.table is not None or "|" in answer.answer
    first = answer.answer.split("\n")[0]
    other = "trình độ chuyên môn" if said == "trình độ đào tạo" else "trình độ đào tạo"
    assert said in first and other not in first, first


def test_the_compare_picker_offers_group_names_users_type():
    from assistant.targets import metric_choices, metric_names

    choices = metric_choices()
    assert "trình độ đào tạo" in choices and "chuẩn nghề nghiệp" in choices
    assert set(metric_names()) <= set(choices) and len(choices) == len(set(choices))

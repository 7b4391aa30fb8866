"""The question is understood in one module that sits below every stage that reads it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"


def _imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text("utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_no_import_circle_between_the_answering_stages():
    # structured answers and the composer both read the question and the evidence; neither
    # reaches into the other's module
    assert "answering" not in _imports("structured")
    assert "answering" not in _imports("question") and "structured" not in _imports("question")
    assert "retrieval" not in _imports("question")
    assert "answering" not in _imports("retrieval")


def test_the_question_module_holds_what_reads_the_question():
    from assistant import question

    for name in ("check_question", "resolve_followup", "named_plans", "analyze", "restored", "question_stopwords"):
        assert hasattr(question, name), name


def _plans():
    from assistant.manifest import PlanInfo

    def plan(doc_id, number, doc_type, aliases, period):
        return PlanInfo(doc_id=doc_id, source=f"{doc_id}.txt", sha256="0" * 64, number=number, doc_type=doc_type,
                        aliases=aliases, period=period)

    return {
        "ln-2022": plan("ln-2022", "146/KH-UBND", "Kế hoạch", ["Lục Ngạn", "146/KH-UBND", "146"], "2022–2025"),
        "ln-2025": plan("ln-2025", "18/KH-UBND", "Kế hoạch", ["Lục Ngạn", "18/KH-UBND", "18"], "2025"),
        "tk": plan("tk", "52/ĐA-UBND", "Đề án", ["Tam Kỳ", "52/ĐA-UBND", "52"], "2022–2026"),
        "nd": plan("nd", "52/KH-PTDTBT", "Kế hoạch", ["Nấm Dẩn", "52/KH-PTDTBT", "52"], "2023–2024"),
        "mcc": plan("mcc", "18/2022/QĐ-UBND", "Quyết định", ["Mù Cang Chải", "18/2022/QĐ-UBND", "18"], "2022–2025"),
    }


def test_plans_sharing_one_name_are_not_told_apart_but_two_names_or_a_number_are():
    from assistant.question import named_apart

    plans = _plans()
    both = ["ln-2022", "ln-2025"]
    assert not named_apart("Lục Ngạn có bao nhiêu giáo viên chưa đạt chuẩn?", plans, both)
    assert not named_apart("luc ngan giao vien di hoc duoc ho tro bao nhieu", plans, both)
    assert named_apart("Lục Ngạn và Tam Kỳ hỗ trợ học phí bao nhiêu?", plans, ["ln-2022", "tk"])
    assert named_apart("KH 146 và KH 18 của Lục Ngạn khác nhau thế nào?", plans, both)


def test_a_number_names_one_of_two_plans_of_the_same_place():
    from assistant.question import named_plans

    assert named_plans("Kế hoạch 146/KH-UBND của huyện Lục Ngạn ban hành ngày nào?", _plans()) == ["ln-2022"]
    assert named_plans("KH 18 Lục Ngạn 2025: chỉ tiêu là bao nhiêu?", _plans()) == ["ln-2025"]


def test_the_type_before_a_number_tells_two_plans_numbered_alike_apart():
    from assistant.question import named_plans

    assert named_plans("Đề án 52 và KH 18 hỗ trợ học phí thế nào?", _plans()) == ["ln-2025", "tk"]
    assert set(named_plans("Văn bản số 52 nói gì?", _plans())) == {"tk", "nd"}


def test_a_shared_place_with_a_year_names_the_plans_whose_period_holds_it_most_tightly():
    from assistant.question import named_plans

    assert named_plans("Huyện Lục Ngạn cử bao nhiêu GV đi học năm 2024?", _plans()) == ["ln-2022"]
    assert named_plans("Kế hoạch năm 2025 của huyện Lục Ngạn thưởng bao nhiêu?", _plans()) == ["ln-2025"]
    assert named_plans("Huyện Lục Ngạn thưởng bao nhiêu?", _plans()) == ["ln-2022", "ln-2025"]


def test_a_number_shared_by_a_decision_goes_to_the_plan_of_the_type_and_place_named():
    from assistant.question import named_plans

    assert named_plans("KH 18 Lục Ngạn: chỉ tiêu bồi dưỡng CBQL là mấy người?", _plans()) == ["ln-2025"]
    assert named_plans("Kế hoạch kèm Quyết định 18 có mấy điều?", _plans()) == ["mcc"]
    assert named_plans("Đề án kèm theo QĐ 18 của Mù Cang Chải nói gì?", _plans()) == ["mcc"]


@pytest.mark.parametrize("question,expected", [
    ("Tuần Giáo có những giải pháp gì để bồi dưỡng giáo viên mầm non?", True),
    ("Về xã hội hóa giáo dục, Phú Thành B và Ba Đình nêu những gì?", True),
    ("Tóm tắt các giải pháp chính của đề án Ba Đình", True),
    ("Kế toán ở trường Cao Dương yêu cầu trình độ như thế nào?", True),
    ("ve xa hoi hoa giao duc ke hoach neu nhung gi", True),
    ("Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?", False),
    ("Bao nhiêu giáo viên mầm non ở Tuần Giáo được xếp loại Tốt?", False),
    ("Ai ký đề án 2921?", False),
    ("Tỷ lệ giáo viên đạt chuẩn như thế nào?", False),  # a figure is asked: quoted, not written
])
def test_open_questions_are_told_from_questions_after_one_fact(question, expected):
    from assistant.question import open_ended

    assert open_ended(question) is expected


def test_a_question_pointing_back_with_đó_or_này_is_a_follow_up():
    from assistant.question import resolve_followup

    earlier = "Theo đề án của huyện Mai Châu, lớp học tiếng Thái kéo dài bao lâu?"
    assert resolve_followup("Lớp đó học vào những buổi nào, và cơ quan nào chủ trì tổ chức?", [earlier]).endswith(earlier)
    assert resolve_followup("Kế hoạch của Ba Đình đặt chỉ tiêu giáo viên đạt chuẩn là bao nhiêu?", [earlier]).endswith("?")
    assert earlier not in resolve_followup("Kế hoạch của Ba Đình đặt chỉ tiêu giáo viên đạt chuẩn là bao nhiêu?", [earlier])



@pytest.mark.parametrize("question, parts", [
    ("Năm học 2020 - 2021, tỷ lệ GV tiểu học đạt chuẩn là bao nhiêu, và đề án muốn đạt mức nào vào năm 2024?",
     ["Năm học 2020 - 2021, tỷ lệ GV tiểu học đạt chuẩn là bao nhiêu?", "đề án muốn đạt mức nào vào năm 2024?"]),
    ("Bắc Mê đã cử bao nhiêu giáo viên đi học nâng chuẩn và có bao nhiêu người đã ra trường?",
     ["Bắc Mê đã cử bao nhiêu giáo viên đi học nâng chuẩn?", "có bao nhiêu người đã ra trường?"]),
    # one question: the words joined by "và" ask nothing of their own
    ("Giáo viên và CBQL huyện Lục Ngạn đạt chuẩn bao nhiêu?", ["Giáo viên và CBQL huyện Lục Ngạn đạt chuẩn bao nhiêu?"]),
    # the second part leans on the first ("kế hoạch đó"): asked as one
    ("Trường dựa vào kế hoạch nào của Sở, kế hoạch đó ra ngày nào?", ["Trường dựa vào kế hoạch nào của Sở, kế hoạch đó ra ngày nào?"]),
    # parts asking other things than figures
    ("Kế hoạch yêu cầu tôi phải có gì và tham gia tập huấn khi nào?",
     ["Kế hoạch yêu cầu tôi phải có gì?", "tham gia tập huấn khi nào?"]),
    # pointing back at a thing given, not asked: still two questions
    ("Năm 2021 cử bao nhiêu giáo viên đi học và kinh phí hỗ trợ năm đó bao nhiêu?",
     ["Năm 2021 cử bao nhiêu giáo viên đi học?", "kinh phí hỗ trợ năm đó bao nhiêu?"]),
    # a part of words asking only when asks more of the part before it
    ("Tôi phải gửi hồ sơ đăng ký trước mấy giờ, ngày nào?", ["Tôi phải gửi hồ sơ đăng ký trước mấy giờ, ngày nào?"]),
    # the seam just before the second question word, not a "và" inside the plan's title
    ("Ai là người ký Quyết định ban hành Kế hoạch đào tạo, bồi dưỡng GV và CBQL mầm non huyện X, ký với chức vụ gì?",
     ["Ai là người ký Quyết định ban hành Kế hoạch đào tạo, bồi dưỡng GV và CBQL mầm non huyện X?", "ký với chức vụ gì?"]),
    # "có … không" asks too
    ("Còn năm 2026 thì cử bao nhiêu người, có còn cử giáo viên mầm non không?",
     ["Còn năm 2026 thì cử bao nhiêu người?", "có còn cử giáo viên mầm non không?"]),
    # one question ends and the next begins: that is the seam, not a comma listing who is counted
    ("Huyện có tổng cộng bao nhiêu CBQL, giáo viên thuộc đối tượng BDTX? Riêng cấp tiểu học là bao nhiêu người?",
     ["Huyện có tổng cộng bao nhiêu CBQL, giáo viên thuộc đối tượng BDTX?", "Riêng cấp tiểu học là bao nhiêu người?"]),
    # "bao lâu" asks too
    ("Giáo viên mầm non được cử đi học sẽ học ở trường nào và học trong bao lâu?",
     ["Giáo viên mầm non được cử đi học sẽ học ở trường nào?", "học trong bao lâu?"]),
    # a part weighing the others asks nothing of its own
    ("Tỷ lệ CBQL có trung cấp LLCT của tỉnh A và của huyện B là bao nhiêu, nơi nào cao hơn?",
     ["Tỷ lệ CBQL có trung cấp LLCT của tỉnh A và của huyện B là bao nhiêu, nơi nào cao hơn?"]),
])
def test_a_question_asking_two_things_is_read_as_its_parts(question, parts):
    from assistant.question import question_parts

    assert question_parts(question) == parts


def test_a_place_said_of_a_school_named_alone_names_no_other_plan_there():
    from assistant.manifest import PlanInfo
    from assistant.question import named_plans

    def school(doc_id, name, locality):
        return PlanInfo(doc_id=doc_id, source=f"{doc_id}.txt", sha256="0" * 64, school=f"Trường THCS {name}",
                        locality=locality, aliases=[name, "Châu Thành"])

    plans = {"an-hiep": school("an-hiep", "An Hiệp", "Trường THCS An Hiệp, huyện Châu Thành, tỉnh Bến Tre"),
             "hoa-loi": school("hoa-loi", "Hòa Lợi", "Trường THCS Hòa Lợi, huyện Châu Thành, tỉnh Trà Vinh")}
    assert named_plans("Ở Trường THCS An Hiệp (Châu Thành, Bến Tre) có bao nhiêu GV đạt chuẩn?", plans) == ["an-hiep"]
    assert named_plans("Các trường ở huyện Châu Thành có bao nhiêu GV đạt chuẩn?", plans) == ["an-hiep", "hoa-loi"]
    assert named_plans("So sánh THCS An Hiệp và THCS Hòa Lợi", plans) == ["an-hiep", "hoa-loi"]


def test_a_join_said_with_a_word_is_a_stronger_seam_than_a_listing_comma():
    from assistant.question import question_parts

    assert question_parts("Phòng xin bao nhiêu kinh phí cho kế hoạch nâng chuẩn, bồi dưỡng 2024 - 2026, và riêng năm 2024 "
                          "là bao nhiêu?") == ["Phòng xin bao nhiêu kinh phí cho kế hoạch nâng chuẩn, bồi dưỡng 2024 - 2026?",
                                               "riêng năm 2024 là bao nhiêu?"]


def test_a_part_saying_its_own_time_does_not_take_the_other_parts_time_or_tense():
    from assistant.question import part_context

    whole = "Trường A hiện có tỷ lệ GV đạt chuẩn nghề nghiệp mức khá trở lên là bao nhiêu, và năm học 2024 - 2025 đặt mục tiêu bao nhiêu?"
    goal = part_context(whole, "năm học 2024 - 2025 đặt mục tiêu bao nhiêu?")
    assert "Trường A" in goal and "chuẩn nghề nghiệp" in goal and "hiện có" not in goal
    now = part_context(whole, "Trường A hiện có tỷ lệ GV đạt chuẩn nghề nghiệp mức khá trở lên là bao nhiêu?")
    assert "2024" not in now and "mục tiêu" not in now
    # a part saying neither takes both: "trong đó mầm non …" is about the year of the whole
    whole = "Năm 2024 huyện B giao chỉ tiêu cử bao nhiêu GV đi học, trong đó mầm non được bao nhiêu suất?"
    assert "Năm 2024" in part_context(whole, "trong đó mầm non được bao nhiêu suất?")
    # the words that place a time go with it: "cuối" of "cuối năm học 2024 - 2025" is no topic
    whole = "Tỷ lệ GV đạt chuẩn năm học 2023 - 2024 là bao nhiêu, và cuối năm học 2024 - 2025 đặt mục tiêu bao nhiêu?"
    assert "cuối" not in part_context(whole, "Tỷ lệ GV đạt chuẩn năm học 2023 - 2024 là bao nhiêu?")


@pytest.mark.parametrize("question, kept", [
    ("Theo kế hoạch bồi dưỡng đội ngũ năm học 2024 của Trường X, ai phụ trách?", "Theo kế hoạch của Trường X, ai phụ trách?"),
    # any document type names the plan, not only kế hoạch / đề án
    ("Theo hướng dẫn BDTX năm học 2023-2024 của Sở Y, mỗi GV học bao nhiêu tiết?", "Theo hướng dẫn của Sở Y, mỗi GV học bao nhiêu tiết?"),
    ("Theo tờ trình về nâng chuẩn của Sở Y, xin bao nhiêu?", "Theo tờ trình của Sở Y, xin bao nhiêu?"),
])
def test_the_title_words_of_a_named_plan_are_no_asked_content(question, kept):
    from types import SimpleNamespace

    from assistant.question import _without_descriptors

    index = SimpleNamespace(plans={"x": SimpleNamespace(aliases=["của Trường X", "của Sở Y"])})
    assert " ".join(_without_descriptors(question, ["x"], index).split()) == kept


def test_a_document_of_another_type_asked_by_number_is_looked_for_in_the_legal_bases():
    from assistant.manifest import PlanInfo
    from assistant.question import analyze

    report = PlanInfo(doc_id="bc", source="bc.txt", doc_type="Báo cáo", number="38/BC-PGDĐT", aliases=["Khoái Châu", "38/BC-PGDĐT", "38"])
    query = analyze("Báo cáo 38/BC-PGDĐT của Khoái Châu đánh giá kế hoạch số mấy, kế hoạch đó ban hành ngày nào?", {"bc": report})
    assert query.doc_ids == ["bc"] and "bases" in query.wants and "header" not in query.wants
    own = analyze("Báo cáo của Khoái Châu số mấy, ban hành ngày nào?", {"bc": report})
    assert "header" in own.wants


def test_a_plan_word_before_a_counted_figure_asks_the_figure_planned_not_a_documents_number():
    from assistant.question import KIND_BY_NUMBER_Q

    def key(text: str) -> str:
        from assistant.text import fold, strip_diacritics

        return " " + " ".join(strip_diacritics(fold(text)).replace("?", " ").split()) + " "

    assert KIND_BY_NUMBER_Q.search(key("Báo cáo này đánh giá kế hoạch số mấy?"))
    assert KIND_BY_NUMBER_Q.search(key("Trường thực hiện kế hoạch nào?"))
    assert not KIND_BY_NUMBER_Q.search(key("Năm học 2023-2024 kế hoạch bao nhiêu người hoàn thành BDTX?"))


@pytest.mark.parametrize("question, asks", [("cô phó hiệu trưởng nào được giao theo dõi tiến độ?", True),
                                            ("học trong bao lâu?", True), ("Còn của Lục Ngạn?", False)])
def test_a_followup_without_a_word_that_asks_asks_again_what_came_before(question, asks):
    from assistant.question import asks_something

    assert asks_something(question) is asks

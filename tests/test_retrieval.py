"""assistant.retrieval on the real plans indexed with the fake embedder: plan detection, hybrid ranking."""

import pytest

from assistant.question import analyze, named_plans
from assistant.retrieval import HybridRetriever
from conftest import BA_DINH, CAO_DUONG, PHONG_DIEN, PHU_THANH_B, TUAN_GIAO


@pytest.fixture(scope="module")
def retriever(fake_index):
    return HybridRetriever(fake_index)


@pytest.mark.parametrize(
    "question,expected",
    [
        ("Kế hoạch 118 đặt chỉ tiêu gì?", [PHONG_DIEN]),
        ("kế hoạch số 118/KH-UBND", [PHONG_DIEN]),
        ("Ai ký KH 127?", [PHU_THANH_B]),
        ("Đề án 2921 có mấy phần?", [BA_DINH]),
        ("ở Tuần Giáo giáo viên cần gì", [TUAN_GIAO]),
        ("quan Ba Dinh thieu bao nhieu giao vien", [BA_DINH]),  # typed without diacritics
        ("TRƯỜNG MẦM NON PHÚ THÀNH B", [PHU_THANH_B]),
        ("huyện Tam Nông", [PHU_THANH_B]),
        ("trường tiểu học cao dương", [CAO_DUONG]),
        ("So sánh Phong Điền và Ba Đình", [BA_DINH, PHONG_DIEN]),
    ],
)
def test_named_plans_detects_number_place_or_school(fake_index, question, expected):
    assert sorted(named_plans(question, fake_index.plans)) == sorted(expected)


@pytest.mark.parametrize(
    "question",
    [
        "100% giáo viên đạt chuẩn đến năm 2025",  # numbers that are not plan numbers
        "Kế hoạch 1180 nói gì?",
        "Tuần Giáoo",  # a longer word is not the place
        "giáo viên mầm non",
    ],
)
def test_named_plans_ignores_numbers_and_words_that_name_no_plan(fake_index, question):
    assert named_plans(question, fake_index.plans) == []


def test_analyze_reads_what_the_question_asks(fake_index):
    assert analyze("Ai ký đề án 2921?", fake_index.plans).wants == {"signature"}
    assert analyze("Kế hoạch 118 ban hành ngày nào?", fake_index.plans).wants == {"header"}
    assert analyze("Mục tiêu đến năm 2025 là bao nhiêu phần trăm?", fake_index.plans).wants == {"target", "amount"}
    assert "status" in analyze("Thực trạng đội ngũ hiện nay", fake_index.plans).wants
    assert "bases" in analyze("Kế hoạch căn cứ vào văn bản nào?", fake_index.plans).wants
    assert analyze("Những kế hoạch nào nói về tin học?", fake_index.plans).cross_plan
    assert not analyze("Tuần Giáo nói gì về tin học?", fake_index.plans).cross_plan


def test_analyze_spells_out_abbreviations(fake_index):
    query = analyze("HT/PHT trường TH phải có LLCT trình độ nào?", fake_index.plans)
    assert "hiệu trưởng" in query.expanded and "lý luận chính trị" in query.expanded


def test_national_standard_question_ranks_the_target_section_first(retriever):
    hits = retriever.search("Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào")
    assert (hits[0].chunk.doc_id, hits[0].chunk.section) == (PHU_THANH_B, "I.2")
    assert "Chuẩn quốc gia vào năm 2023" in hits[0].chunk.text
    assert hits[0].dense_rank and hits[0].bm25_rank  # found by both retrievers
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_named_plan_filters_the_hits(retriever):
    hits = retriever.search("Ba Đình thiếu bao nhiêu giáo viên", k=8)
    assert len(hits) == 8
    assert {h.chunk.doc_id for h in hits} == {BA_DINH}


def test_explicit_doc_ids_override_the_detected_plan(retriever):
    hits = retriever.search("Tuần Giáo giáo viên đạt chuẩn", k=5, doc_ids=[CAO_DUONG])
    assert hits and {h.chunk.doc_id for h in hits} == {CAO_DUONG}


def test_question_typed_without_diacritics_finds_the_same_passages(retriever):
    with_marks = retriever.search("Giáo viên mầm non Tuần Giáo giai đoạn 2021-2025 đạt chuẩn nghề nghiệp mức khá", k=3)
    without = retriever.search("giao vien mam non tuan giao giai doan 2021-2025 dat chuan nghe nghiep muc kha", k=3)
    assert {h.chunk.section for h in with_marks} == {h.chunk.section for h in without}
    assert "II.2.b" in {h.chunk.section for h in without}


def test_abbreviated_question_finds_what_the_spelled_out_one_finds(retriever):
    short = retriever.search("HT/PHT trường TH Cao Dương phải có LLCT trình độ nào?", k=1)
    long = retriever.search("Hiệu trưởng, phó hiệu trưởng trường Tiểu học Cao Dương phải có lý luận chính trị trình độ nào?", k=1)
    assert (short[0].chunk.doc_id, short[0].chunk.section) == (long[0].chunk.doc_id, long[0].chunk.section) == (CAO_DUONG, "II.4")


@pytest.mark.parametrize(
    "question,section",
    [("Ai ký đề án 2921?", "Chữ ký"), ("Kế hoạch 118 ban hành ngày nào?", "Tiêu đề"), ("Kế hoạch 118 căn cứ vào văn bản nào?", "Căn cứ")],
)
def test_shape_words_steer_to_the_special_sections(retriever, question, section):
    assert retriever.search(question, k=1)[0].chunk.section == section


def test_k_limits_the_hits(retriever):
    assert len(retriever.search("giáo viên đạt chuẩn", k=3)) == 3
    assert len(retriever.search("giáo viên đạt chuẩn")) == retriever.settings.top_k


def test_words_absent_from_every_plan_give_no_lexical_hits(retriever):
    query = analyze("xyzzy quux", retriever.index.plans)
    assert retriever.lexical(query, 10) == []


def test_a_question_with_diacritics_matches_names_with_their_diacritics(fake_index):
    from assistant.manifest import PlanInfo

    plans = {"x": PlanInfo(doc_id="x", source="x.txt", aliases=["Chợ Mới"])}
    assert named_plans("hỗ trợ bao nhiêu tiền cho mỗi giáo viên?", plans) == []
    assert named_plans("Trường ở huyện Chợ Mới có bao nhiêu giáo viên?", plans) == ["x"]
    assert named_plans("truong o huyen cho moi co bao nhieu giao vien", plans) == ["x"]

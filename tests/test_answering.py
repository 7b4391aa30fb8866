import pytest

from assistant import phrases
from assistant.answering import QuestionError
from assistant.citations import verify
from assistant.retrieval import named_plans


def test_detects_plans_named_by_number_place_or_without_diacritics(fake_index):
    plans = fake_index.plans
    assert named_plans("Kế hoạch 118 đặt chỉ tiêu gì?", plans) == ["kh-118-ubnd-phong-dien-2024"]
    assert named_plans("ở Tuần Giáo giáo viên cần gì", plans) == ["kh-ubnd-tuan-giao-2020"]
    assert named_plans("quan Ba Dinh thieu bao nhieu giao vien", plans) == ["da-2921-ubnd-ba-dinh-2021"]
    assert named_plans("100% giáo viên đạt chuẩn", plans) == []


def test_answers_with_the_year_and_a_verbatim_citation(fake_assistant):
    answer = fake_assistant.ask("Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?")
    assert not answer.abstained
    assert "2023" in answer.answer
    cite = answer.citations[0]
    assert (cite.doc_id, cite.section) == ("kh-127-mnptb-phu-thanh-b-2021", "I.2")
    text = fake_assistant.index.text(cite.doc_id)
    section = fake_assistant.index.parsed(cite.doc_id).find(cite.section)
    assert verify(cite, text, text[section.start : section.end])
    assert text[cite.start : cite.end].replace("\n", " ").startswith(cite.text[:20])


def test_follow_up_is_resolved_against_the_earlier_question(fake_assistant):
    answer = fake_assistant.ask("Còn Ba Đình thì sao?", ["Tuần Giáo đặt mục tiêu bao nhiêu phần trăm giáo viên đạt chuẩn nghề nghiệp?"])
    assert answer.citations and answer.citations[0].doc_id == "da-2921-ubnd-ba-dinh-2021"


@pytest.mark.parametrize(
    "question,message",
    [("", phrases.EMPTY_QUESTION), ("   ?!...", phrases.PUNCT_QUESTION)],
)
def test_bad_questions_get_a_clear_message(fake_assistant, question, message):
    with pytest.raises(QuestionError) as err:
        fake_assistant.ask(question)
    assert str(err.value) == message


def test_too_long_question_is_refused(fake_assistant):
    with pytest.raises(QuestionError) as err:
        fake_assistant.ask("giáo viên " * 600)
    assert str(err.value).startswith("Câu hỏi quá dài")


@pytest.mark.parametrize(
    "question",
    [
        "Huyện Mường Chà có kế hoạch đào tạo giáo viên mầm non không?",
        "Ai ký kế hoạch 127/KH-MNPTB?",
        "Kế hoạch của Tuần Giáo có số hiệu bao nhiêu?",
    ],
)
def test_abstains_and_cites_nothing_when_the_plans_do_not_say(fake_assistant, question):
    answer = fake_assistant.ask(question)
    assert answer.abstained
    assert answer.answer == phrases.NOT_FOUND
    assert answer.citations == []


def test_signature_question_quotes_the_signature_block(fake_assistant):
    answer = fake_assistant.ask("Ai ký đề án 2921?")
    assert "Tạ Nam Chiến" in answer.answer
    assert answer.citations[0].section == phrases.SECTION_SIGNATURE

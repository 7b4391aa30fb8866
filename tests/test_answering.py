"""assistant.answering on the real plans with the fake embedder: cited answers, follow-ups, abstention."""

import pytest

from assistant import phrases
from assistant.answering import Assistant
from assistant.evidence import Answer
from assistant.question import QuestionError, check_question, resolve_followup
from assistant.citations import verify
from assistant.text import clean_display, fold
from conftest import BA_DINH, CAO_DUONG, PHONG_DIEN, PHU_THANH_B, TUAN_GIAO

NATIONAL_STANDARD = "Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?"


def assert_cited_verbatim(index, citation):
    """The quote stands word for word in the cited section, and its span points at it in the file."""
    text = index.text(citation.doc_id)
    section = index.parsed(citation.doc_id).find(citation.section)
    assert section is not None, citation.section
    assert verify(citation, text, text[section.start : section.end])
    assert section.start <= citation.start < citation.end <= section.end
    assert fold(clean_display(text[citation.start : citation.end])) == fold(citation.text)


def test_answers_the_year_with_a_verbatim_citation_of_section_I2(fake_assistant):
    answer = fake_assistant.ask(NATIONAL_STANDARD)
    assert not answer.abstained
    assert "2023" in answer.answer
    assert answer.answer.startswith("Năm 2023.")
    cite = answer.citations[0]
    assert (cite.doc_id, cite.section) == (PHU_THANH_B, "I.2")
    assert "2023" in cite.text
    assert f"“{cite.text}”" in answer.answer  # the quote is in the answer itself
    assert f"[{cite.id}]" in answer.answer
    assert "127/KH-MNPTB" in answer.answer and "mục I.2" in answer.answer
    assert_cited_verbatim(fake_assistant.index, cite)


def test_citation_carries_the_plan_metadata(fake_assistant):
    cite = fake_assistant.ask(NATIONAL_STANDARD).citations[0]
    assert cite.number == "127/KH-MNPTB"
    assert "Phú Thành B" in cite.locality
    assert cite.title.startswith("Nâng cao chất lượng nguồn nhân lực")
    assert cite.heading == "MỤC TIÊU › Mục tiêu cụ thể"
    assert cite.source.endswith("kh-127-mnptb-phu-thanh-b-2021.txt")


def test_a_citation_that_is_not_in_the_plan_fails_verification(fake_assistant):
    cite = fake_assistant.ask(NATIONAL_STANDARD).citations[0]
    text = fake_assistant.index.text(cite.doc_id)
    forged = cite.model_copy(update={"text": cite.text.replace("2023", "2024")})
    assert not verify(forged, text)
    other = fake_assistant.index.parsed(cite.doc_id).find("I.1")
    assert not verify(cite, text, text[other.start : other.end])  # right plan, wrong section


@pytest.mark.parametrize(
    "question,history",
    [
        ("Tuần Giáo đặt mục tiêu bao nhiêu phần trăm giáo viên đạt chuẩn nghề nghiệp?", []),
        ("giao vien mam non Tuan Giao giai doan 2021-2025 dat chuan nghe nghiep muc kha bao nhieu phan tram", []),
        ("Ai ký đề án 2921?", []),
        ("Kế hoạch 118 ban hành ngày nào?", []),
        ("Còn Ba Đình thì sao?", ["Tuần Giáo đặt mục tiêu bao nhiêu phần trăm giáo viên đạt chuẩn nghề nghiệp?"]),
        ("Những kế hoạch nào nói về bồi dưỡng tin học?", []),
    ],
)
def test_every_citation_stands_verbatim_in_its_section(fake_assistant, question, history):
    answer = fake_assistant.ask(question, history)
    assert not answer.abstained and answer.citations
    assert [c.id for c in answer.citations] == [str(i + 1) for i in range(len(answer.citations))]
    for cite in answer.citations:
        assert_cited_verbatim(fake_assistant.index, cite)


def test_follow_up_is_answered_from_the_plan_it_names(fake_assistant):
    first = "Tuần Giáo đặt mục tiêu bao nhiêu phần trăm giáo viên đạt chuẩn nghề nghiệp?"
    assert fake_assistant.ask(first).citations[0].doc_id == TUAN_GIAO
    answer = fake_assistant.ask("Còn Ba Đình thì sao?", [first])
    assert not answer.abstained
    assert {c.doc_id for c in answer.citations} == {BA_DINH}
    assert "%" in answer.citations[0].text  # still about the percentage asked earlier


def test_follow_up_without_history_is_a_question_of_its_own(fake_assistant):
    assert resolve_followup("Còn Ba Đình thì sao?", []) == "Còn Ba Đình thì sao?"
    joined = resolve_followup("Còn Ba Đình thì sao?", ["câu một", "Tuần Giáo đặt mục tiêu gì?"])
    assert joined == "Còn Ba Đình thì sao? Tuần Giáo đặt mục tiêu gì?"  # only the last turn is carried
    full = "Đề án của Ba Đình đặt mục tiêu bao nhiêu phần trăm nhà giáo đạt trên chuẩn nghề nghiệp?"
    assert resolve_followup(full, ["Tuần Giáo đặt mục tiêu gì?"]) == full  # a full question stands alone


def test_blank_history_entries_are_ignored(fake_assistant):
    plain = fake_assistant.ask(NATIONAL_STANDARD)
    assert fake_assistant.ask(NATIONAL_STANDARD, ["", "   "]).answer == plain.answer


def test_signature_question_quotes_the_signature_block(fake_assistant):
    answer = fake_assistant.ask("Ai ký đề án 2921?")
    assert "Tạ Nam Chiến" in answer.answer
    assert answer.citations[0].section == phrases.SECTION_SIGNATURE


def test_asked_when_and_who_signed_quotes_the_header_and_the_signature(fake_assistant):
    answer = fake_assistant.ask("Đề án 2921 được ký ngày nào và ai là người ký?")
    assert [c.section for c in answer.citations] == [phrases.SECTION_HEADER, phrases.SECTION_SIGNATURE]
    assert "Tạ Nam Chiến" in answer.answer


def test_a_blank_number_does_not_silence_the_date_asked_with_it(fake_assistant):
    # Tuần Giáo prints "Số: /KH-UBND" but its month and year
    answer = fake_assistant.ask("Kế hoạch của Tuần Giáo mang số hiệu nào và ban hành khi nào?")
    assert not answer.abstained
    assert answer.citations[0].section == phrases.SECTION_HEADER


def test_a_follow_up_that_points_back_with_đó_continues_the_last_question(fake_assistant):
    answer = fake_assistant.ask("Người ký văn bản đó giữ chức vụ gì trong ủy ban?", ["Đề án 2921 của quận Ba Đình nói về gì?"])
    assert "Tạ Nam Chiến" in answer.answer
    assert {c.doc_id for c in answer.citations} == {BA_DINH}


def test_a_signer_question_naming_no_plan_answers_for_every_plan_not_one_at_random(fake_assistant):
    answer = fake_assistant.ask("Ai ký kế hoạch?")
    assert answer.answer.startswith(phrases.PER_PLAN_LEAD)
    assert {"Tạ Nam Chiến", "Hoàng Văn Thái", "Mùa Va Hồ"} <= {n for n in ("Tạ Nam Chiến", "Hoàng Văn Thái", "Mùa Va Hồ")
                                                            if n in answer.answer}
    assert all(c.section == phrases.SECTION_SIGNATURE for c in answer.citations)
    assert len({c.doc_id for c in answer.citations}) == len(answer.citations) >= 3


# ----------------------------------------------------------------------------- bad questions
@pytest.mark.parametrize(
    "question,message",
    [
        ("", phrases.EMPTY_QUESTION),
        ("   \n\t ", phrases.EMPTY_QUESTION),
        ("?", phrases.PUNCT_QUESTION),
        ("   ?!... …", phrases.PUNCT_QUESTION),
        ("%%% ---", phrases.PUNCT_QUESTION),
    ],
)
def test_empty_or_punctuation_only_questions_raise_with_the_fixed_phrase(fake_assistant, question, message):
    with pytest.raises(QuestionError) as err:
        fake_assistant.ask(question)
    assert str(err.value) == message


def test_a_5000_character_question_is_refused_with_its_length(fake_assistant):
    question = ("giáo viên đạt chuẩn " * 250)[:5000]
    assert len(question) == 5000
    with pytest.raises(QuestionError) as err:
        fake_assistant.ask(question)
    limit = fake_assistant.index.settings.max_question_chars
    assert str(err.value) == phrases.LONG_QUESTION.format(length=len(question.strip()), limit=limit)


def test_question_length_limit_counts_the_stripped_question():
    assert check_question("  " + "a" * 1000 + "  ", 1000) == "a" * 1000
    with pytest.raises(QuestionError):
        check_question("a" * 1001, 1000)


def test_question_errors_are_value_errors():
    assert issubclass(QuestionError, ValueError)


# ----------------------------------------------------------------------------- abstention
@pytest.mark.parametrize(
    "question",
    [
        "Huyện Mường Chà có kế hoạch gì?",
        "Huyện Mường Chà có kế hoạch đào tạo giáo viên mầm non không?",
        "Ai ký kế hoạch 127/KH-MNPTB?",  # the plan has no signature
        "Kế hoạch của Tuần Giáo có số hiệu bao nhiêu?",  # printed blank
        "Kế hoạch 999 đặt chỉ tiêu gì?",  # no such plan number
    ],
)
def test_abstains_and_cites_nothing_when_the_plans_do_not_say(fake_assistant, question):
    answer = fake_assistant.ask(question)
    assert answer.abstained
    assert answer.answer == phrases.NOT_FOUND
    assert answer.citations == []
    assert answer.reason  # logged for evals, not shown


def test_public_answer_has_stable_keys(fake_assistant):
    data = fake_assistant.ask(NATIONAL_STANDARD).public()
    assert set(data) == {"answer", "abstained", "citations", "answerer"}
    assert set(data["citations"][0]) == {"id", "doc_id", "title", "number", "locality", "section", "heading", "text", "source"}
    assert fake_assistant.ask("Huyện Mường Chà có kế hoạch gì?").public() == {
        "answer": phrases.NOT_FOUND, "abstained": True, "citations": [], "answerer": "composer"
    }


def test_a_composer_can_be_swapped_in(fake_index):
    class Echo:
        def compose(self, evidence, index):
            return Answer(answer=evidence.hits[0].chunk.section, abstained=False)

    answer = Assistant(fake_index, composer=Echo()).ask(NATIONAL_STANDARD)
    assert answer.answer == "I.2"


def test_answers_are_deterministic(fake_assistant):
    assert fake_assistant.ask(NATIONAL_STANDARD) == fake_assistant.ask(NATIONAL_STANDARD)


def test_answer_does_not_mix_up_plans(fake_assistant):
    answer = fake_assistant.ask("Kế hoạch 118 đặt chỉ tiêu gì về học sinh tốt nghiệp trung học cơ sở?")
    assert not answer.abstained
    assert {c.doc_id for c in answer.citations} == {PHONG_DIEN}


def test_a_city_named_after_a_person_the_plans_quote_is_still_unknown(fake_assistant):
    answer = fake_assistant.ask("Thành phố Hồ Chí Minh có kế hoạch gì?")
    assert answer.abstained and answer.citations == []


def test_how_many_schools_a_district_has_is_not_in_the_plans(fake_assistant):
    answer = fake_assistant.ask("Huyện Tam Nông có bao nhiêu trường?")
    assert answer.abstained and answer.citations == []


@pytest.mark.parametrize(
    "question",
    [
        "Kế hoạch của Tuần Giáo ban hành ngày nào?",  # the day is printed blank
        "Kế hoạch Tuần Giáo số hiệu?",  # the number is printed blank
        "Kế hoạch của trường Cao Dương số hiệu?",  # no "Số:" line at all
    ],
)
def test_blank_header_facts_abstain_with_or_without_a_question_mark(fake_assistant, question):
    assert fake_assistant.ask(question.rstrip("?")).abstained
    answer = fake_assistant.ask(question)
    assert answer.abstained and answer.citations == []


def test_which_plans_mention_a_topic_lists_each_plan_with_a_cited_sentence(fake_assistant):
    answer = fake_assistant.ask("Những kế hoạch nào nói về đội ngũ giáo viên cốt cán?")
    assert not answer.abstained
    assert answer.answer.startswith(phrases.MENTION_LEAD.split("“")[0])
    assert {c.doc_id for c in answer.citations} >= {TUAN_GIAO, BA_DINH}
    assert all("cốt cán" in c.text for c in answer.citations)


def test_a_topic_no_plan_mentions_is_not_found(fake_assistant):
    answer = fake_assistant.ask("Những kế hoạch nào nói về máy bay không người lái?")
    assert answer.abstained and answer.answer == phrases.NOT_FOUND and not answer.citations


def test_two_quotes_close_together_in_one_section_share_one_citation(fake_assistant):
    from assistant.answering import consolidate_answer
    from assistant.citations import cite as _cite

    index = fake_assistant.index
    chunk = next(c for c in index.chunks_of(TUAN_GIAO) if c.section == "II.2.b")
    lines = [line.lstrip("- ").strip() for line in chunk.text.split("\n")[1:] if len(line) > 20][:2]
    cites = [_cite(str(i + 1), chunk, clean_display(line), index) for i, line in enumerate(lines)]
    answer = Answer(answer=f"“{lines[0]}” [1] “{lines[1]}” [2]", abstained=False, citations=cites)
    merged = consolidate_answer(answer, index)
    assert [c.id for c in merged.citations] == ["1"]
    assert "[2]" not in merged.answer and merged.answer.count("[1]") == 2
    # the merged passage runs verbatim from the first quote to the last
    text = merged.citations[0].text
    assert fold(clean_display(lines[0])) in fold(text) and fold(clean_display(lines[1])) in fold(text)
    section = index.parsed(TUAN_GIAO).find("II.2.b")
    raw = index.text(TUAN_GIAO)
    assert verify(merged.citations[0], raw, raw[section.start : section.end])


def test_quotes_from_different_sections_keep_their_own_citations(fake_assistant):
    from assistant.answering import consolidate_answer
    from assistant.citations import cite as _cite

    index = fake_assistant.index
    a = next(c for c in index.chunks_of(TUAN_GIAO) if c.section == "II.2.a")
    b = next(c for c in index.chunks_of(TUAN_GIAO) if c.section == "II.2.b")
    cites = [_cite("1", a, clean_display(a.text.split("\n")[-1]).lstrip("- "), index),
             _cite("2", b, clean_display(b.text.split("\n")[-1]).lstrip("- "), index)]
    answer = Answer(answer="x [1] y [2]", abstained=False, citations=cites)
    assert [c.id for c in consolidate_answer(answer, index).citations] == ["1", "2"]


def test_a_passage_runs_back_to_the_short_heading_that_names_its_body(fake_assistant):
    answer = fake_assistant.ask("Ở huyện Tuần Giáo, cơ quan nào là cơ quan chủ trì thực hiện kế hoạch?")
    cite = answer.citations[0]
    assert cite.section == "V.1" and cite.text.startswith("Phòng Giáo dục và Đào tạo")
    assert "Là cơ quan chủ trì" in cite.text
    section = fake_assistant.index.parsed(TUAN_GIAO).find("V.1")
    raw = fake_assistant.index.text(TUAN_GIAO)
    assert verify(cite, raw, raw[section.start : section.end])


def test_a_heading_is_not_pulled_in_when_other_text_lies_between_it_and_the_quote(fake_assistant):
    answer = fake_assistant.ask("Trường Mầm non Phú Thành B phấn đấu đạt chuẩn quốc gia năm nào?")
    # "Mục tiêu cụ thể" heads I.2, but two other targets stand between it and the quoted one
    assert answer.citations[0].text == "Phần đấu đạt trường Chuẩn quốc gia vào năm 2023."


def test_a_long_heading_is_a_sentence_of_its_own_and_stays_out(fake_assistant):
    from assistant.citations import cite as _cite
    from assistant.citations import with_heading

    index = fake_assistant.index
    raw = index.text(TUAN_GIAO)
    chunk = next(c for c in index.chunks_of(TUAN_GIAO) if c.section == "V.1")
    cite = _cite("1", chunk, "Là cơ quan chủ trì", index)
    section = index.parsed(TUAN_GIAO).find("V.1")
    assert with_heading(cite, "Phòng Giáo dục và Đào tạo", section.start, raw).text.startswith("Phòng Giáo dục")
    assert with_heading(cite, "Phòng Giáo dục và Đào tạo " + "x" * 60, section.start, raw) == cite


def test_a_question_without_diacritics_still_gets_the_table_of_a_metric(fake_assistant):
    typed = fake_assistant.ask("ke hoach nao co chi tieu ve trinh do dao tao cua giao vien mam non")
    accented = fake_assistant.ask("kế hoạch nào có chỉ tiêu về trình độ đào tạo của giáo viên mầm non")
    assert accented.table and typed.table
    assert {c.doc_id for c in typed.citations} == {c.doc_id for c in accented.citations}


def test_a_party_programme_number_counts_as_the_document_asked(fake_assistant):
    answer = fake_assistant.ask("Đề án nâng cao chất lượng đội ngũ cán bộ, giáo viên Ba Đình được xây dựng "
                                "để thực hiện chương trình nào của Quận ủy?")
    assert not answer.abstained and len(answer.citations) == 1
    assert "09-CTr/QU" in answer.citations[0].text


def test_a_first_quote_that_answers_the_whole_question_gets_no_second_from_another_section(fake_assistant):
    question = "Theo đề án Ba Đình, cán bộ quản lý giáo dục được bổ nhiệm mới phải trưởng thành từ đâu?"
    evidence = fake_assistant.evidence(question, [])
    by_section = {h.chunk.section: h for h in evidence.hits if h.chunk.doc_id == BA_DINH}
    hits = [by_section["Phần 2 › I.1.2.a"], by_section["Phần 2 › II.3"]]
    composer = fake_assistant.composer
    chosen = composer.best_sentences(hits, evidence, fake_assistant.index)
    assert composer.sentence_coverage(evidence, chosen[0], fake_assistant.index) >= composer.full_coverage
    assert {s.chunk.section for s in chosen} == {"Phần 2 › I.1.2.a"}


def test_plans_signed_with_the_title_asked_are_listed_and_no_others(fake_assistant):
    deputy = fake_assistant.ask("Những kế hoạch nào do Phó Chủ tịch UBND huyện ký thay Chủ tịch?")
    assert {c.doc_id for c in deputy.citations} == {TUAN_GIAO, PHONG_DIEN}
    chair = fake_assistant.ask("Kế hoạch nào do Chủ tịch UBND ký?")
    assert {c.doc_id for c in chair.citations} == {BA_DINH}


def test_the_first_legal_basis_line_is_quotable(fake_assistant):
    answer = fake_assistant.ask("Kế hoạch nâng cao chất lượng nguồn nhân lực của trường mầm non Phú Thành B "
                                "được xây dựng căn cứ vào kế hoạch nào của huyện Tam Nông?")
    assert not answer.abstained and "749/KH-UBND" in answer.citations[0].text


def test_the_number_of_a_cited_decision_is_asked_even_of_a_plan_without_a_number(fake_assistant):
    answer = fake_assistant.ask("Đề án đào tạo, bồi dưỡng nhà giáo và cán bộ quản lý giáo dục mầm non giai đoạn "
                                "2018-2025 mà huyện Tuần Giáo căn cứ được Thủ tướng phê duyệt bằng quyết định số mấy?")
    assert not answer.abstained and "33/QĐ-TTg" in answer.citations[0].text


def test_a_head_count_asked_is_not_answered_with_percentages(fake_assistant):
    answer = fake_assistant.ask("Theo kế hoạch của huyện Tuần Giáo, đến năm 2025 cần tuyển dụng thêm cụ thể "
                                "bao nhiêu giáo viên mầm non?")
    assert answer.abstained and not answer.citations


def test_a_year_asked_passes_over_lines_headed_by_another_period(fake_assistant):
    answer = fake_assistant.ask("Đến 2025 Tuần Giáo phấn đấu bao nhiêu giáo viên mầm non đạt chuẩn nghề nghiệp mức khá?")
    assert answer.citations[0].section == "II.2.b" and "85%" in answer.answer


def test_title_words_that_name_the_plan_do_not_count_against_the_answer(fake_assistant):
    answer = fake_assistant.ask("Khi triển khai đề án nâng cao chất lượng đội ngũ của quận Ba Đình mà gặp vướng mắc "
                                "thì các đơn vị báo về cơ quan thường trực nào?")
    assert not answer.abstained and "Phòng Nội vụ quận" in answer.citations[0].text


def test_wanting_and_when_are_how_a_question_is_put_not_what_it_asks(fake_assistant):
    answer = fake_assistant.ask("Muốn được chọn làm giáo viên cốt cán ở các trường thuộc quận Ba Đình thì phải "
                                "đáp ứng những tiêu chuẩn gì?")
    assert not answer.abstained and "đánh giá xuất sắc theo chuẩn nghề nghiệp" in answer.answer


def test_a_list_asked_of_one_plan_quotes_more_of_its_items(fake_assistant):
    answer = fake_assistant.ask("Phần căn cứ pháp lý của đề án 2921 quận Ba Đình viện dẫn những nghị định và thông tư nào?")
    assert answer.answer.count("“") >= 3
    assert "Nghị định số 115/2020/NĐ-CP" in answer.answer


def test_a_topic_put_first_is_looked_for_in_each_compared_plan(fake_assistant):
    answer = fake_assistant.ask("Về xã hội hóa giáo dục, kế hoạch 127 của trường MN Phú Thành B và kế hoạch đào tạo, "
                                "bồi dưỡng GV mầm non của huyện Tuần Giáo nêu những gì, khác nhau ra sao?")
    sections = {(c.doc_id, c.section) for c in answer.citations}
    assert (TUAN_GIAO, "III.3") in sections  # headed "Đẩy mạnh xã hội hóa và hội nhập khu vực…"
    assert all(c.doc_id in (TUAN_GIAO, PHU_THANH_B) for c in answer.citations)


def test_whom_a_plan_is_sent_to_is_read_off_its_recipients_list(fake_assistant):
    sent = fake_assistant.ask("KH 127 có gửi cho CB-GV-NV trường không?")
    assert not sent.abstained and sent.citations[0].section == "Nơi nhận" and "CB-GV-NV" in sent.citations[0].text
    not_sent = fake_assistant.ask("KH 127 có gửi cho Sở Giáo dục và Đào tạo không?")
    assert not_sent.abstained  # its Nơi nhận names no Sở
    listed = fake_assistant.ask("Những kế hoạch, đề án nào có gửi Sở GD&ĐT trong phần Nơi nhận?")
    # (the fake embedder may miss one; none that sends to no Sở may be listed)
    assert BA_DINH in {c.doc_id for c in listed.citations}
    assert not {c.doc_id for c in listed.citations} & {PHONG_DIEN, PHU_THANH_B}


def test_no_plan_is_listed_as_signed_with_a_title_no_signature_block_shows(fake_assistant):
    answer = fake_assistant.ask("Kế hoạch nào do hiệu trưởng ký?")
    assert answer.abstained and not answer.citations


def test_a_sentence_about_other_years_does_not_answer_a_question_naming_a_period():
    from assistant.answering import _periods, _periods_meet

    assert _periods("Quyết định 05/2009/QĐ-UBND ngày 17/3/2009, giai đoạn 2009 - 2015") == [(2009, 2015)]
    assert not _periods_meet("Năm học 2018-2019, tỷ lệ giáo viên đạt chuẩn là bao nhiêu?", "Đạt 80% vào năm 2023.")
    assert _periods_meet("Kế hoạch 2021-2025 đặt chỉ tiêu gì?", "Đến năm 2023, 80% giáo viên đạt chuẩn.")
    assert _periods_meet("Tỷ lệ là bao nhiêu?", "Đến năm 2023, 80%.")


def test_a_school_year_is_not_the_next_one_and_a_grade_is_not_another():
    from assistant.answering import _grades_meet, _periods_meet

    assert not _periods_meet("trong năm học 2021-2022?", "Kết quả năm học 2022 - 2023: mức Tốt 21 GV.")
    assert _periods_meet("giai đoạn 2021-2025?", "Đến năm 2025, 100% GV đạt chuẩn.")
    assert not _grades_meet("chứng chỉ ngoại ngữ bậc 3 là bao nhiêu?", "ngoại ngữ: 14/33 GV có chứng chỉ bậc 2 trở lên.")
    assert _grades_meet("chứng chỉ ngoại ngữ bậc 3?", "30% GV đạt ngoại ngữ bậc 3.")
    assert _grades_meet("chứng chỉ ngoại ngữ bậc 3?", "GV có chứng chỉ ngoại ngữ.")


def test_tc_kh_is_the_finance_office_not_a_training_level():
    from assistant.text import expand_abbreviations

    assert "Tài chính - Kế hoạch" in expand_abbreviations("Phòng TC-KH bố trí kinh phí", keep_original=False)


def test_a_school_year_the_plan_never_names_has_no_figure():
    from assistant.answering import _ranges_present

    plan = "Kết quả năm học 2022 - 2023: mức Tốt 21 GV. Giai đoạn 2021 – 2025."
    assert not _ranges_present("bao nhiêu GV mức Tốt trong năm học 2021-2022?", plan)
    assert _ranges_present("năm học 2022-2023 có bao nhiêu GV mức Tốt?", plan)
    assert _ranges_present("giai đoạn 2021-2025 đặt chỉ tiêu gì?", plan)
    assert _ranges_present("năm 2023 có bao nhiêu?", plan)


def test_the_plans_own_period_in_the_question_names_the_plan_not_a_period():
    from assistant.answering import _periods_meet

    question = "Kế hoạch học tập thường xuyên năm 2022 căn cứ vào quyết định nào của Thủ tướng?"
    basis = "Căn cứ Quyết định số 711/QĐ-TTg phê duyệt chiến lược phát triển giáo dục 2011 - 2020;"
    assert _periods_meet(question, basis, own_period="2022")
    assert not _periods_meet(question, basis)


def test_the_words_naming_a_plans_own_issuer_or_number_are_not_asked_content(fake_assistant):
    own = fake_assistant.evidence("UBND quận Ba Đình đưa ra những giải pháp gì trong đề án 2921?")
    assert {u for u in own.units} & {("ủy", "ban"), ("nhân", "dân"), ("đề", "án")} == set()
    assert ("giải", "pháp") in own.units
    # the body of a document the plan cites is what is asked about: it stays
    cited = fake_assistant.evidence("Đề án 2921 căn cứ vào kế hoạch nào của UBND thành phố Hà Nội?")
    assert ("ủy", "ban") in cited.units


def test_có_bao_nhiêu_of_a_later_year_of_the_plan_asks_its_roadmap_not_its_status():
    from assistant.answering import ExtractiveComposer

    row = "Số GV tiểu học cử đi đào tạo nâng chuẩn: Năm 2022: 15; Năm 2023: 18; Năm 2024: 14."
    chunk = _chunk(row, "arabic", "III.2", trail=["III. MỤC TIÊU", "2. Chỉ tiêu cụ thể theo năm"],
                   heading="Chỉ tiêu cụ thể theo năm")
    composer = ExtractiveComposer()
    asked = "Trong năm 2023 huyện có bao nhiêu giáo viên tiểu học được cử đi học nâng chuẩn?"
    assert composer.answer_type_ok(asked, row, chunk, own_period="2022–2025")
    # the first year of the plan is the year its status is counted in: a target is no answer
    assert not composer.answer_type_ok(asked.replace("2023", "2022"), row, chunk, own_period="2022–2025")


def test_a_question_phrase_said_in_other_words_counts_as_covered():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()  # word weights from the fixed reference set: no index needed
    units = [("gợi", "ý"), ("mô", "đun")]
    said = composer.coverage(units, "Nhà trường khuyến khích chọn các mô đun GVMN 8, GVMN 12.", None)
    unsaid = composer.coverage(units, "Nhà trường tổ chức chọn các mô đun GVMN 8, GVMN 12.", None)
    assert said == 1.0 and unsaid < 1.0


def _chunk(text, kind="bases", section="Căn cứ", trail=None, heading=None):
    """A passage of plan "x": its section, and the headings above it (the last is its own)."""
    from assistant.chunking import Chunk

    trail = trail or [section]
    return Chunk(chunk_id=f"x#{section}", doc_id="x", section=section, section_kind=kind, heading=heading or trail[-1],
                 trail=trail, text=text, start=0, end=len(text), order=0)


def test_a_question_about_a_cited_document_is_not_answered_by_the_plans_own_number():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "Trường dựa trên kế hoạch số mấy của Phòng GD&ĐT thị xã, ban hành ngày nào?"
    header = "PHÒNG GD&ĐT THỊ XÃ ĐÔNG TRIỀU Số: 38/KH-THCSTQT Đông Triều, ngày 16 tháng 9 năm 2024 KẾ HOẠCH …"
    assert not composer.answer_type_ok(asked, header, _chunk(header, kind="header", section="Tiêu đề"), own_number="38/KH-THCSTQT")
    carried = "(Ban hành kèm theo Quyết định số 512/QĐ-UBND ngày 14/6/2022 của Chủ tịch UBND huyện)"
    assert not composer.answer_type_ok("Quyết định 512 viện dẫn kế hoạch nào của UBND tỉnh?", carried, _chunk(carried, "arabic", "I"),
                                       own_number="512/QĐ-UBND")
    # of the bases, a Kế hoạch when a kế hoạch is asked, not a Thông tư
    plan = "Căn cứ Kế hoạch số 152/KH-PGDĐT ngày 05/9/2024 của Phòng GD&ĐT thị xã Đông Triều về đào tạo, bồi dưỡng;"
    circular = "Căn cứ Thông tư số 20/2018/TT-BGDĐT ngày 22/8/2018 ban hành quy định chuẩn nghề nghiệp giáo viên;"
    assert composer.answer_type_ok(asked, plan, _chunk(plan), own_number="38/KH-THCSTQT")
    assert not composer.answer_type_ok(asked, circular, _chunk(circular), own_number="38/KH-THCSTQT")


def test_the_type_word_asked_about_is_no_reference_to_the_plan_itself():
    from assistant.answering import _shapes_asked
    from assistant.manifest import PlanInfo

    letter = PlanInfo(doc_id="cv", source="cv.txt", sha256="0" * 64, doc_type="Công văn", number="412/PGDĐT-TCCB")
    # "công văn nào của Sở" is one the letter cites: not the letter's own header
    assert _shapes_asked("Phòng GD&ĐT thực hiện theo công văn nào của Sở, ban hành ngày nào?", letter) == []
    assert _shapes_asked("Công văn 412 ban hành ngày nào?", letter) == ["header"]


def test_an_amount_asked_of_a_measured_thing_needs_that_thing_in_the_sentence():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "Mức phụ cấp cho giáo viên cốt cán ở huyện là bao nhiêu?"
    other = "Phấn đấu 100% giáo viên cốt cán được bồi dưỡng năng lực hỗ trợ đồng nghiệp."
    stated = "Giáo viên cốt cán được hưởng phụ cấp 500.000 đồng/tháng."
    assert not composer.answer_type_ok(asked, other, _chunk(other, "arabic", "II.2"))
    assert composer.answer_type_ok(asked, stated, _chunk(stated, "arabic", "II.2"))
    # "mục tiêu" is no "mức": a goal asked keeps its answers
    goal = "Phấn đấu 90% giáo viên đạt chuẩn."
    assert composer.answer_type_ok("Mục tiêu tỷ lệ giáo viên đạt chuẩn là bao nhiêu?", goal, _chunk(goal, "arabic", "II.2"))


def test_a_document_type_naming_the_plan_is_no_topic_the_figure_must_be_about(fake_assistant):
    from assistant.answering import _DOC_TYPE_WORDS

    assert {"tờ trình", "báo cáo", "hướng dẫn"} <= _DOC_TYPE_WORDS
    # "theo kế hoạch của Tuần Giáo": the plan named by its type, the figure still quoted
    answer = fake_assistant.ask("Theo báo cáo kế hoạch của huyện Tuần Giáo, có bao nhiêu trường mầm non?")
    assert answer.reason != "the figure found is about another topic"


def test_a_question_joining_two_asks_is_answered_part_by_part(fake_assistant):
    # a figure and an agency asked together: each part quotes its own passage, in order
    answer = fake_assistant.ask("Tuần Giáo có tổng cộng bao nhiêu cán bộ quản lý và giáo viên mầm non, "
                                "và cơ quan nào là cơ quan chủ trì thực hiện kế hoạch?")
    assert not answer.abstained and answer.reason == "by parts"
    assert "535" in answer.answer and "cơ quan chủ trì" in answer.answer
    assert answer.answer.index("535") < answer.answer.index("cơ quan chủ trì")
    assert {c.section for c in answer.citations} >= {"I.1", "V.1"}
    for cite in answer.citations:
        assert_cited_verbatim(fake_assistant.index, cite)


def test_what_was_done_is_not_answered_by_the_task_set_ahead():
    from assistant.answering import ExtractiveComposer

    def chunk(text, trail):
        return _chunk(text, "roman", trail[0][:3], trail=trail)

    composer = ExtractiveComposer()
    asked = "Năm học 2022-2023 huyện đã cử bao nhiêu giáo viên đi học nâng chuẩn?"
    ahead = "Tiếp tục cử 58 GV đi đào tạo nâng chuẩn; ưu tiên GV tiểu học."
    done = "Trong năm học, Phòng GD&ĐT đã tham mưu UBND huyện cử 64 GV đi đào tạo nâng chuẩn."
    assert not composer.answer_type_ok(asked, ahead, chunk(ahead, ["IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2023 - 2024"]))
    assert composer.answer_type_ok(asked, done, chunk(done, ["II. KẾT QUẢ THỰC HIỆN NĂM HỌC 2022 - 2023", "4. Nâng chuẩn"]))
    # asked ahead, the task is the answer
    assert composer.answer_type_ok("Năm học 2023-2024 huyện phấn đấu cử bao nhiêu giáo viên đi học nâng chuẩn?", ahead,
                                   chunk(ahead, ["IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2023 - 2024"]))


def test_a_role_named_in_the_question_is_content_though_a_syllable_of_it_is_a_question_word(fake_index):
    from assistant.answering import ExtractiveComposer

    # "kế" is a syllable of the question word "kế hoạch"; "kế toán" is a role the plans set out
    units = ExtractiveComposer().content_units("Tôi làm kế toán, theo kế hoạch tôi phải lấy chứng chỉ gì?", fake_index)
    assert ("kế", "toán") in units
    assert ("kế", "hoạch") not in units and ("kế",) not in units
    # a phrase of the synonym groups is content whole: "ra" of "ra trường" is no question word here
    assert ("ra", "trường") in ExtractiveComposer().content_units("Có bao nhiêu người đã ra trường?", fake_index)


def test_words_framing_a_share_of_a_figure_are_not_content(fake_index):
    from assistant.answering import ExtractiveComposer

    # "trong đó mầm non được bao nhiêu suất?", "riêng năm 2024 là bao nhiêu?": a plan writes
    # "trong đó GDMN 25 người", "năm 2024: 680 triệu đồng"; the slot word and "riêng" frame the ask
    units = ExtractiveComposer().content_units("Trong đó mầm non được bao nhiêu suất, riêng năm 2024 là bao nhiêu?", fake_index)
    assert ("suất",) not in units and ("riêng",) not in units
    assert ("mầm", "non") in units


def test_an_amount_asked_for_one_role_is_not_answered_by_another_roles_amount():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "Mỗi cán bộ quản lý đi học trung cấp lý luận chính trị được hỗ trợ bao nhiêu tiền?"
    teachers = "Giáo viên được cử đi đào tạo nâng chuẩn được hỗ trợ 50% học phí, tối đa 5 triệu đồng/người/năm."
    managers = "CBQL đi học trung cấp LLCT được hỗ trợ 3 triệu đồng/người."
    assert not composer.answer_type_ok(asked, teachers, _chunk(teachers, "arabic", "II.5"))
    assert composer.answer_type_ok(asked, managers, _chunk(managers, "arabic", "II.5"))
    # the roles read from the part asked, not from the part beside it
    assert composer.answer_type_ok(asked, teachers, _chunk(teachers, "arabic", "II.5"), roles={"giáo viên"})


def test_a_fee_asked_is_a_sum_in_dong_which_a_time_or_a_share_is_not():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "Học phí lớp bồi dưỡng chức danh nghề nghiệp hạng II là bao nhiêu?"
    opening = "Khai giảng lớp 1 lúc 7 giờ 30 ngày 15/3/2025 tại hội trường Trung tâm."
    fee = "Học phí lớp CDNN hạng II: 1.900.000 đồng/học viên."
    row = "CDNN hạng II: Đối tượng: GV tiểu học; Số chỉ tiêu: 75; Học phí (đồng/học viên): 1.900.000."
    assert not composer.answer_type_ok(asked, opening, _chunk(opening, "arabic", "4"))
    assert composer.answer_type_ok(asked, fee, _chunk(fee, "arabic", "4"))
    assert composer.answer_type_ok(asked, row, _chunk(row, "arabic", "2"))  # the unit stands in the column
    # a share of the fee is asked as a share, not as a sum
    share = "GV được hỗ trợ 70% học phí."
    assert composer.answer_type_ok("Được hỗ trợ mấy phần trăm học phí?", share, _chunk(share, "arabic", "4"))


def test_a_run_in_heading_line_is_quoted_for_the_content_after_its_title():
    from assistant.answering import ExtractiveComposer

    line = "4. Kinh phí: Sử dụng nguồn chi thường xuyên; Sở bố trí 420 triệu đồng để tổ chức các lớp tập trung."
    text = line + "\nMức chi thực hiện theo Thông tư số 36/2018/TT-BTC."
    run_in = _chunk(text, "arabic", "V.4", trail=["TỔ CHỨC THỰC HIỆN", "Kinh phí"], heading=line[3:])
    assert any("420 triệu đồng" in s for s in ExtractiveComposer()._sentences(run_in))
    bare = "2. Chỉ tiêu đến năm 2025\n- 100% GV đạt chuẩn."
    heading = _chunk(bare, "arabic", "II.2", trail=["MỤC TIÊU", "Chỉ tiêu đến năm 2025"])
    assert ExtractiveComposer()._sentences(heading) == ["100% GV đạt chuẩn."]


def test_a_phrase_said_of_the_plan_itself_is_no_topic_of_the_question():
    from assistant.answering import _done_to_the_plan

    asked = " lúc xây dựng kế hoạch 2022 2025 tỷ lệ giáo viên tiểu học đạt chuẩn đại học là bao nhiêu "
    assert _done_to_the_plan("xây dựng", asked)
    assert not _done_to_the_plan("đạt chuẩn", asked)
    assert not _done_to_the_plan("xây dựng", " xây dựng trường chuẩn quốc gia bao nhiêu trường ")


def test_a_table_row_is_read_under_its_caption_which_states_no_figure_itself():
    from assistant.answering import ExtractiveComposer, _captions_table, _table_caption

    text = ("2. Mục tiêu cụ thể\nTỷ lệ GV đạt trình độ chuẩn được đào tạo theo từng năm:\n"
            "Cấp học | Năm 2022 | Năm 2024\nMầm non: Năm 2022: 78%; Năm 2024: 88%.\nTiểu học: Năm 2022: 70%; Năm 2024: 84%.\n"
            "Các mục tiêu khác:\n1) Tuyển dụng mới 70 GV.")
    chunk = _chunk(text, "arabic", "I.2", trail=["MỤC TIÊU", "Mục tiêu cụ thể"])
    caption = "Tỷ lệ GV đạt trình độ chuẩn được đào tạo theo từng năm:"
    assert _table_caption(chunk, "Tiểu học: Năm 2022: 70%; Năm 2024: 84%.") == caption
    assert _table_caption(chunk, "Tuyển dụng mới 70 GV.") == ""
    assert _captions_table(chunk, caption) and not _captions_table(chunk, "Tuyển dụng mới 70 GV.")
    # a caption stating its own sum is a sentence like any other
    summed = "Tổng kinh phí dự kiến giai đoạn 2025 - 2030: 12.600 triệu đồng, phân kỳ như sau:"
    money = _chunk(summed + "\nNăm | 2025 | 2026\nKinh phí (triệu đồng): 2025: 1.850; 2026: 2.150.", "roman", "III",
                   trail=["KINH PHÍ"])
    assert not _captions_table(money, summed)
    asked = "Năm 2024 tỷ lệ giáo viên tiểu học đạt trình độ chuẩn là bao nhiêu?"
    assert not ExtractiveComposer().answer_type_ok(asked, caption, chunk)
    assert ExtractiveComposer().answer_type_ok(asked, "Tiểu học: Năm 2022: 70%; Năm 2024: 84%.", chunk)


def test_a_sum_of_money_asked_is_not_answered_by_a_head_count():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "ke hoach ho tro giao vien di hoc nang chuan bao nhieu tien moi nam hoc"
    count = "Bảo đảm mỗi năm cử đủ số GV theo chỉ tiêu được giao, ưu tiên GV mầm non (420 người)."
    money = "GV được cử đi học được hỗ trợ mức 4.500.000 đồng/người/năm học."
    assert not composer.answer_type_ok(asked, count, _chunk(count, "arabic", "2"))
    assert composer.answer_type_ok(asked, money, _chunk(money, "arabic", "3"))


def test_a_document_named_then_said_to_be_cited_is_not_the_plan_itself():
    from types import SimpleNamespace

    from assistant.answering import _shapes_asked

    guide = SimpleNamespace(doc_type="Hướng dẫn", number="1208/HD-SGDĐT")
    cited = "Kế hoạch của UBND tỉnh mà hướng dẫn này căn cứ có ngày ban hành là gì?"
    assert _shapes_asked(cited) == [] and _shapes_asked(cited, guide) == []
    assert _shapes_asked("Hướng dẫn 1208/HD-SGDĐT ban hành ngày nào?", guide) == ["header"]


def test_a_long_sentence_holding_every_figure_asked_outranks_a_short_one_that_does_not_cover(fake_index):
    from assistant.answering import ExtractiveComposer
    from assistant.evidence import Evidence
    from assistant.question import Query
    from assistant.retrieval import Hit

    composer = ExtractiveComposer()
    asked = "Kinh phí thực hiện đạt bao nhiêu so với kế hoạch giao, và hỗ trợ học phí nâng chuẩn hết bao nhiêu?"
    short = "Kinh phí thực hiện mới đạt 85,6% kế hoạch giao."
    full = ("Kế hoạch giao 1.620 triệu đồng; thực hiện 1.387 triệu đồng, đạt 85,6%, gồm: hỗ trợ học phí đào tạo nâng chuẩn "
            "1.064 triệu đồng (mức hỗ trợ 40% học phí, tối đa 7.000.000 đồng/người/năm học); bồi dưỡng CBQL, LLCT 198 triệu "
            "đồng; tổ chức BDTX tập trung 125 triệu đồng.")

    def hit(text, section, title):
        return Hit(_chunk(text, "arabic", section, trail=[title]), 1.0)

    evidence = Evidence(query=Query(text=asked, expanded=asked), hits=[hit(short, "III.1", "Tồn tại, hạn chế"),
                                                                      hit(full, "II.6", "Kinh phí")],
                        question=asked, effective_question=asked)
    evidence.tokens = composer.content_tokens(asked, evidence.query, fake_index)
    evidence.units = composer.content_units(asked, fake_index)
    assert composer.best_sentences(evidence.hits, evidence, fake_index, limit=1)[0].text == short
    assert composer.best_sentences(evidence.hits, evidence, fake_index, limit=1, covering=True)[0].text == full


def test_hiện_alone_asks_the_present_but_thực_hiện_does_not():
    from assistant.answering import _NOW_Q, _question_key

    assert _NOW_Q.search(_question_key("Theo ĐA 05, hiện bao nhiêu CBQL có TC LLCT trở lên?"))
    assert not _NOW_Q.search(_question_key("Kinh phí thực hiện đề án là bao nhiêu?"))
    assert not _NOW_Q.search(_question_key("Hiện nay có bao nhiêu GV?"))  # said by "hiện nay" already


def test_which_body_is_answered_only_by_a_sentence_naming_a_body():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "Theo kế hoạch, đơn vị nào tổ chức lớp tiếng Khmer giao tiếp cho giáo viên?"
    what = "Bồi dưỡng tiếng Khmer giao tiếp cho 80 GV, CBQL trong năm học 2024 - 2025."
    who = "Trung tâm GDNN-GDTX huyện: tổ chức lớp tiếng Khmer giao tiếp, cấp giấy chứng nhận."
    assert not composer.answer_type_ok(asked, what, _chunk(what, "arabic", "III.2"))
    assert composer.answer_type_ok(asked, who, _chunk(who, "arabic", "VI.3"))


def test_the_header_lists_no_content_a_list_question_asks_for():
    from assistant.answering import ExtractiveComposer

    header = "UBND HUYỆN KHOÁI CHÂU PHÒNG GIÁO DỤC VÀ ĐÀO TẠO Số: 38/BC-PGDĐT Khoái Châu, ngày 10 tháng 01 năm 2025 BÁO CÁO"
    chunk = _chunk(header, kind="header", section="Tiêu đề")
    composer = ExtractiveComposer()
    assert not composer.answer_type_ok("Phòng GD&ĐT đề xuất UBND huyện những gì?", header, chunk)
    assert not composer.answer_type_ok("Báo cáo nêu những tồn tại nào?", header, chunk)
    assert composer.answer_type_ok("Báo cáo 38 ban hành ngày nào?", header, chunk)


def test_a_count_asked_of_one_qualification_is_not_answered_by_another_ones_figure():
    from assistant.answering import ExtractiveComposer
    from assistant.targets import requirements_in

    composer = ExtractiveComposer()
    asked = "Năm học 2023-2024 trường có bao nhiêu giáo viên được đánh giá chuẩn nghề nghiệp ở mức tốt?"
    bdtx = "Kết quả BDTX năm học 2023 - 2024: 40/41 CBQL, GV hoàn thành kế hoạch, trong đó 26 người xếp loại hoàn thành tốt."
    rated = "Đánh giá chuẩn nghề nghiệp năm học 2023 - 2024: mức Tốt 12 GV, mức Khá 25 GV."
    assert requirements_in(asked) == {"chuẩn nghề nghiệp"} and requirements_in(bdtx) == {"bồi dưỡng thường xuyên"}
    assert not composer.answer_type_ok(asked, bdtx, _chunk(bdtx, "arabic", "I.3"))
    assert composer.answer_type_ok(asked, rated, _chunk(rated, "arabic", "I.4"))


def test_a_head_count_is_not_a_number_of_rounds_hours_or_đồng():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "Đề án dự kiến tuyển bao nhiêu giáo viên Tin học tiểu học?"
    rounds = "Hằng năm tổ chức tuyển dụng viên chức giáo dục ít nhất 01 đợt; ưu tiên GV Tiếng Anh, Tin học."
    heads = "Giai đoạn 2025 - 2027 tuyển dụng mới 12 GV Tin học tiểu học."
    assert not composer.answer_type_ok(asked, rounds, _chunk(rounds, "arabic", "III.1"))
    assert composer.answer_type_ok(asked, heads, _chunk(heads, "arabic", "III.1"))
    # schools and classes are counted in their own units
    assert composer.answer_type_ok("Huyện có bao nhiêu trường?", "Toàn huyện có 31 trường.", _chunk("x", "arabic", "I.1"))


def test_a_share_asked_is_a_percentage_or_fraction_and_what_was_done_is_no_proposal():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    rate = "Theo báo cáo, tỷ lệ giáo viên THPT trên địa bàn huyện đạt chuẩn trình độ là bao nhiêu?"
    schools = "Trên địa bàn có 02 trường THPT do Sở GD&ĐT quản lý, không thuộc phạm vi báo cáo."
    share = "Tỷ lệ GV THPT đạt chuẩn trình độ: 58/60 người."
    assert not composer.answer_type_ok(rate, schools, _chunk(schools, "arabic", "II.1"))
    assert composer.answer_type_ok(rate, share, _chunk(share, "arabic", "II.1"))
    done = "Trong năm 2023 huyện đã tuyển dụng mới được bao nhiêu giáo viên mầm non?"
    proposal = "Bổ sung 58 chỉ tiêu tuyển dụng GV mầm non."
    asked = _chunk(proposal, "arabic", "V.1", trail=["ĐỀ XUẤT, KIẾN NGHỊ", "Đối với UBND huyện"])
    assert not composer.answer_type_ok(done, proposal, asked)


def test_how_long_is_answered_by_a_span_of_time_or_how_often():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "Giáo viên được cử đi học phải cam kết công tác bao lâu sau khi tốt nghiệp?"
    pledge = "Có bản cam kết thực hiện nghĩa vụ sau đào tạo theo Điều 7 Quy định này."
    span = "Sau khi tốt nghiệp, phải phục vụ tại cơ sở giáo dục công lập trong thời gian ít nhất gấp 03 lần thời gian đào tạo."
    assert not composer.answer_type_ok(asked, pledge, _chunk(pledge, "arabic", "4"))
    assert composer.answer_type_ok(asked, span, _chunk(span, "arabic", "7"))
    often = "Nhân viên y tế tập huấn an toàn thực phẩm 01 lần/năm."
    assert composer.answer_type_ok("Nhân viên y tế phải tập huấn bao lâu một lần?", often, _chunk(often, "arabic", "5"))
    # the span asked in an earlier turn is not asked of a follow-up about something else
    earlier = "Lớp học tiếng Thái kéo dài bao lâu? "
    days = "Lớp học vào buổi chiều thứ Bảy và Chủ nhật."
    assert composer.answer_type_ok("Lớp đó học vào những buổi nào? " + earlier, days, _chunk(days, "arabic", "3"),
                                   now="Lớp đó học vào những buổi nào?")


def test_a_commune_a_plan_lists_by_name_is_a_known_place(fake_settings):
    from pathlib import Path

    from assistant.answering import unknown_place
    from assistant.embeddings import FakeEmbedder
    from assistant.index import PlanIndex, build_index

    plan = ("ỦY BAN NHÂN DÂN\nHUYỆN TRẦN ĐỀ\nSố: 17/KH-UBND\nTrần Đề, ngày 05 tháng 8 năm 2024\nKẾ HOẠCH\n"
            "Bồi dưỡng tiếng Khmer cho giáo viên\nI. THỰC TRẠNG\n1. Toàn huyện có 186 GV công tác tại các xã có trên 30% "
            "học sinh là người dân tộc Khmer (Đại Ân 2, Liêu Tú, Viên An) chưa giao tiếp được bằng tiếng Khmer.\n")
    (Path(fake_settings.corpus_dir) / "kh-17-tran-de-2024.txt").write_text(plan, "utf-8")
    build_index(fake_settings, FakeEmbedder(), progress=False, echo=lambda m: None)
    index = PlanIndex(fake_settings, FakeEmbedder())
    assert not unknown_place("Tôi dạy ở một trường tiểu học ở xã Viên An, huyện Trần Đề, có phải học tiếng Khmer không?", index)
    assert unknown_place("Tôi dạy ở một trường tiểu học ở xã Vĩnh Hải, có phải học tiếng Khmer không?", index)


def test_registering_is_not_signing():
    from assistant.answering import _shapes_asked

    assert _shapes_asked("Tôi phải gửi hồ sơ đăng ký bồi dưỡng chức danh nghề nghiệp trước mấy giờ, ngày nào?") == []
    assert _shapes_asked("Kế hoạch bồi dưỡng của trường do ai ký?") == ["signature"]


def test_the_day_of_a_cited_plan_is_asked_even_when_the_plans_own_day_is_blank():
    from assistant.answering import ExtractiveComposer
    from assistant.manifest import PlanInfo

    draft = PlanInfo(doc_id="da", source="da.txt", sha256="0" * 64, doc_type="Đề án", number="", date="2024-05")
    composer = ExtractiveComposer()
    # its own day is blank: nothing to say
    assert composer.header_fact_missing("Đề án của quận ban hành ngày nào?", draft)
    # "kế hoạch đó" is the plan it rests on, whose day its bases print
    assert not composer.header_fact_missing(
        "Đề án căn cứ kế hoạch nào của UBND thành phố, kế hoạch đó ban hành ngày nào?", draft)


def test_a_head_count_asked_by_one_part_is_not_answered_by_a_share_the_other_part_asks():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    whole = "Có bao nhiêu cán bộ quản lý, giáo viên hoàn thành BDTX, đạt tỷ lệ bao nhiêu?"
    part = "Có bao nhiêu cán bộ quản lý, giáo viên hoàn thành BDTX?"
    share = "100% CBQL, GV hoàn thành BDTX."
    count = "Có 1.631/1.654 CBQL, GV hoàn thành BDTX, đạt 98,6%."
    assert not composer.answer_type_ok(whole, share, _chunk(share, "arabic", "II.2"), now=part)
    assert composer.answer_type_ok(whole, count, _chunk(count, "arabic", "II.2"), now=part)


def test_a_sentence_without_a_year_is_dated_by_its_nearest_dated_heading():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    asked = "Năm học 2024 - 2025 có bao nhiêu cán bộ quản lý, giáo viên hoàn thành BDTX?"
    line = "Có 1.631/1.654 CBQL, GV hoàn thành BDTX."
    ahead = _chunk(line, "arabic", "IV.2", trail=["KẾ HOẠCH NĂM HỌC 2025 - 2026", "Bồi dưỡng thường xuyên"])
    done = _chunk(line, "arabic", "II.2", trail=["KẾT QUẢ NĂM HỌC 2024 - 2025", "Bồi dưỡng thường xuyên"])
    assert not composer.answer_type_ok(asked, line, ahead)
    assert composer.answer_type_ok(asked, line, done)


def test_a_plan_that_never_names_a_concept_asked_does_not_answer_it(fake_index):
    from assistant.answering import ExtractiveComposer
    from assistant.evidence import Evidence
    from assistant.question import Query

    composer = ExtractiveComposer()

    def absent(asked: str, doc_id: str) -> str:
        evidence = Evidence(query=Query(text=asked, expanded=asked), hits=[], question=asked, effective_question=asked)
        evidence.units = composer.content_units(asked, fake_index)
        return composer.absent_concept(evidence, doc_id, fake_index)

    # Phú Thành B never speaks of a master's degree; Cao Dương does
    assert absent("Trường hỗ trợ bao nhiêu tiền cho giáo viên học thạc sĩ?", PHU_THANH_B) == "thạc sĩ"
    assert absent("Trường hỗ trợ bao nhiêu tiền cho giáo viên học thạc sĩ?", CAO_DUONG) == ""
    # a word that is no concept is never "absent": plans say it in other words
    assert absent("Hạn chót nộp hồ sơ là khi nào?", PHU_THANH_B) == ""


def test_concepts_are_only_words_a_plan_either_says_or_not():
    from assistant.answering import _concepts

    assert "thac si" in _concepts() and "thạc sĩ" in _concepts()
    # frame words have paraphrases ("hạn chót" / "chậm nhất" / "trước ngày"): never concepts
    assert not {"hạn chót", "thời gian", "giấy tờ", "số hiệu"} & _concepts()


def test_when_is_answered_by_a_day_each_year_but_which_year_only_by_a_year():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    yearly = "Phòng GD&ĐT tổng hợp, báo cáo kết quả về UBND thành phố trước ngày 10 tháng 12 hằng năm."
    chunk = _chunk(yearly, "article", "Điều 2")
    assert composer.answer_type_ok("Phải báo cáo kết quả về UBND thành phố khi nào?", yearly, chunk)
    assert not composer.answer_type_ok("Đến năm nào phải báo cáo kết quả về UBND thành phố?", yearly, chunk)
    vague = "Phòng GD&ĐT tổng hợp, báo cáo kết quả về UBND thành phố."
    assert not composer.answer_type_ok("Phải báo cáo kết quả khi nào?", vague, _chunk(vague, "article", "Điều 2"))
    share = "Đã có 58/60 GV hoàn thành báo cáo."  # a fraction is no day and month
    assert not composer.answer_type_ok("Phải báo cáo kết quả khi nào?", share, _chunk(share, "arabic", "2"))


def test_words_of_the_plans_own_issuer_typed_short_are_no_topic_found_elsewhere():
    from assistant.answering import ExtractiveComposer
    from assistant.evidence import Evidence, Sentence
    from assistant.manifest import PlanInfo
    from assistant.question import Query

    class OnePlan:  # the few index lookups topic_elsewhere makes, over one plan "x"
        def __init__(self, chunks, plan):
            self.chunks, self.plans = chunks, {"x": plan}

        def derived(self, key, compute):
            return compute()

        def chunks_of(self, doc_id):
            return self.chunks

    row = "CDNN GV mầm non hạng III: Năm 2023: 74; Năm 2024: 96."
    table = _chunk(row, "arabic", "1", trail=["Nhu cầu bồi dưỡng"])
    other = _chunk("Trung tâm giáo dục thường xuyên mở lớp vào thứ Bảy.", "arabic", "2", trail=["Lịch học"])
    centre = PlanInfo(doc_id="x", source="x.txt", sha256="0" * 64, doc_type="Công văn", title="Chiêu sinh lớp bồi dưỡng",
                      issuer="Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Đại Từ",
                      school="Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Đại Từ")
    index = OnePlan([table, other], centre)
    asked = "Năm 2023 Trung tâm GDNN-GDTX Đại Từ đã bồi dưỡng CDNN hạng III cho bao nhiêu GV mầm non?"
    evidence = Evidence(query=Query(text=asked, expanded=asked), hits=[], question=asked, effective_question=asked)
    evidence.units = [("trung", "tâm"), ("thường", "xuyên"), ("bồi", "dưỡng"), ("hạng",), ("mầm", "non")]
    composer = ExtractiveComposer()
    assert composer.topic_elsewhere(evidence, Sentence(row, table, 1.0), index) == ""
    index.plans["x"] = PlanInfo(doc_id="x", source="x.txt", sha256="0" * 64, doc_type="Công văn", title="Chiêu sinh lớp bồi dưỡng")
    assert composer.topic_elsewhere(evidence, Sentence(row, table, 1.0), index) != ""


def test_the_number_of_a_grade_or_an_item_is_no_amount():
    from assistant.answering import _quantity

    assert not _quantity("Cấp học | Số GV | Có ngoại ngữ bậc 2 trở lên | Tỷ lệ")
    assert not _quantity("Giáo viên chọn mô đun 3 trong chương trình, hạng III")
    assert _quantity("Tiểu học: Có ngoại ngữ bậc 2 trở lên: 2.541")
    # "mức" and "điểm" come before amounts too: "hỗ trợ mức 4.500.000 đồng", "đạt điểm 8,5"
    assert _quantity("GV được hỗ trợ mức 4.500.000 đồng/người/năm học.") and _quantity("xếp loại tốt khi đạt điểm 8,5")


def test_papers_asked_are_covered_by_a_file_the_plan_lists():
    from assistant.answering import ExtractiveComposer

    composer = ExtractiveComposer()
    units = [("giấy", "tờ"), ("nộp",)]
    said = "Hồ sơ gồm: phiếu đăng ký học (Mẫu 01), 02 ảnh cỡ 3x4, bản sao căn cước công dân; học viên nộp trước ngày 10/3."
    assert composer._word_coverage(units, said, None) == 1.0


def test_only_a_part_asking_when_or_where_may_ride_on_another_parts_quote():
    from assistant.answering import _WHEN_WHERE_PART, _question_key

    assert _WHEN_WHERE_PART.search(_question_key("hạn chót khi nào?"))
    assert _WHEN_WHERE_PART.search(_question_key("học ở đâu?"))
    assert not _WHEN_WHERE_PART.search(_question_key("thực hiện được bao nhiêu?"))
    assert not _WHEN_WHERE_PART.search(_question_key("xử lý số GV thiếu thế nào?"))


def test_a_search_within_a_named_plan_embeds_the_question_without_its_names(fake_assistant):
    evidence = fake_assistant.evidence("Kế hoạch của Trường Mầm non Phú Thành B giao cho giáo viên những nhiệm vụ gì?")
    assert evidence.query.doc_ids == ["kh-127-mnptb-phu-thanh-b-2021"]
    assert "Phú Thành" not in evidence.query.unnamed and "giáo viên những nhiệm vụ gì" in evidence.query.unnamed
    assert "Phú Thành" in evidence.query.expanded  # the words the lexical search and the composer read


def test_a_sentence_announcing_a_list_is_read_with_its_items_for_coverage():
    from assistant.answering import _announced
    from assistant.evidence import Sentence

    text = ("2. Kinh phí từ ngân sách huyện năm 2023: 181.500.000 đồng, gồm:\n"
            "- Bồi dưỡng quản lý giáo dục: 67.500.000 đồng;\n- Lớp tiếng Khmer: 45.000.000 đồng.")
    lead = "2. Kinh phí từ ngân sách huyện năm 2023: 181.500.000 đồng, gồm:"
    chunk = _chunk(text, "arabic", "D.2")
    assert "quản lý giáo dục" in _announced(Sentence(lead, chunk, 1.0))
    assert _announced(Sentence("- Lớp tiếng Khmer: 45.000.000 đồng.", chunk, 1.0)) == ""


_BUDGET = ["Phần thứ tư", "I.1 Dự toán kinh phí (đơn vị tính: triệu đồng)"]


@pytest.mark.parametrize("asked, sentence, trail, now, ok", [
    # a session asked: a part of the day or a day of the week, which "hằng tháng" is not
    ("Các buổi học BDTX tập trung được tổ chức vào buổi nào trong tháng?",
     "Phó hiệu trưởng: theo dõi tiến độ học tập hằng tháng; tổ chức các buổi học tập trung.", None, "", False),
    ("Các buổi học BDTX tập trung được tổ chức vào buổi nào trong tháng?",
     "Học tập trung tại trường vào chiều thứ Bảy của tuần thứ hai hằng tháng.", None, "", True),
    # a head count is not a row of a table in millions of đồng
    ("Huyện dự kiến tuyển thêm bao nhiêu giáo viên giai đoạn 2024-2026?",
     "Hỗ trợ GV tuyển mới vùng đặc biệt khó khăn: Năm 2024: 350; Năm 2025: 300; Năm 2026: 250; Tổng: 900.", _BUDGET, "", False),
    ("Huyện dự kiến tuyển thêm bao nhiêu giáo viên giai đoạn 2024-2026?",
     "Giai đoạn 2024 - 2026 tuyển dụng bổ sung 180 GV (năm 2024: 70 GV; năm 2025: 60 GV; năm 2026: 50 GV).", None, "", True),
    # a count of schools is not a span of months
    ("Huyện có bao nhiêu trường?", "Định kỳ 3 tháng, 6 tháng, 9 tháng và hằng năm báo cáo phòng GD&ĐT.", None, "", False),
    # a document's number asked is a reference, however many words of its name come between
    ("Trung tâm liên kết với trường đại học nào, theo hợp đồng số mấy?",
     "Căn cứ Hợp đồng liên kết đào tạo số 08/HĐLK ngày 20/8/2023 giữa Trung tâm với Trường Đại học Hùng Vương,", None, "", True),
    ("Đề án viện dẫn Luật Nhà giáo số mấy?", "Luật Giáo dục ngày 14/6/2019; Luật Nhà giáo số 73/2025/QH15 ngày 16/6/2025;", None, "", True),
    ("Hướng dẫn thực hiện kế hoạch số mấy của UBND tỉnh?", "Thực hiện Kế hoạch số 118/KH-UBND ngày 22/7/2024 của UBND tỉnh;", None, "", True),
    # a law asked by "luật nào" may be named without a number
    ("Kế hoạch yêu cầu chuẩn hóa đội ngũ theo luật nào?",
     "Chuẩn hóa đội ngũ nhà giáo theo Luật Giáo dục 2019, nhất là giáo viên cấp tiểu học.", None, "", True),
    # a part of a joined question is typed by its own words, not by the part beside it
    ("luật này có hiệu lực từ khi nào? Đề án viện dẫn Luật Nhà giáo số mấy?",
     "Việc xây dựng Đề án là cần thiết để thực hiện Luật Nhà giáo có hiệu lực từ ngày 01/01/2026.", None,
     "luật này có hiệu lực từ khi nào?", True),
    ("luật này có hiệu lực từ khi nào? Đề án viện dẫn Luật Nhà giáo số mấy?",
     "Việc xây dựng Đề án là cần thiết để thực hiện Luật Nhà giáo có hiệu lực từ ngày 01/01/2026.", None,
     "Luật Nhà giáo số mấy?", False),
])
def test_the_kind_of_thing_asked_decides_which_sentence_answers(asked, sentence, trail, now, ok):
    from assistant.answering import ExtractiveComposer

    chunk = _chunk(sentence, "arabic", "II.1", trail=trail)
    assert ExtractiveComposer().answer_type_ok(asked, sentence, chunk, now=now) is ok

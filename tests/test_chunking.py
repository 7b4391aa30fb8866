"""assistant.chunking: one chunk per section's own text, never across sections, with exact provenance."""

import pytest

from assistant.chunking import SENTENCE_END, chunk_document
from assistant.documents import load_document
from assistant.manifest import extract_info
from assistant.parsing import parse
from assistant.text import clean_display, fold
from conftest import ALL_PLANS, BA_DINH, PHU_THANH_B, TUAN_GIAO


def chunks_of(corpus_dir, doc_id, max_chars=900):
    doc = load_document(corpus_dir / f"{doc_id}.txt")
    parsed = parse(doc.text)
    return doc, parsed, chunk_document(doc.doc_id, doc.text, parsed, max_chars)


@pytest.mark.parametrize("doc_id", ALL_PLANS)
def test_chunks_never_cross_sections_and_point_at_their_passage(corpus_dir, doc_id):
    doc, parsed, chunks = chunks_of(corpus_dir, doc_id)
    assert chunks
    for c in chunks:
        assert c.doc_id == doc_id
        section = parsed.find(c.section)
        assert section is not None, c.section
        assert section.start <= c.start < c.end <= section.end  # never across sections
        assert c.trail == section.trail and c.heading == section.title and c.section_kind == section.kind
        # the span of the original file, cleaned, reads exactly like the chunk
        assert clean_display(doc.text[c.start : c.end]).startswith(c.text.split("\n")[0][:60])
        assert fold(clean_display(doc.text[c.start : c.end])) == fold(" ".join(c.text.split("\n")))


@pytest.mark.parametrize("doc_id", ALL_PLANS)
def test_chunks_are_in_reading_order_with_unique_ids(corpus_dir, doc_id):
    _, _, chunks = chunks_of(corpus_dir, doc_id)
    assert [c.order for c in chunks] == list(range(len(chunks)))
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert all(c.chunk_id.startswith(doc_id + "#") for c in chunks)
    starts = [c.start for c in chunks]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(chunks, chunks[1:]))  # no overlaps


def test_chunks_carry_plan_section_and_heading_trail(corpus_dir):
    _, _, chunks = chunks_of(corpus_dir, TUAN_GIAO)
    target = next(c for c in chunks if c.section == "II.2.b")
    assert target.trail == ["MỤC TIÊU", "Mục tiêu cụ thể", "Giai đoạn 2021-2025"]
    assert target.heading == "Giai đoạn 2021-2025"
    assert target.section_kind == "letter"
    assert "85% giáo viên mầm non đạt chuẩn nghề nghiệp mức độ khá trở lên" in target.text
    assert target.text.split("\n")[0] == "b) Giai đoạn 2021-2025"


def test_special_sections_are_chunks_too(corpus_dir):
    _, _, chunks = chunks_of(corpus_dir, BA_DINH)
    kinds = {c.section_kind for c in chunks}
    assert {"header", "bases", "recipients", "signature"} <= kinds
    signature = next(c for c in chunks if c.section_kind == "signature")
    assert signature.text.endswith("Tạ Nam Chiến")


def test_index_text_names_the_plan_and_the_section(corpus_dir):
    doc, parsed, chunks = chunks_of(corpus_dir, PHU_THANH_B)
    plan = extract_info(doc, parsed, doc.path.name)
    target = next(c for c in chunks if c.section == "I.2")
    text = target.index_text(plan)
    assert "127/KH-MNPTB" in text and "Phú Thành B" in text
    assert "I.2: MỤC TIÊU › Mục tiêu cụ thể" in text
    assert text.endswith(target.text)


def test_a_heading_with_no_text_of_its_own_is_not_a_chunk(corpus_dir):
    _, _, chunks = chunks_of(corpus_dir, TUAN_GIAO)
    sections = {c.section for c in chunks}
    assert "II.2" not in sections  # "2. Mục tiêu cụ thể" is followed only by a) and b)
    assert "II" not in sections  # "II. MỤC TIÊU" likewise
    assert {"II.2.a", "II.2.b"} <= sections
    assert "Mục tiêu cụ thể" in next(c for c in chunks if c.section == "II.2.a").trail


def test_a_heading_without_children_is_still_a_chunk():
    text = "I. MỤC TIÊU\n1. Mục tiêu chung\nNâng cao.\nII. TỔ CHỨC THỰC HIỆN\n"
    chunks = chunk_document("x", text, parse(text))
    assert [c.section for c in chunks] == ["I.1", "II"]


def test_long_sections_are_split_under_chunk_max_chars(corpus_dir):
    _, _, whole = chunks_of(corpus_dir, BA_DINH, max_chars=900)
    _, _, small = chunks_of(corpus_dir, BA_DINH, max_chars=400)
    assert len(small) > len(whole)
    assert len([c for c in small if c.section == "Phần 2 › II.3"]) >= 3
    assert all(len(c.text) <= 900 for c in whole)
    # the pieces of a split section still cover it in order, without gaps in its text
    pieces = [c for c in small if c.section == "Phần 2 › II.3"]
    joined = fold(" ".join(" ".join(c.text.split("\n")) for c in pieces))
    original = fold(" ".join(" ".join(c.text.split("\n")) for c in whole if c.section == "Phần 2 › II.3"))
    assert joined == original


@pytest.mark.parametrize("doc_id", ALL_PLANS)
def test_default_chunks_fit_the_default_limit(corpus_dir, doc_id):
    _, _, chunks = chunks_of(corpus_dir, doc_id)
    assert max(len(c.text) for c in chunks) <= 900


def _sentences(chunk_text):
    return [s for line in chunk_text.split("\n") for s in SENTENCE_END.split(line)]


def test_split_pieces_stay_under_the_limit_when_every_sentence_fits():
    s1 = "Giáo viên mầm non được bồi dưỡng thường xuyên hằng năm."
    s2 = "Cán bộ quản lý được bồi dưỡng nghiệp vụ quản lý giáo dục và lý luận chính trị."
    text = f"I. MỤC TIÊU\n{s1} {s2}\n"
    assert max(len(s1), len(s2)) <= 100
    chunks = chunk_document("x", text, parse(text), max_chars=100)
    assert all(len(c.text) <= 100 for c in chunks), [len(c.text) for c in chunks]


def test_real_plan_pieces_exceed_the_limit_only_for_overlong_sentences(corpus_dir):
    _, _, chunks = chunks_of(corpus_dir, BA_DINH, max_chars=600)
    too_long = [c for c in chunks if len(c.text) > 600 and all(len(s) <= 600 for s in _sentences(c.text))]
    assert too_long == []

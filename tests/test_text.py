"""assistant.text: matching keys for Vietnamese (tone conventions, diacritics, abbreviations)."""

import unicodedata

import pytest

from assistant.text import (
    clean_display,
    expand_abbreviations,
    fold,
    has_diacritics,
    heal_split_syllables,
    lexical_tokens,
    locate,
    strip_diacritics,
    unify_tones,
    words,
)


@pytest.mark.parametrize(
    "old,new",
    [
        ("hoá", "hóa"),
        ("uỷ", "ủy"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("xã hội hoá giáo dục", "xã hội hóa giáo dục"),
        ("tận tuỵ", "tận tụy"),
        ("HOÁ", "HÓA"),
    ],
)
def test_tone_mark_conventions_share_one_key(old, new):
    assert old != new  # really two spellings
    assert fold(old) == fold(new)


@pytest.mark.parametrize("word", ["quý", "quỹ", "ngoài", "khuya", "thuở", "giáo", "người"])
def test_syllables_with_one_tone_position_are_unchanged(word):
    assert unify_tones(word) == word  # "qu" is a consonant, "oai" has no alternative spelling


def test_fold_is_nfc_lowercase_single_spaced_without_bold():
    decomposed = unicodedata.normalize("NFD", "Giáo Viên")
    assert fold(f"  **{decomposed}**\n\tMầm  Non ") == "giáo viên mầm non"


def test_strip_diacritics_handles_d_bar():
    assert strip_diacritics("Đào tạo, bồi dưỡng đội ngũ") == "Dao tao, boi duong doi ngu"
    assert strip_diacritics("ĐIỆN BIÊN") == "DIEN BIEN"
    assert has_diacritics("đ") and not has_diacritics("giao vien")


def test_clean_display_removes_layout_noise_only():
    assert clean_display("**Phân đầu 100%**\n\tgiáo viên  đạt chuẩn ") == "Phân đầu 100% giáo viên đạt chuẩn"


def test_expands_abbreviations_both_forms_kept():
    text = expand_abbreviations("CB-GV-NV và CBQL, Phòng GD&ĐT")
    assert "cán bộ, giáo viên, nhân viên (CB-GV-NV)" in text
    assert "cán bộ quản lý (CBQL)" in text
    assert "giáo dục và đào tạo (GD&ĐT)" in text
    assert expand_abbreviations("GV", keep_original=False) == "giáo viên"


def test_longest_abbreviation_wins():
    assert expand_abbreviations("CBQLGD", keep_original=False) == "cán bộ quản lý giáo dục"
    assert expand_abbreviations("GDNN-GDTX", keep_original=False) == "giáo dục nghề nghiệp - giáo dục thường xuyên"


def test_abbreviations_inside_words_are_left_alone():
    assert expand_abbreviations("GVBM") == "GVBM"  # "GV" inside an abbreviation the lexicon lacks
    assert expand_abbreviations("thạc sĩ THCS2") == "thạc sĩ THCS2"


def test_ambiguous_abbreviations_need_capitals_in_documents():
    # "đa", "th", "mn" are also ordinary (parts of) words in running text
    assert expand_abbreviations("đa dạng các hình thức") == "đa dạng các hình thức"
    assert expand_abbreviations("Ngành Giáo dục") == "Ngành Giáo dục"
    assert "đề án" in expand_abbreviations("ĐA 2921")
    assert "tiểu học" in expand_abbreviations("trường TH Cao Dương")
    # a lower-case abbreviation in a document stays as printed
    assert expand_abbreviations("gv mn") == "gv mn"


def test_typed_queries_expand_lowercase_abbreviations():
    text = expand_abbreviations("gv mn dat chuan", lenient=True)
    assert "giáo viên" in text and "mầm non" in text


def test_lexical_tokens_match_text_typed_without_diacritics():
    doc = set(lexical_tokens("Giáo viên mầm non đạt chuẩn nghề nghiệp mức khá"))
    query = lexical_tokens("giao vien mam non dat chuan nghe nghiep muc kha", query=True)
    assert query and all(t in doc for t in query)


def test_lexical_tokens_keep_the_exact_spelling_and_a_bare_copy():
    tokens = lexical_tokens("Đạt chuẩn")
    assert tokens == ["đạt", "dat", "chuẩn", "chuan"]


def test_lexical_tokens_bridge_abbreviation_and_full_form():
    doc = set(lexical_tokens("Cán bộ quản lý phải có trình độ lý luận chính trị"))
    query = [t for t in lexical_tokens("CBQL can LLCT", query=True) if t not in ("can", "cbql", "llct")]
    assert {"quan", "ly", "chinh", "tri"} <= set(query)
    assert all(t in doc for t in query)


def test_lexical_tokens_fold_tone_conventions():
    assert set(lexical_tokens("xã hội hoá")) == set(lexical_tokens("xã hội hóa"))


def test_words_are_folded_syllables():
    assert words("Giáo viên, CBQL; 100%") == ["giáo", "viên", "cbql", "100"]


def test_locate_finds_passage_across_line_breaks_and_bold():
    raw = "xx **Phân đầu 100% giáo viên\n\nđạt chuẩn** yy"
    start, end = locate(raw, "Phân đầu 100% giáo viên đạt chuẩn")
    assert raw[start:end].startswith("Phân đầu")
    assert raw[start:end].endswith("chuẩn")
    assert clean_display(raw[start:end]) == "Phân đầu 100% giáo viên đạt chuẩn"


def test_locate_respects_bounds_and_reports_absence():
    raw = "a) đạt chuẩn. b) đạt chuẩn."
    first = locate(raw, "đạt chuẩn")
    second = locate(raw, "đạt chuẩn", lo=first[1])
    assert first[0] < second[0]
    assert locate(raw, "đạt chuẩn", lo=0, hi=5) is None
    assert locate(raw, "trên chuẩn") is None
    assert locate(raw, "   ") is None


def test_diacritics_are_restored_from_the_vocabulary_longest_phrase_first():
    from assistant.text import DiacriticRestorer

    restorer = DiacriticRestorer(["Kế hoạch nào có chỉ tiêu nâng tỷ lệ đảng viên", "cô giáo", "có"])
    assert restorer.restore("ke hoach nao co chi tieu") == "kế hoạch nào có chỉ tiêu"
    assert restorer.restore("co giao") == "cô giáo"  # the phrase decides, not the commoner single word


def test_restoring_diacritics_keeps_abbreviations_and_unknown_words_as_typed():
    from assistant.text import DiacriticRestorer

    restorer = DiacriticRestorer(["giáo viên mầm non"])
    assert restorer.restore("GV mam non xyz") == "GV mầm non xyz"


def test_restoring_a_question_places_its_own_phrases_before_plan_words_that_straddle_them():
    from assistant.text import DiacriticRestorer

    restorer = DiacriticRestorer(["đây là báo cáo kết quả", "chỉ tiêu là"], priority=["bao nhiêu"])
    assert restorer.restore("chi tieu la bao nhieu") == "chỉ tiêu là bao nhiêu"


@pytest.mark.parametrize("scanned, read", [("đội ngũ gi áo viên", "đội ngũ giáo viên"), ("các l ớp học", "các lớp học"),
                                           ("tr ường", "trường")])
def test_heals_a_syllable_split_after_its_onset_by_ocr(scanned, read):
    assert heal_split_syllables(scanned) == read


@pytest.mark.parametrize("text", ["chứng chỉ hạng B ứng dụng", "thành phố", "giáo viên", "khoảng 2,5 m"])
def test_leaves_letters_and_whole_syllables_as_they_are(text):
    assert heal_split_syllables(text) == text


def test_school_abbreviations_are_read():
    assert expand_abbreviations("GVMN", keep_original=False) == "giáo viên mầm non"
    assert expand_abbreviations("TTCM phải SHCM theo NCBH", keep_original=False) == \
        "tổ trưởng chuyên môn phải sinh hoạt chuyên môn theo nghiên cứu bài học"

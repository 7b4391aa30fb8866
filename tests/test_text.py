from assistant.text import expand_abbreviations, fold, lexical_tokens, locate, strip_diacritics


def test_tone_mark_conventions_share_one_key():
    for old, new in [("hoá", "hóa"), ("Uỷ ban", "Ủy ban"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("xã hội hoá", "xã hội hóa")]:
        assert fold(old) == fold(new)
    assert fold("quý") == "quý"  # "qu" is a consonant: nothing to move
    assert fold("ngoài") == "ngoài"


def test_strip_diacritics_handles_d_bar():
    assert strip_diacritics("Đào tạo giáo viên mầm non") == "Dao tao giao vien mam non"


def test_expands_abbreviations_and_keeps_the_short_form():
    text = expand_abbreviations("CB-GV-NV và CBQL, Phòng GD&ĐT")
    assert "cán bộ, giáo viên, nhân viên (CB-GV-NV)" in text
    assert "cán bộ quản lý (CBQL)" in text
    assert "giáo dục và đào tạo (GD&ĐT)" in text


def test_ambiguous_abbreviations_need_capitals_in_documents():
    assert expand_abbreviations("đa dạng") == "đa dạng"
    assert "đề án" in expand_abbreviations("ĐA 2921")
    assert "mầm non" in expand_abbreviations("gv mn", lenient=True)


def test_lexical_tokens_match_text_typed_without_diacritics():
    doc = set(lexical_tokens("Giáo viên mầm non đạt chuẩn"))
    query = lexical_tokens("giao vien mam non dat chuan", query=True)
    assert all(t in doc for t in query)


def test_locate_finds_passage_across_line_breaks_and_bold():
    raw = "xx **Phân đầu 100% giáo viên\n\nđạt chuẩn** yy"
    start, end = locate(raw, "Phân đầu 100% giáo viên đạt chuẩn")
    assert raw[start:end].startswith("Phân đầu") and raw[start:end].endswith("chuẩn")

"""assistant.parsing: section tree with printed labels, on snippets copied from the real plans."""

from collections import Counter

import pytest

from assistant import phrases
from assistant.documents import load_document
from assistant.parsing import PATH_SEP, is_web_junk, parse, split_blocks
from conftest import BA_DINH, CAO_DUONG, PHONG_DIEN, PHU_THANH_B, TUAN_GIAO


def paths(text):
    return [s.path for s in parse(text).sections()]


def section_text(parsed, path):
    return " ".join(b.text for b in parsed.find(path).blocks)


# Tuần Giáo, II. MỤC TIÊU (a paragraph in a) is broken across a page end in the original file)
TUAN_GIAO_TARGETS = """II. MỤC TIÊU

1. Mục tiêu chung

Đào tạo, bồi dưỡng đội ngũ giáo viên và cán bộ quản lý cơ sở giáo dục mầm non bảo đảm chuẩn hóa về chuyên môn.

2. Mục tiêu cụ thể

a) Giai đoạn 2019-2020

- Đào tạo nâng cao trình độ, bảo đảm ít nhất 94,5% giáo viên mầm non đạt trình độ từ cao đẳng sư phạm mầm non trở lên, 80% giáo viên mầm non đạt chuẩn nghề nghiệp mức độ khá trở lên.

- Phân đầu 100% giáo viên và cán bộ quản lý cơ sở giáo dục mầm non cốt cán được bồi dưỡng năng lực hỗ trợ đồng nghiệp tự học, năng lực tổ chức thực

hiện Chương trình giáo dục mầm non, tự bồi dưỡng chuyên môn, nghiệp vụ thường xuyên, liên tục ngay tại trường.

b) Giai đoạn 2021-2025

- Đào tạo nâng cao trình độ, bảo đảm 100% giáo viên mầm non đạt trình độ từ cao đẳng sư phạm mầm non trở lên, 85% giáo viên mầm non đạt chuẩn nghề nghiệp mức độ khá trở lên.

III. NHIỆM VỤ VÀ GIẢI PHÁP
"""

# Ba Đình, Phần 2 (decimal labels "1.2." under "1.")
BA_DINH_PART_2 = """Phần 2

NỘI DUNG ĐỀ ÁN

I. MỤC TIÊU, NGUYÊN TẮC, PHẠM VI, ĐỐI TƯỢNG THỰC HIỆN

1. Mục tiêu

1.1. Mục tiêu chung

Phát triển, nâng cao chất lượng đội ngũ giáo viên và cán bộ quản lý các cấp học đủ về số lượng.

1.2. Mục tiêu cụ thể

a) Năm 2021 đến năm 2022

Rà soát đội ngũ cán bộ lãnh đạo quản lý.

b) Năm 2022 đến năm 2025

- 100% cán bộ quản lý ngành Giáo dục và Đào tạo đảm bảo được bồi dưỡng nghiệp vụ quản lý nhà nước, kỹ năng đạt chuẩn tin học, ngoại ngữ.

- 40% nhà giáo đạt trên chuẩn nghề nghiệp;
- 50% - 55% tỉ lệ đảng viên là cán bộ, giáo viên trong các trường học;
"""


def test_keeps_lettered_items_under_their_heading():
    parsed = parse(TUAN_GIAO_TARGETS)
    a = parsed.find("II.2.a")
    assert a is not None and a.kind == "letter"
    assert a.title == "Giai đoạn 2019-2020"
    assert a.trail == ["MỤC TIÊU", "Mục tiêu cụ thể", "Giai đoạn 2019-2020"]
    assert "94,5% giáo viên mầm non" in section_text(parsed, "II.2.a")
    assert "85%" not in section_text(parsed, "II.2.a")  # b)'s bullets do not leak into a)
    assert "85% giáo viên mầm non" in section_text(parsed, "II.2.b")
    assert [c.path for c in parsed.find("II.2").children] == ["II.2.a", "II.2.b"]
    assert parsed.find("III").title == "NHIỆM VỤ VÀ GIẢI PHÁP"


def test_bullets_stay_in_the_item_they_follow():
    a = parse(TUAN_GIAO_TARGETS).find("II.2.a")
    assert [b.kind for b in a.blocks] == ["letter", "bullet", "bullet"]


def test_decimal_labels_replace_their_parent():
    parsed = parse(BA_DINH_PART_2)
    found = paths(BA_DINH_PART_2)
    assert "Phần 2 › I.1.2.b" in found
    assert "Phần 2 › I.1.1" in found
    assert not any(".1.1.2" in p for p in found)  # "1.2" is not appended to "1"
    b = parsed.find("Phần 2 › I.1.2.b")
    assert b.trail[-2:] == ["Mục tiêu cụ thể", "Năm 2022 đến năm 2025"]
    assert "- 40% nhà giáo đạt trên chuẩn nghề nghiệp;" in [x.text for x in b.blocks]  # bullets keep their dash
    assert PATH_SEP == " › "


def test_a_part_line_takes_its_title_from_the_next_line():
    part = parse(BA_DINH_PART_2).find("Phần 2")
    assert part.kind == "part"
    assert part.title == "NỘI DUNG ĐỀ ÁN"
    assert part.trail == ["NỘI DUNG ĐỀ ÁN"]


def test_heals_a_sentence_broken_across_a_page_end():
    # Phong Điền, I.2.d: "… phù hợp với điều" / blank line / "kiện tự nhiên …"
    text = (
        "I. MỤC ĐÍCH, YÊU CẦU\n\n"
        "d) Hoàn thiện quy hoạch mạng lưới trường, lớp học phù hợp với điều\n\n"
        "kiện tự nhiên, kinh tế - xã hội và quy mô phát triển giáo dục của địa phương.\n\n"
        "đ) Triển khai hiệu quả các đề án.\n"
    )
    blocks = split_blocks(text)
    healed = [b for b in blocks if "phù hợp với điều kiện tự nhiên" in b.text]
    assert len(healed) == 1
    assert healed[0].kind == "letter"
    assert text[healed[0].start : healed[0].end].endswith("của địa phương.")
    assert parse(text).find("I.đ") is not None


def test_heals_a_page_break_with_a_page_number_in_between():
    text = (
        "I. MỤC TIÊU\n\n"
        "- Phân đầu 100% giáo viên cốt cán được bồi dưỡng năng lực tổ chức thực\n\nPAGE  \n8\n\n"
        "hiện Chương trình giáo dục mầm non.\n"
    )
    blocks = parse(text).find("I").blocks
    assert [b.text for b in blocks][1:] == [
        "- Phân đầu 100% giáo viên cốt cán được bồi dưỡng năng lực tổ chức thực hiện Chương trình giáo dục mầm non."
    ]


def test_real_page_break_inside_a_bullet_is_healed():
    a = parse(TUAN_GIAO_TARGETS).find("II.2.a")
    assert any("năng lực tổ chức thực hiện Chương trình giáo dục mầm non" in b.text for b in a.blocks)


def test_heading_text_continues_on_the_next_line():
    # Phong Điền, II.4
    text = (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "4. Tiếp tục tăng cường xã hội hóa, tăng cường cơ sở vật chất, nguồn\n\n"
        "lực đầu tư bảo đảm chất lượng các hoạt động giáo dục và đào tạo, trường học đã đạt chuẩn quốc gia\n\n"
        "a) Tăng cường thu hút các nguồn lực đầu tư cho giáo dục và đào tạo.\n"
    )
    parsed = parse(text)
    heading = parsed.find("II.4")
    assert heading.title.startswith("Tiếp tục tăng cường xã hội hóa")
    assert heading.title.endswith("nguồn lực đầu tư bảo đảm chất lượng các hoạt động giáo dục và đào tạo, trường học đã đạt chuẩn quốc gia")
    assert len(heading.blocks) == 1
    assert parsed.find("II.4.a") is not None


def test_drops_page_artifacts_and_separators():
    # Phú Thành B starts with a Word field "PAGE" and the page number on the next line
    text = (
        "PAGE  \n7\n\n\tUBND HUYỆN TAM NÔNG\n\nTRƯỜNG MẦM NON\n\nPHÚ THÀNH B\n"
        "KẾ HOẠCH\nNâng cao chất lượng nguồn nhân lực\n_________________________________________\n"
        "Căn cứ Kế hoạch số 749/KH-UBND;\nI. MỤC TIÊU\n\n1. Mục tiêu chung\nĐảm bảo nguồn nhân lực.\n\nTrang 2/9\n"
    )
    parsed = parse(text)
    every = [b.text for s in parsed.sections() for b in s.blocks]
    assert not any("PAGE" in t or t == "7" or "____" in t or t.startswith("Trang") for t in every)
    assert parsed.header.blocks[0].text == "UBND HUYỆN TAM NÔNG"
    assert [b.text for b in parsed.find("I.1").blocks] == ["1. Mục tiêu chung", "Đảm bảo nguồn nhân lực."]


def test_keeps_skipped_numbering_as_printed():
    # Cao Dương jumps from III to V
    text = (
        "I. MỤC ĐÍCH, YÊU CẦU:\n\t1. Mục đích:\n\tNâng cao.\n"
        "III. NHU CẦU TỰ HỌC TẬP BỒI DƯỠNG ĐỘI NGŨ NĂM HỌC 2022 – 2023.\n\tNăm 2022: Có 12 giáo viên.\n"
        "V. TỔ CHỨC THỰC HIỆN\n\tTham mưu đề xuất.\n"
    )
    assert [p for p in paths(text) if "." not in p] == ["I", "III", "V"]
    assert parse(text).find("IV") is None


def test_strips_bold_markers_from_display_but_offsets_point_at_raw_text():
    text = "I. MỤC TIÊU\n\n**1. Mục tiêu chung**\n\n**Phân đầu 100% giáo viên đạt chuẩn** về trình độ.\n"
    parsed = parse(text)
    section = parsed.find("I.1")
    assert section.title == "Mục tiêu chung"
    block = section.blocks[1]
    assert block.text == "Phân đầu 100% giáo viên đạt chuẩn về trình độ."
    assert "**" not in block.text
    raw = text[block.start : block.end]
    assert "Phân đầu 100% giáo viên đạt chuẩn" in raw and raw.endswith("về trình độ.")
    assert text[section.start : section.end].startswith("**1. Mục tiêu chung**")  # raw span, markers included


def test_every_block_offset_points_at_its_own_words():
    for text in (TUAN_GIAO_TARGETS, BA_DINH_PART_2):
        for block in split_blocks(text):
            raw = text[block.start : block.end]
            first, last = block.text.split()[0], block.text.split()[-1]
            assert raw.startswith(first) and raw.endswith(last), block


# Phong Điền: header, bases, closing, recipients, signature in bold
PHONG_DIEN_FRAME = """

Số: 118 /KH-UBND

Phong Điền, ngày 26 tháng 3 năm 2024

KẾ HOẠCH

Triển khai thực hiện Chương trình Phát triển nguồn nhân lực, nhất là nguồn nhân lực chất lượng cao ngành Giáo dục năm 2024

Thực hiện Nghị quyết số 29-NQ/TW ngày 17/11/2022 của Ban chấp hành Trung ương Đảng;

Để thực hiện tốt việc phát triển nguồn nhân lực chất lượng cao, Ủy ban nhân dân huyện xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích:

Nâng cao chất lượng giáo dục và đào tạo.

Trong quá trình triển khai thực hiện, nếu phát sinh các khó khăn, vướng mắc, các cơ quan phản ánh kịp thời./.

Nơi nhận:

- Như trên;
- Chủ tịch, các PCT UBND huyện;
- Lưu: VT.

**KT. CHỦ TỊCH
PHÓ CHỦ TỊCH**

Hoàng Văn Thái
"""


def test_header_legal_bases_recipients_and_signature_are_special_sections():
    parsed = parse(PHONG_DIEN_FRAME)
    assert [b.text for b in parsed.header.blocks] == [
        "Số: 118 /KH-UBND",
        "Phong Điền, ngày 26 tháng 3 năm 2024",
        "KẾ HOẠCH",
        "Triển khai thực hiện Chương trình Phát triển nguồn nhân lực, nhất là nguồn nhân lực chất lượng cao ngành Giáo dục năm 2024",
    ]
    assert [b.text[:20] for b in parsed.bases.blocks] == ["Thực hiện Nghị quyết", "Để thực hiện tốt việ"]
    assert [b.text for b in parsed.recipients.blocks] == [
        "Nơi nhận:", "- Như trên;", "- Chủ tịch, các PCT UBND huyện;", "- Lưu: VT."
    ]
    assert [b.text for b in parsed.signature.blocks] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Thái"]
    assert [s.path for s in parsed.sections()] == [
        phrases.SECTION_HEADER, phrases.SECTION_BASES, "I", "I.1", phrases.SECTION_RECIPIENTS, phrases.SECTION_SIGNATURE
    ]
    assert [s.kind for s in (parsed.header, parsed.bases, parsed.recipients, parsed.signature)] == [
        "header", "bases", "recipients", "signature"
    ]


def test_signature_after_recipients_without_bold():
    # Tuần Giáo: plain text signature block with two titles
    text = (
        "I. MỤC TIÊU\nNâng cao.\n\nTrên đây là Kế hoạch đào tạo./.\n\nNơi nhận:\n\n- TT Huyện ủy;\n- Lưu: VT.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nMùa Va Hồ\n"
    )
    parsed = parse(text)
    assert [b.text for b in parsed.signature.blocks][-1] == "Mùa Va Hồ"
    assert "TM. ỦY BAN NHÂN DÂN" in [b.text for b in parsed.signature.blocks]
    assert not any("Mùa Va Hồ" in b.text for b in parsed.recipients.blocks)
    assert parsed.find("I").blocks[-1].text.startswith("Trên đây")  # the closing stays in the body


def test_recipients_without_signature():
    # Phú Thành B ends with "Nơi nhận" and no signature
    text = (
        "I. MỤC TIÊU\nNâng cao.\nTrên đây là Kế hoạch của Trường Mầm non Phú Thành B./. \n"
        "\tNơi nhận: \n- Đảng uỷ Xã, UBND Xã (kính báo cáo);\n\n- Lãnh đạo phòng GD&ĐT;\n- Lưu: VT, HT.\n \n"
    )
    parsed = parse(text)
    assert len(parsed.recipients.blocks) == 4
    assert parsed.signature.blocks == []
    assert phrases.SECTION_SIGNATURE not in paths(text)


def test_document_with_no_header_block():
    # Cao Dương starts directly with " KẾ HOẠCH", then the title, then "Căn cứ"
    text = (
        " KẾ HOẠCH\nTriển khai việc học tập thường xuyên năm 2022\n\n"
        "Căn cứ Quyết định số 711/QĐ-TTg, ngày 13 tháng 6 năm 2012, của Thủ tướng Chính phủ;\n"
        "Trường tiểu học Cao Dương xây dựng: “ Kế hoạch triển khai việc học tập thường xuyên năm 2022” như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU:\n\t1. Mục đích:\n\tĐào tạo, bồi dưỡng nâng cao trình độ.\n\t2. Yêu cầu:\n\tTriển khai.\n"
    )
    parsed = parse(text)
    assert [b.text for b in parsed.header.blocks] == ["KẾ HOẠCH", "Triển khai việc học tập thường xuyên năm 2022"]
    assert len(parsed.bases.blocks) == 2
    assert parsed.recipients.blocks == [] and parsed.signature.blocks == []
    assert paths(text) == [phrases.SECTION_HEADER, phrases.SECTION_BASES, "I", "I.1", "I.2"]


def test_tab_indented_numbered_headings():
    text = "II. NỘI DUNG ĐÀO TẠO VÀ BỒI DƯỠNG.\n\t1. Bồi dưỡng quản lý giáo dục:\n\tĐối với Hiệu trưởng.\n     \t3. Bồi dưỡng thường xuyên:\n           4. Bồi dưỡng chính trị:\nĐối với Hiệu trưởng, Phó Hiệu trưởng.\n"
    parsed = parse(text)
    assert [c.path for c in parsed.find("II").children] == ["II.1", "II.3", "II.4"]
    assert parsed.find("II.1").title == "Bồi dưỡng quản lý giáo dục:"
    assert parsed.find("II.4").trail == ["NỘI DUNG ĐÀO TẠO VÀ BỒI DƯỠNG.", "Bồi dưỡng chính trị"]


def test_text_before_any_numbered_heading_in_the_body_is_kept():
    text = "KẾ HOẠCH\nBồi dưỡng\nCăn cứ Luật;\nI. MỤC TIÊU\n1. Một\nNội dung một.\nII. GIẢI PHÁP\nNội dung hai.\n"
    parsed = parse(text)
    assert section_text(parsed, "II") == "II. GIẢI PHÁP Nội dung hai."


def test_a_number_with_a_thousands_separator_is_not_a_heading():
    text = "I. THỰC TRẠNG\n\n1. Số lượng\n\nToàn huyện có 12 trường.\n\n1.250 giáo viên đã hoàn thành bồi dưỡng.\n\n2. Chất lượng\n\nTốt.\n"
    found = paths(text)
    assert found == ["I", "I.1", "I.2"]


# ----------------------------------------------------------------------------- the real plans
EXPECTED_PATHS = {
    TUAN_GIAO: ["Tiêu đề", "Căn cứ", "I.1", "I.2", "II.1", "II.2", "II.2.a", "II.2.b", "III.3", "IV", "V.5", "Nơi nhận", "Chữ ký"],
    BA_DINH: ["Phần 1", "Phần 1 › II.1", "Phần 1 › II.2.d", "Phần 2 › I.1.1", "Phần 2 › I.1.2.b", "Phần 2 › II.5", "Phần 3 › 7", "Chữ ký"],
    CAO_DUONG: ["Tiêu đề", "Căn cứ", "I.1", "I.2", "II.1", "II.8", "III", "V"],
    PHU_THANH_B: ["Tiêu đề", "Căn cứ", "I.1", "I.2", "II.2", "III.6", "IV.2", "Nơi nhận"],
    PHONG_DIEN: ["Tiêu đề", "Căn cứ", "I.2.b", "I.2.đ", "I.2.e", "II.1.đ", "II.6.c", "III.8", "Nơi nhận", "Chữ ký"],
}
ABSENT_PATHS = {
    TUAN_GIAO: ["II.2.c"],
    BA_DINH: ["I", "Phần 2 › I.1.1.2", "Phần 4"],
    CAO_DUONG: ["IV", "Nơi nhận", "Chữ ký"],
    PHU_THANH_B: ["V", "Chữ ký"],
    PHONG_DIEN: ["IV"],
}


@pytest.fixture(scope="module")
def real(corpus_dir):
    return {doc_id: parse(load_document(corpus_dir / f"{doc_id}.txt").text) for doc_id in EXPECTED_PATHS}


@pytest.mark.parametrize("doc_id", list(EXPECTED_PATHS))
def test_real_plan_has_its_printed_sections(real, doc_id):
    found = [s.path for s in real[doc_id].sections()]
    missing = [p for p in EXPECTED_PATHS[doc_id] if p not in found]
    assert not missing
    assert not [p for p in ABSENT_PATHS[doc_id] if p in found]


@pytest.mark.parametrize("doc_id", list(EXPECTED_PATHS))
def test_real_plan_section_paths_are_unique(real, doc_id):
    counts = Counter(s.path for s in real[doc_id].sections())
    assert [p for p, n in counts.items() if n > 1] == []


def test_real_plans_facts_stand_in_the_right_sections(real, corpus_dir):
    assert "85% giáo viên mầm non" in section_text(real[TUAN_GIAO], "II.2.b")
    assert "Chuẩn quốc gia vào năm 2023" in section_text(real[PHU_THANH_B], "I.2")
    assert "40% nhà giáo đạt trên chuẩn nghề nghiệp" in section_text(real[BA_DINH], "Phần 2 › I.1.2.b")
    assert "Trung cấp lý luận chính trị" in section_text(real[CAO_DUONG], "II.4")
    assert section_text(real[BA_DINH], "Chữ ký").endswith("Tạ Nam Chiến")
    assert section_text(real[TUAN_GIAO], "Chữ ký").endswith("Mùa Va Hồ")
    assert section_text(real[PHONG_DIEN], "Chữ ký").endswith("Hoàng Văn Thái")


@pytest.mark.parametrize("doc_id", list(EXPECTED_PATHS))
def test_real_plan_sections_point_into_the_file(real, corpus_dir, doc_id):
    text = load_document(corpus_dir / f"{doc_id}.txt").text
    for section in real[doc_id].sections():
        assert 0 <= section.start < section.end <= len(text)
        for block in section.blocks:
            assert section.start <= block.start < block.end <= section.end
            assert text[block.start : block.end].lstrip("*_").startswith(block.text.split()[0])


def test_parts_numbered_in_words_are_parts():
    text = "PHẦN THỨ NHẤT\nTHỰC TRẠNG\nI. SỐ LIỆU\nCó 5 trường.\nPHẦN THỨ HAI\nGIẢI PHÁP\nI. NHIỆM VỤ\nLàm.\n"
    found = paths(text)
    assert len(found) == len(set(found))
    assert parse(text).find("I") is None


# ----------------------------------------------------------------------------- documents as published
WEB_COPY = (
    "Để sử dụng toàn bộ tiện ích nâng cao của Văn bản pháp luật, hãy đăng nhập hoặc đăng ký tài khoản.\n"
    "Đăng nhập | Đăng ký\n"
    "| Số hiệu: | 45/KH-UBND | Loại văn bản: | Kế hoạch |\n\n"
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
    "HUYỆN SƠN HÀ | Độc lập - Tự do - Hạnh phúc |\n"
    "Số: 45/KH-UBND | Sơn Hà, ngày 05 tháng 8 năm 2021 |\n\n"
    "KẾ HOẠCH\nBồi dưỡng giáo viên giai đoạn 2021-2025\n\n"
    "Căn cứ Luật Giáo dục năm 2019;\n\n"
    "I. CHỈ TIÊU\n"
    "| Chỉ tiêu | Năm 2023 | Năm 2025 |\n"
    "|---|---|---|\n"
    "| Tỷ lệ giáo viên đạt chuẩn trình độ | 82% | 97% |\n"
    "II. TỔ CHỨC THỰC HIỆN\nPhòng GD&ĐT chủ trì.\n\n"
    "Nơi nhận: | TM. ỦY BAN NHÂN DÂN |\n- Lưu: VT. | CHỦ TỊCH |\n| Nguyễn Văn Sơn |\n\n"
    "Lưu trữ\nGhi chú\nFacebook\nEmail\nIn\n"
)


def test_web_copy_banners_and_footers_are_kept_apart_never_content():
    doc = parse(WEB_COPY)
    junk = " ".join(b.text for b in doc.junk)
    assert "Để sử dụng toàn bộ tiện ích" in junk and "Facebook" in junk and "Số hiệu" in junk
    content = " ".join(b.text for s in doc.sections() for b in s.blocks)
    assert "tiện ích" not in content and "Facebook" not in content and "Số hiệu" not in content


@pytest.mark.parametrize("line", ["Ngày đăng tải: 02/08/2023, 09:14", "Lượt xem: 1.204", "Số trang: 9",
                                  "CỔNG THÔNG TIN ĐIỆN TỬ QUẬN HOÀNG MAI - THÀNH PHỐ HÀ NỘI",
                                  "Cập nhật lúc: 08:42 26/09/2022 | Lượt xem: 1.214 | In trang"])
def test_a_web_copys_posting_date_and_counters_are_junk(line):
    assert is_web_junk(line)


def test_a_content_line_about_updating_knowledge_is_no_junk():
    assert not is_web_junk("- Cập nhật kiến thức về chính trị, kinh tế - xã hội, chuyên môn, nghiệp vụ;")


def test_a_header_laid_out_in_pipe_columns_is_read_column_by_column():
    header = [b.text for b in parse(WEB_COPY).header.blocks]
    assert header[:3] == ["ỦY BAN NHÂN DÂN", "HUYỆN SƠN HÀ", "Số: 45/KH-UBND"]
    assert "Sơn Hà, ngày 05 tháng 8 năm 2021" in header


def test_a_table_row_reads_with_its_column_headers():
    rows = [b.text for b in parse(WEB_COPY).find("I").blocks if b.kind == "row"]
    assert "Tỷ lệ giáo viên đạt chuẩn trình độ: Năm 2023: 82%; Năm 2025: 97%." in rows


def test_a_signature_laid_out_in_columns_keeps_recipients_apart():
    doc = parse(WEB_COPY)
    assert [b.text for b in doc.signature.blocks][-1] == "Nguyễn Văn Sơn"
    assert any("Lưu: VT." in b.text for b in doc.recipients.blocks)


def test_chapters_and_articles_make_paths():
    text = ("CHƯƠNG TRÌNH\nBồi dưỡng giáo viên\n\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Giáo viên tiểu học.\n"
            "Chương II\nNHIỆM VỤ\nĐiều 2. Chỉ tiêu\n1. Đến năm 2025, 100% giáo viên đạt chuẩn.\na) Tiểu học đạt 100%.\n")
    paths = [s.path for s in parse(text).sections()]
    assert "Chương I › Điều 1 › 1" in paths and "Chương II › Điều 2 › 1.a" in paths


def test_a_decision_and_the_plan_it_issues_are_one_document_with_both_structures():
    text = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN A\tĐộc lập - Tự do - Hạnh phúc\n"
            "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch bồi dưỡng giáo viên\nCăn cứ Luật Giáo dục;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch bồi dưỡng giáo viên.\n"
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký./.\n"
            "Nơi nhận:\n- Như Điều 2;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn B\n"
            "ỦY BAN NHÂN DÂN HUYỆN A\nKẾ HOẠCH\nBồi dưỡng giáo viên\n(Ban hành kèm theo Quyết định số 12/QĐ-UBND)\n"
            "I. MỤC TIÊU\n1. Phấn đấu 100% giáo viên đạt chuẩn.\n")
    doc = parse(text)
    paths = [s.path for s in doc.sections()]
    assert "Điều 1" in paths and "Kế hoạch › I.1" in paths
    assert [b.text for b in doc.signature.blocks][-1] == "Nguyễn Văn B"


def test_numbering_styles_nest_in_order_of_first_use():
    text = ("KẾ HOẠCH\nBồi dưỡng\n\n1-Mục tiêu\nNâng cao chất lượng.\n2-Yêu cầu đối với từng đối tượng\n"
            "1) Hiệu trưởng\na. Bắt buộc: có chứng chỉ QLGD.\n2) Giáo viên\na. Bắt buộc: đạt chuẩn.\n")
    paths = [s.path for s in parse(text).sections()]
    assert paths[-4:] == ["2.1", "2.1.a", "2.2", "2.2.a"]


def test_a_page_header_glued_to_the_text_is_dropped():
    blocks = split_blocks("Trang 1SỞ GIÁO DỤC VÀ ĐÀO TẠO\nKẾ HOẠCH\n- 2 -\nI. MỤC TIÊU\n")
    assert [b.text for b in blocks] == ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "KẾ HOẠCH", "I. MỤC TIÊU"]


def test_the_end_mark_of_a_decision_lets_its_signature_follow():
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN A\n\nQUYẾT ĐỊNH\nPhê duyệt kế hoạch\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Phê duyệt kèm theo Quyết định này Kế hoạch bồi dưỡng giáo viên.\n"
            "Điều 2. Các cơ quan, đơn vị căn cứ Quyết định thi hành./.\n\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nHoàng Văn Nam\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n")
    parsed = parse(text)
    assert [b.text for b in parsed.signature.blocks][-1] == "Hoàng Văn Nam"
    assert all("Hoàng Văn Nam" not in b.text for s in parsed.sections() if s.kind == "article" for b in s.blocks)


def test_a_signature_in_pipe_columns_with_empty_cells_is_read_column_by_column():
    text = ("TRƯỜNG THCS B\n\nKẾ HOẠCH\nBồi dưỡng thường xuyên\n\nI. MỤC ĐÍCH\nNâng cao năng lực giáo viên.\n\n"
            "| **DUYỆT CỦA PHÒNG GD&ĐT** | **HIỆU TRƯỞNG** |\n| KT. TRƯỞNG PHÒNG | |\n"
            "| PHÓ TRƯỞNG PHÒNG | (Đã ký) |\n| (Đã ký) | |\n| Lê Văn Hùng | Trần Thị Loan |\n")
    parsed = parse(text)
    signature = [b.text for b in parsed.signature.blocks]
    # the left column (approval) first, then the signer's column: no name lands in section I
    assert signature.index("Lê Văn Hùng") < signature.index("HIỆU TRƯỞNG") < signature.index("Trần Thị Loan")
    assert "Lê Văn Hùng" not in section_text(parsed, "I")


def test_a_pipe_table_row_keeps_empty_cells_under_their_columns():
    text = ("KẾ HOẠCH\nĐào tạo\n\nI. CHỈ TIÊU\n| Chỉ tiêu | Năm 2024 | Năm 2025 |\n|---|---|---|\n"
            "| Số GV học nâng chuẩn | | 12 |\n| Số GV học thạc sĩ | 3 | 4 |\n")
    rows = [b.text for b in split_blocks(text) if b.kind == "row"]
    assert "Số GV học nâng chuẩn: Năm 2025: 12." in rows


def test_a_header_cell_naming_a_grade_is_still_a_column_name():
    text = ("HƯỚNG DẪN\nBồi dưỡng\n\nI. THỰC TRẠNG\n| Cấp học | Số GV | Có ngoại ngữ bậc 2 trở lên | Tỷ lệ |\n|---|---|---|---|\n"
            "| Tiểu học | 3.682 | 2.541 | 69,0% |\n")
    rows = [b.text for b in split_blocks(text) if b.kind == "row"]
    assert "Tiểu học: Số GV: 3.682; Có ngoại ngữ bậc 2 trở lên: 2.541; Tỷ lệ: 69,0%." in rows


def test_a_table_without_a_header_row_reads_label_and_value():
    text = ("KẾ HOẠCH\nĐào tạo\n\nV. KINH PHÍ\n| Hỗ trợ học phí đào tạo nâng chuẩn | 1.068 |\n"
            "| Bồi dưỡng CBQL, GV cốt cán | 512 |\n| Tổng cộng | 1.580 |\n")
    rows = [b.text for b in split_blocks(text) if b.kind == "row"]
    assert rows == ["Hỗ trợ học phí đào tạo nâng chuẩn: 1.068.", "Bồi dưỡng CBQL, GV cốt cán: 512.", "Tổng cộng: 1.580."]


def test_a_table_whose_first_header_cell_is_noi_dung_keeps_its_header():
    doc = parse("KẾ HOẠCH\nI. KẾT QUẢ\nBảng tổng hợp:\n| Nội dung | Năm 2022 | Năm 2023 |\n"
                "| Chứng chỉ ứng dụng CNTT cơ bản | 112 | 87 |\n")
    assert not any("Nội dung" in b.text for b in doc.junk)
    content = " ".join(b.text for s in doc.sections() for b in s.blocks)
    assert "Năm 2023" in content

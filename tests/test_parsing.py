from pathlib import Path

from assistant.documents import load_document
from assistant.parsing import parse, split_blocks

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def paths(text):
    return [s.path for s in parse(text).sections()]


def test_keeps_lettered_items_under_their_heading():
    text = "II. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\na) Giai đoạn 2019-2020\n\n- Bảo đảm 94,5% giáo viên đạt chuẩn.\n\nb) Giai đoạn 2021-2025\n\n- 100% giáo viên.\n"
    parsed = parse(text)
    section = parsed.find("II.2.a")
    assert section is not None
    assert any("94,5%" in b.text for b in section.blocks)
    assert section.trail == ["MỤC TIÊU", "Mục tiêu cụ thể", "Giai đoạn 2019-2020"]
    assert parsed.find("II.2.b") is not None


def test_decimal_labels_replace_their_parent_and_parts_take_their_title():
    text = "Phần 2\n\nNỘI DUNG ĐỀ ÁN\n\nI. MỤC TIÊU\n\n1. Mục tiêu\n\n1.2. Mục tiêu cụ thể\n\nb) Năm 2022 đến năm 2025\n\n- 40% nhà giáo đạt trên chuẩn nghề nghiệp;\n"
    parsed = parse(text)
    assert parsed.find("Phần 2 › I.1.2.b") is not None
    assert parsed.find("Phần 2").title == "NỘI DUNG ĐỀ ÁN"


def test_heals_a_sentence_broken_across_a_page_end():
    text = "I. MỤC ĐÍCH\n\nd) Hoàn thiện quy hoạch mạng lưới trường, lớp học phù hợp với điều\n\nkiện tự nhiên, kinh tế - xã hội.\n"
    blocks = split_blocks(text)
    assert any("phù hợp với điều kiện tự nhiên" in b.text for b in blocks)


def test_heading_text_continues_on_the_next_line():
    text = "II. NHIỆM VỤ\n\n4. Tiếp tục tăng cường xã hội hóa, tăng cường cơ sở vật chất, nguồn\n\nlực đầu tư bảo đảm chất lượng\n\na) Tăng cường thu hút.\n"
    assert parse(text).find("II.4").title.endswith("nguồn lực đầu tư bảo đảm chất lượng")


def test_drops_page_artifacts_and_separators():
    text = "PAGE  \n7\n\n\tUBND HUYỆN X\n\nKẾ HOẠCH\nBồi dưỡng\n______________\nCăn cứ Luật Giáo dục;\nI. MỤC TIÊU\n- Một.\n"
    joined = " ".join(b.text for b in split_blocks(text))
    assert "PAGE" not in joined and "____" not in joined and " 7 " not in f" {joined} "


def test_keeps_skipped_numbering_as_printed():
    text = "I. MỤC ĐÍCH\nNội dung.\nIII. NHU CẦU\nNội dung.\nV. TỔ CHỨC THỰC HIỆN\nNội dung.\n"
    assert [p for p in paths(text) if p in {"I", "III", "IV", "V"}] == ["I", "III", "V"]


def test_bold_markers_are_removed_from_display_but_offsets_point_at_raw_text():
    text = "I. MỤC TIÊU\n\n**Phân đầu 100% giáo viên đạt chuẩn**\n"
    block = parse(text).find("I").blocks[1]
    assert block.text == "Phân đầu 100% giáo viên đạt chuẩn"
    assert "Phân đầu 100%" in text[block.start : block.end]


def test_header_bases_recipients_and_signature_are_their_own_sections():
    text = (
        "Số: 118 /KH-UBND\n\nPhong Điền, ngày 26 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nPhát triển nguồn nhân lực\n\n"
        "Thực hiện Nghị quyết số 29-NQ/TW;\n\nI. MỤC ĐÍCH\n\n1. Mục đích:\n\nNâng cao chất lượng.\n\n"
        "Trên đây là kế hoạch.\n\nNơi nhận:\n\n- Như trên;\n- Lưu: VT.\n\n**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nHoàng Văn Thái\n"
    )
    parsed = parse(text)
    assert "Số: 118 /KH-UBND" in [b.text for b in parsed.header.blocks]
    assert parsed.bases.blocks[0].text.startswith("Thực hiện Nghị quyết")
    assert [b.text for b in parsed.recipients.blocks][-1] == "- Lưu: VT."
    assert [b.text for b in parsed.signature.blocks][-1] == "Hoàng Văn Thái"


def test_document_with_no_header_block():
    text = " KẾ HOẠCH\nTriển khai việc học tập thường xuyên năm 2022\n\nCăn cứ Quyết định số 711/QĐ-TTg;\nI. MỤC ĐÍCH, YÊU CẦU:\n\t1. Mục đích:\n\tĐào tạo, bồi dưỡng.\n"
    parsed = parse(text)
    assert [b.text for b in parsed.header.blocks] == ["KẾ HOẠCH", "Triển khai việc học tập thường xuyên năm 2022"]
    assert parsed.find("I.1") is not None  # tab-indented numbered heading


def test_real_plans_have_their_printed_sections():
    expected = {
        "kh-ubnd-tuan-giao-2020": ["II.2.a", "II.2.b", "V.5", "Chữ ký"],
        "da-2921-ubnd-ba-dinh-2021": ["Phần 1 › II.1", "Phần 2 › I.1.2.b", "Phần 3 › 7"],
        "kh-th-cao-duong-2022": ["II.8", "V"],
        "kh-127-mnptb-phu-thanh-b-2021": ["I.2", "IV.2", "Nơi nhận"],
        "kh-118-ubnd-phong-dien-2024": ["I.2.b", "I.2.đ", "III.8"],
    }
    for doc_id, wanted in expected.items():
        found = paths(load_document(CORPUS / f"{doc_id}.txt").text)
        for path in wanted:
            assert path in found, (doc_id, path)
    assert "IV" not in paths(load_document(CORPUS / "kh-th-cao-duong-2022.txt").text)

"""assistant.manifest: plan metadata read from each document's own header (nothing keyed to the five plans)."""

import json
from pathlib import Path

import pytest

from assistant.documents import Document, load_document
from assistant.manifest import Manifest, PlanInfo, apply_overrides, extract_info, load_overrides, write_manifest
from assistant.parsing import parse
from conftest import ALL_PLANS, BA_DINH, CAO_DUONG, PHONG_DIEN, PHU_THANH_B, TUAN_GIAO


@pytest.fixture(scope="module")
def plans(corpus_dir) -> dict[str, PlanInfo]:
    out = {}
    for doc_id in ALL_PLANS:
        doc = load_document(corpus_dir / f"{doc_id}.txt")
        out[doc_id] = extract_info(doc, parse(doc.text), doc.path.name)
    return out


def info_of(text: str, doc_id: str = "ke-hoach-moi") -> PlanInfo:
    doc = Document(doc_id=doc_id, path=Path(f"{doc_id}.txt"), text=text, sha256="0" * 64)
    return extract_info(doc, parse(text), f"{doc_id}.txt")


# ----------------------------------------------------------------------------- the real plans
def test_number_as_printed(plans):
    assert plans[PHU_THANH_B].number == "127/KH-MNPTB"
    assert plans[PHONG_DIEN].number == "118/KH-UBND"  # printed "Số: 118 /KH-UBND"
    assert plans[BA_DINH].number == "2921/ĐA-UBND"


def test_blank_number_stays_blank(plans):
    # Tuần Giáo prints "Số: /KH-UBND"; Cao Dương has no "Số:" line at all
    assert plans[TUAN_GIAO].number == ""
    assert plans[CAO_DUONG].number == ""


def test_document_type_from_the_header(plans):
    assert plans[BA_DINH].doc_type == "Đề án"
    assert {plans[d].doc_type for d in (TUAN_GIAO, PHONG_DIEN, PHU_THANH_B, CAO_DUONG)} == {"Kế hoạch"}


def test_issuer_and_locality(plans):
    assert plans[TUAN_GIAO].issuer == "UBND huyện Tuần Giáo"
    assert "tỉnh Điện Biên" in plans[TUAN_GIAO].locality
    assert "huyện Tuần Giáo" in plans[TUAN_GIAO].locality
    assert plans[BA_DINH].issuer == "UBND quận Ba Đình"
    assert "thành phố Hà Nội" in plans[BA_DINH].locality
    assert plans[PHONG_DIEN].issuer == "UBND huyện Phong Điền"
    assert plans[PHU_THANH_B].issuer == "Trường Mầm non Phú Thành B"
    assert "huyện Tam Nông" in plans[PHU_THANH_B].locality
    assert plans[CAO_DUONG].school.lower() == "trường tiểu học cao dương"


def test_dates_keep_a_blank_day_blank(plans):
    assert plans[PHU_THANH_B].date == "2021-09-16"
    assert plans[PHONG_DIEN].date == "2024-03-26"
    assert plans[BA_DINH].date == "2021-12-28"
    assert plans[TUAN_GIAO].date == "2020-07"  # "ngày    tháng 7 năm 2020"
    assert plans[CAO_DUONG].date == ""


def test_period_from_the_title(plans):
    assert plans[PHU_THANH_B].period == "2021–2025, tầm nhìn 2030"
    assert plans[TUAN_GIAO].period == "2019–2025"
    assert plans[BA_DINH].period == "2021–2025"
    assert plans[PHONG_DIEN].period == "2024"
    assert plans[CAO_DUONG].period == "2022"


def test_signer_is_the_last_line_of_the_signature(plans):
    assert plans[TUAN_GIAO].signer == "Mùa Va Hồ"
    assert plans[BA_DINH].signer == "Tạ Nam Chiến"
    assert plans[PHONG_DIEN].signer == "Hoàng Văn Thái"
    assert plans[PHU_THANH_B].signer == ""  # the file has no signature block
    assert plans[CAO_DUONG].signer == ""


def test_levels(plans):
    assert plans[TUAN_GIAO].levels == ["mầm non"]
    assert plans[PHU_THANH_B].levels == ["mầm non"]
    assert plans[CAO_DUONG].levels == ["tiểu học"]


def test_titles_are_the_lines_under_the_document_type(plans):
    assert plans[TUAN_GIAO].title == (
        "Đào tạo, bồi dưỡng nhà giáo và cán bộ quản lý giáo dục mầm non huyện Tuần Giáo giai đoạn 2019-2025"
    )
    assert plans[CAO_DUONG].title == "Triển khai việc học tập thường xuyên năm 2022"
    assert "**" not in plans[TUAN_GIAO].title


def test_aliases_name_the_place_school_and_number(plans):
    assert "Tuần Giáo" in plans[TUAN_GIAO].aliases
    assert "Ba Đình" in plans[BA_DINH].aliases and "2921" in plans[BA_DINH].aliases
    assert {"Phú Thành B", "127/KH-MNPTB", "127"} <= set(plans[PHU_THANH_B].aliases)
    assert "Cao Dương" in plans[CAO_DUONG].aliases


def test_labels_used_in_answers(plans):
    assert plans[PHU_THANH_B].label == "Kế hoạch 127/KH-MNPTB (Trường Mầm non Phú Thành B)"
    assert plans[TUAN_GIAO].label == "Kế hoạch của UBND huyện Tuần Giáo, 7/2020"
    assert "Phong Điền" in plans[PHONG_DIEN].search_label() and "118/KH-UBND" in plans[PHONG_DIEN].search_label()


# ----------------------------------------------------------------------------- overrides
def test_overrides_file_replaces_a_field(tmp_path, plans):
    (tmp_path / "manifest.overrides.json").write_text(
        json.dumps({"_doc": "ghi chú", TUAN_GIAO: {"number": "999/KH-UBND", "date": "2020-07-15"}}), "utf-8"
    )
    overrides = load_overrides(tmp_path)
    assert "_doc" not in overrides
    fixed = apply_overrides(plans[TUAN_GIAO], overrides)
    assert (fixed.number, fixed.date) == ("999/KH-UBND", "2020-07-15")
    assert fixed.issuer == plans[TUAN_GIAO].issuer  # other fields untouched
    assert plans[TUAN_GIAO].number == ""  # the original is not mutated
    assert apply_overrides(plans[BA_DINH], overrides) == plans[BA_DINH]


def test_no_overrides_file_means_no_overrides(tmp_path):
    assert load_overrides(tmp_path) == {}


def test_manifest_is_written_as_readable_utf8_json(tmp_path, plans):
    path = write_manifest(Manifest(plans=plans), tmp_path)
    raw = path.read_text("utf-8")
    assert "Mùa Va Hồ" in raw  # not \\u escaped
    data = json.loads(raw)
    assert list(data) == sorted(ALL_PLANS)
    assert data[PHU_THANH_B]["number"] == "127/KH-MNPTB"


# ----------------------------------------------------------------------------- unseen plans
BAO_LAM = (
    "UBND HUYỆN BẢO LÂM\n"
    "\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 45/KH-UBND\tBảo Lâm, ngày 5 tháng 1 năm 2023\n"
    "KẾ HOẠCH\n"
    "Bồi dưỡng giáo viên trung học cơ sở giai đoạn 2023-2026\n"
    "Căn cứ Luật Giáo dục năm 2019;\n"
    "Ủy ban nhân dân huyện Bảo Lâm xây dựng kế hoạch như sau:\n"
    "I. MỤC TIÊU\n"
    "1. Đến năm 2026, 100% giáo viên THCS huyện Bảo Lâm, tỉnh Lâm Đồng đạt chuẩn trình độ đào tạo.\n"
    "Trên đây là Kế hoạch của UBND huyện Bảo Lâm./.\n"
    "Nơi nhận:\n- Sở GDĐT;\n- Lưu: VT.\n"
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Bình\n"
)


def test_an_unseen_district_plan_is_read_from_its_own_header():
    p = info_of(BAO_LAM)
    assert p.doc_type == "Kế hoạch"
    assert p.number == "45/KH-UBND"
    assert p.date == "2023-01-05"
    assert p.title == "Bồi dưỡng giáo viên trung học cơ sở giai đoạn 2023-2026"
    assert p.period == "2023–2026"
    assert p.issuer == "UBND huyện Bảo Lâm"
    assert p.locality == "huyện Bảo Lâm, tỉnh Lâm Đồng"
    assert p.levels == ["THCS"]
    assert p.signer == "Nguyễn Văn Bình"
    assert {"Bảo Lâm", "45/KH-UBND", "45"} <= set(p.aliases)
    assert p.label == "Kế hoạch 45/KH-UBND (UBND huyện Bảo Lâm)"


def test_an_unseen_school_plan_is_read_from_its_own_header():
    text = (
        "UBND THÀNH PHỐ HUẾ\nTRƯỜNG TIỂU HỌC VĨNH NINH\n\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-THVN\n\tHuế, ngày 20 tháng 8 năm 2022\nKẾ HOẠCH\n"
        "Bồi dưỡng thường xuyên giáo viên giai đoạn 2022-2025\n"
        "Căn cứ Thông tư số 17/2019/TT-BGDĐT;\nTrường Tiểu học Vĩnh Ninh xây dựng kế hoạch như sau:\n"
        "I. MỤC ĐÍCH\n1. Nâng cao năng lực giáo viên Trường Tiểu học Vĩnh Ninh.\n"
    )
    p = info_of(text)
    assert p.number == "12/KH-THVN"
    assert p.date == "2022-08-20"
    assert p.school == p.issuer == "Trường Tiểu học Vĩnh Ninh"
    assert p.locality.startswith("Trường Tiểu học Vĩnh Ninh, thành phố Huế")
    assert "Vĩnh Ninh" in p.aliases
    assert p.levels == ["tiểu học"]
    assert p.signer == ""


def test_number_and_date_on_one_line_without_issuer_block():
    text = BAO_LAM.split("Số:", 1)[1]
    p = info_of("Số:" + text)
    assert p.issuer == "UBND huyện Bảo Lâm"
    assert "Bảo Lâm" in p.aliases
    assert not any("45/KH-UBND " in a for a in p.aliases)


def test_an_undated_unnumbered_note_yields_blank_fields_not_errors():
    p = info_of("Ghi chú bồi dưỡng giáo viên\nI. NỘI DUNG\n1. Bồi dưỡng chuyên môn cho giáo viên mầm non.\n")
    assert (p.number, p.date, p.signer, p.issuer) == ("", "", "", "")
    assert p.doc_type == "Văn bản"


def test_generic_or_empty_names_never_name_a_plan():
    from assistant.manifest import distinctive_aliases

    assert distinctive_aliases(["|", "UBND", "Trường", "Phòng Giáo dục và Đào tạo", "huyện", "", "Gdnn-Gdtx"]) == []
    assert distinctive_aliases(["Ba Đình", "45/KH-UBND", "45", "Trường THCS Hòa Bình"]) == [
        "Ba Đình", "45/KH-UBND", "45", "Trường THCS Hòa Bình"]


def test_a_place_named_with_syllables_of_generic_words_is_still_a_name():
    from assistant.manifest import distinctive_aliases

    # "nghĩa" of "chủ nghĩa", "dân" of "nhân dân", "hòa" of "cộng hòa": generic only as whole words
    assert distinctive_aliases(["Nghĩa Đàn", "Thanh Hóa", "Cộng hòa xã hội chủ nghĩa Việt Nam", "Ủy ban nhân dân"]) == [
        "Nghĩa Đàn", "Thanh Hóa"]


def test_unread_fields_are_named_and_a_blank_number_is_said_to_be_blank():
    from assistant.manifest import unread_fields

    text = "Số: /KH-UBND\nKẾ HOẠCH\nBồi dưỡng giáo viên\nI. MỤC TIÊU\n1. Đạt chuẩn.\n"
    doc = Document(doc_id="x", path=Path("x.txt"), text=text, sha256="")
    parsed = parse(text)
    missing = unread_fields(extract_info(doc, parsed, "x.txt"), parsed)
    assert "số hiệu (để trống trong văn bản)" in missing and "người ký" in missing and "tên văn bản" not in missing


def test_an_approval_column_beside_the_signature_names_no_signer():
    text = ("TRƯỜNG THCS B\nSố: 9/KH-THCSB\n\nKẾ HOẠCH\nBồi dưỡng thường xuyên năm học 2024 - 2025\n\n"
            "I. MỤC ĐÍCH\nNâng cao năng lực giáo viên.\n\n"
            "| **DUYỆT CỦA PHÒNG GD&ĐT** | **HIỆU TRƯỞNG** |\n| KT. TRƯỞNG PHÒNG | |\n"
            "| PHÓ TRƯỞNG PHÒNG | (Đã ký) |\n| (Đã ký) | |\n| Lê Văn Hùng | Trần Thị Loan |\n")
    assert info_of(text).signer == "Trần Thị Loan"


def test_a_school_without_a_district_in_its_header_takes_the_district_of_the_phong_it_cites():
    text = ("TRƯỜNG TIỂU HỌC TÂN AN\nSố: 5/KH-THTA\n\nKẾ HOẠCH\nBồi dưỡng thường xuyên năm học 2024 - 2025\n\n"
            "Căn cứ Công văn số 12/PGDĐT ngày 26/8/2024 của Phòng Giáo dục và Đào tạo huyện Định Quán về việc hướng dẫn BDTX;\n\n"
            "I. MỤC ĐÍCH\nGV học tập trên hệ thống LMS của Sở GD&ĐT tỉnh Đồng Nai.\n")
    info = info_of(text)
    assert "huyện Định Quán" in info.locality and info.province == "tỉnh Đồng Nai"


def test_a_province_named_with_a_dash_is_read_and_the_district_city_is_not_it():
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nTHÀNH PHỐ BÀ RỊA | Độc lập - Tự do - Hạnh phúc |\n"
            "Số: 05/ĐA-UBND | Bà Rịa, ngày 17 tháng 02 năm 2025 |\nĐỀ ÁN\nPhát triển đội ngũ giáo viên thành phố Bà Rịa\n"
            "Thành phố Bà Rịa là trung tâm hành chính của tỉnh Bà Rịa - Vũng Tàu; thành phố Bà Rịa có 20 trường.\n"
            "I. MỤC TIÊU\n1. Đến năm 2030, thành phố Bà Rịa có 100% GV đạt chuẩn.\n")
    info = info_of(text)
    assert info.province == "tỉnh Bà Rịa - Vũng Tàu"
    assert info.locality == "thành phố Bà Rịa, tỉnh Bà Rịa - Vũng Tàu"


def test_the_rest_of_a_left_column_on_a_line_ending_in_a_tab_stays_in_its_column():
    # the right column is empty on the third line: its trailing tab keeps the line in the layout
    info = info_of("UBND HUYỆN AN LẠC\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                   "TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP -\tĐộc lập - Tự do - Hạnh phúc\n"
                   "GIÁO DỤC THƯỜNG XUYÊN\t\n"
                   "Số: 12/KH-TTGDNN-GDTX\tAn Lạc, ngày 02 tháng 4 năm 2024\n\n"
                   "KẾ HOẠCH\nBồi dưỡng tin học cho giáo viên năm 2024\n\nI. MỤC ĐÍCH\n1. Nâng cao kỹ năng.\n")
    # (cased as the text prints it elsewhere; here it is printed only in capitals)
    assert info.school.lower() == "trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên huyện an lạc"
    assert "cộng hòa" not in info.issuer.lower()


def test_a_report_without_header_is_issued_by_the_school_that_reports():
    info = info_of("**BÁO CÁO**\n**Kết quả bồi dưỡng thường xuyên năm học 2023 - 2024**\n\n"
                   "Kính gửi: Phòng Giáo dục và Đào tạo quận Hòa Mỹ.\n\n"
                   "Căn cứ Kế hoạch số 42/KH-TH ngày 20/9/2023 của Trường Tiểu học Hòa Mỹ 3 về bồi dưỡng,\n"
                   "Trường Tiểu học Hòa Mỹ 3 báo cáo kết quả thực hiện như sau:\n\n"
                   "I. ĐẶC ĐIỂM TÌNH HÌNH\n- Trường có 20 lớp.\n")
    assert info.school == info.issuer == "Trường Tiểu học Hòa Mỹ 3"
    assert info.locality.startswith("Trường Tiểu học Hòa Mỹ 3, quận Hòa Mỹ")


def test_a_web_copys_number_label_is_no_blank_number():
    info = info_of("Cổng thông tin điện tử huyện X\nSố/Ký hiệu: 56/TTr-PGDĐT | Ngày ban hành: 05/8/2024 | Lượt xem: 386\n\n"
                   "UBND HUYỆN X | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc\n"
                   "Số: 56/TTr-PGDĐT | X, ngày 05 tháng 8 năm 2024\n\nTỜ TRÌNH\nVề việc đề nghị phê duyệt Kế hoạch\n")
    assert info.number == "56/TTr-PGDĐT"


def test_an_action_programme_is_a_programme_whose_title_starts_after_its_kind():
    info = info_of("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2473/CTr-SGDĐT\nVĩnh Long, ngày 09 tháng 12 năm 2024\n\n"
                   "CHƯƠNG TRÌNH HÀNH ĐỘNG\nPhát triển đội ngũ nhà giáo giai đoạn 2025 - 2030\n\nI. MỤC ĐÍCH\n")
    assert (info.doc_type, info.title) == ("Chương trình", "Phát triển đội ngũ nhà giáo giai đoạn 2025 - 2030")


# ----------------------------------------------------------------------------- headers seen in session 11's plans
def test_a_headerless_decision_reads_its_number_date_and_issuer_from_the_carried_plan_line():
    info = info_of(
        "QUYẾT ĐỊNH\nBan hành Kế hoạch bồi dưỡng giáo viên trên địa bàn xã Krông Năng giai đoạn 2025 - 2030\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ KRÔNG NĂNG\n\nCăn cứ Luật Nhà giáo năm 2025;\n\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch bồi dưỡng giáo viên.\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n\nCHỦ TỊCH\nHà Minh Quyết\n\n"
        "KẾ HOẠCH\nBồi dưỡng giáo viên\n(Ban hành kèm theo Quyết định số 318/QĐ-UBND ngày 22/9/2025 của Chủ tịch "
        "Ủy ban nhân dân xã Krông Năng)\n\nI. MỤC ĐÍCH\n1. Nâng chuẩn giáo viên tỉnh Đắk Lắk.\n"
    )
    assert (info.number, info.date) == ("318/QĐ-UBND", "2025-09-22")
    assert info.issuer == "UBND xã Krông Năng"


def test_a_number_line_between_the_type_and_the_title_is_not_title():
    info = info_of("TỜ TRÌNH\nSố: 37/TTr-PGDĐT\nVề việc đề nghị phê duyệt Kế hoạch đào tạo giáo viên\n"
                   "giai đoạn 2016 - 2020\n\nKính gửi: Ủy ban nhân dân thị xã Kỳ Anh.\n\n1. Nội dung.\n")
    assert info.number == "37/TTr-PGDĐT"
    assert info.title == "đề nghị phê duyệt Kế hoạch đào tạo giáo viên giai đoạn 2016 - 2020"


def test_a_headerless_submission_is_sent_by_the_office_that_submits_it():
    info = info_of("TỜ TRÌNH\nSố: 37/TTr-PGDĐT\nVề việc đề nghị phê duyệt Kế hoạch đào tạo giáo viên\n\n"
                   "Kính gửi: Ủy ban nhân dân thị xã Kỳ Anh.\n\n1. Thị xã Kỳ Anh có 58 trường thuộc tỉnh Hà Tĩnh.\n"
                   "Phòng Giáo dục và Đào tạo kính trình Ủy ban nhân dân thị xã xem xét, phê duyệt./.\n\n"
                   "Kỳ Anh, ngày 14 tháng 3 năm 2016\nTRƯỞNG PHÒNG\nPhan Đình Lộc\n")
    assert info.issuer == "Phòng Giáo dục và Đào tạo thị xã Kỳ Anh"


def test_a_joint_school_keeps_liên_in_its_name_and_its_commune_clean():
    info = info_of("UBND XÃ THÁI HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                   "LIÊN TRƯỜNG THCS THÁI HÒA -\tĐộc lập - Tự do - Hạnh phúc\nĐỨC NINH - HÙNG ĐỨC\t\n"
                   "Số:      /KH-LT\tThái Hòa, ngày      tháng 9 năm 2025\n\nKẾ HOẠCH\nBồi dưỡng giáo viên liên trường\n\n"
                   "I. MỤC ĐÍCH\n1. Giáo viên Liên trường THCS Thái Hòa - Đức Ninh - Hùng Đức, tỉnh Tuyên Quang.\n")
    assert info.school == "Liên trường THCS Thái Hòa - Đức Ninh - Hùng Đức"
    assert "xã Thái Hòa," in info.locality and "Thái Hòa Liên" not in info.locality

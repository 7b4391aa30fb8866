import json
from pathlib import Path

from assistant.documents import Document, load_document
from assistant.manifest import apply_overrides, extract_info, load_overrides
from assistant.parsing import parse

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def info(doc_id):
    doc = load_document(CORPUS / f"{doc_id}.txt")
    return extract_info(doc, parse(doc.text), doc.path.name)


def test_reads_number_date_period_and_issuer_from_the_header():
    p = info("kh-127-mnptb-phu-thanh-b-2021")
    assert p.number == "127/KH-MNPTB"
    assert p.date == "2021-09-16"
    assert p.period == "2021–2025, tầm nhìn 2030"
    assert p.issuer == "Trường Mầm non Phú Thành B"
    assert "huyện Tam Nông" in p.locality
    assert p.levels == ["mầm non"]


def test_blank_number_and_day_stay_blank():
    p = info("kh-ubnd-tuan-giao-2020")
    assert p.number == ""
    assert p.date == "2020-07"
    assert p.issuer == "UBND huyện Tuần Giáo"
    assert "tỉnh Điện Biên" in p.locality
    assert p.signer == "Mùa Va Hồ"
    assert p.levels == ["mầm non"]


def test_plan_without_signature_has_no_signer():
    assert info("kh-127-mnptb-phu-thanh-b-2021").signer == ""
    assert info("da-2921-ubnd-ba-dinh-2021").signer == "Tạ Nam Chiến"


def test_an_unseen_district_plan_is_read_the_same_way():
    text = (
        "\tUBND HUYỆN MỘC CHÂU\n\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập – Tự do – Hạnh phúc\n"
        "Số: 45/KH-UBND\tMộc Châu, ngày 5 tháng 1 năm 2023\n\nKẾ HOẠCH\nBồi dưỡng giáo viên tiểu học giai đoạn 2023-2026\n\n"
        "Căn cứ Luật Giáo dục năm 2019;\nỦy ban nhân dân huyện Mộc Châu xây dựng kế hoạch như sau:\n"
        "I. MỤC TIÊU\n1. Đến năm 2026, 100% giáo viên tiểu học đạt chuẩn trình độ đào tạo.\n"
    )
    doc = Document(doc_id="moc-chau", path=Path("moc-chau.txt"), text=text, sha256="x")
    p = extract_info(doc, parse(text), "moc-chau.txt")
    assert p.number == "45/KH-UBND"
    assert p.date == "2023-01-05"
    assert p.period == "2023–2026"
    assert p.issuer == "UBND huyện Mộc Châu"
    assert p.levels == ["tiểu học"]
    assert "Mộc Châu" in p.aliases


def test_overrides_replace_a_field(tmp_path):
    (tmp_path / "manifest.overrides.json").write_text(json.dumps({"kh-ubnd-tuan-giao-2020": {"number": "999/KH-UBND"}}))
    p = apply_overrides(info("kh-ubnd-tuan-giao-2020"), load_overrides(tmp_path))
    assert p.number == "999/KH-UBND"

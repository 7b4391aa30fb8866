"""assistant.documents: plan files in, text out; bad input gets one named line, never a traceback."""

import hashlib
import struct
import unicodedata
import zlib

import pytest

from assistant import phrases
from assistant.documents import DocumentError, doc_id_for, list_plan_files, load_document

VI = (
    "KẾ HOẠCH\nBồi dưỡng giáo viên mầm non giai đoạn 2023-2025\n"
    "I. MỤC TIÊU\n1. Mục tiêu chung: nâng cao chất lượng đội ngũ nhà giáo.\n"
)
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _png() -> bytes:
    """A real 4x4 PNG image (a picture saved with a .txt name)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 52)) + chunk(b"IEND", b"")


PNG = _png()


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word files use it: precomposed base letters + combining tone marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        tone = "".join(c for c in decomposed if c in _TONES)
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def load_error(path) -> DocumentError:
    with pytest.raises(DocumentError) as err:
        load_document(path)
    return err.value


def assert_one_named_line(err: DocumentError, name: str, problem: str) -> None:
    message = str(err)
    assert message.startswith(f"{name}: {problem}")
    assert "\n" not in message
    assert err.problem == problem and err.path.name == name
    assert err.hint  # says what to do next


def test_windows_1258_helper_really_writes_cp1258():
    data = to_cp1258(VI)
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == VI
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


@pytest.mark.parametrize(
    "name,data,problem",
    [
        ("rong.txt", b"", phrases.ERR_EMPTY),
        ("chi-khoang-trang.txt", b"  \n\n\t\n", phrases.ERR_EMPTY),
        ("nhi-phan.txt", bytes(range(256)) * 4, phrases.ERR_BINARY),
        ("anh.txt", PNG, phrases.ERR_BINARY),
        ("utf16.txt", VI.encode("utf-16"), phrases.ERR_UTF16),
        ("utf16-le-khong-bom.txt", VI.encode("utf-16-le"), phrases.ERR_UTF16),
        ("ke-hoach.xls", b"\xd0\xcf\x11\xe0 whatever", phrases.ERR_SUFFIX.format(suffix=".xls")),
        ("ke-hoach", VI.encode(), phrases.ERR_SUFFIX.format(suffix="(không có)")),
        ("qua-ngan.txt", "Kế hoạch".encode(), phrases.ERR_NO_TEXT),
    ],
)
def test_bad_files_get_one_line_naming_file_and_problem(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_named_line(load_error(path), name, problem)


def test_windows_1258_file_is_named_with_the_offending_byte(tmp_path):
    path = tmp_path / "ke-hoach-cu.txt"
    data = to_cp1258(VI)
    path.write_bytes(data)
    first_bad = next(i for i in range(len(data)) if data[i] >= 0x80)
    err = load_error(path)
    assert_one_named_line(err, "ke-hoach-cu.txt", phrases.ERR_NOT_UTF8.format(offset=first_bad))
    assert "Windows-1258" in str(err)


def test_utf16_big_endian_without_bom_is_named_utf16(tmp_path):
    path = tmp_path / "utf16-be.txt"
    path.write_bytes(VI.encode("utf-16-be"))
    assert load_error(path).problem == phrases.ERR_UTF16


@pytest.mark.parametrize("name,data", [("hong.docx", b"not a zip"), ("hong.pdf", b"%PDF-1.4 garbage")])
def test_broken_office_files_are_named(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    err = load_error(path)
    assert str(err).startswith(f"{name}: ")
    assert "\n" not in str(err)
    assert err.hint == phrases.HINT_RESAVE


def test_utf8_text_is_read_as_printed(tmp_path):
    path = tmp_path / "Kế hoạch 45.txt"
    path.write_bytes(b"\xef\xbb\xbf" + VI.replace("\n", "\r\n").encode())  # BOM and Windows line ends
    doc = load_document(path)
    assert doc.text == VI
    assert doc.doc_id == "ke-hoach-45"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_docx_paragraphs_and_tables_are_read_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH bồi dưỡng giáo viên năm 2025")
    d.add_paragraph("I. CHỈ TIÊU")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Giá trị"
    table.cell(1, 0).text = "Giáo viên đạt chuẩn"
    table.cell(1, 1).text = "98%"
    d.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    path = tmp_path / "Kế hoạch số 9.docx"
    d.save(path)

    doc = load_document(path)
    assert doc.doc_id == "ke-hoach-so-9"
    assert "KẾ HOẠCH bồi dưỡng giáo viên năm 2025" in doc.text
    assert "| Giáo viên đạt chuẩn | 98% |" in doc.text  # one table row, one line
    assert doc.text.index("I. CHỈ TIÊU") < doc.text.index("98%") < doc.text.index("II. TỔ CHỨC")


def test_docx_merged_cells_are_not_repeated(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH bồi dưỡng giáo viên năm 2025")
    table = d.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Tổng số giáo viên"
    table.cell(0, 2).text = "120"
    path = tmp_path / "bang.docx"
    d.save(path)
    assert "| Tổng số giáo viên | 120 |" in load_document(path).text


def test_docx_signature_block_in_one_table_row_reads_line_by_line(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("CÔNG VĂN đăng ký giáo viên tham gia lớp bồi dưỡng")
    d.add_paragraph("Đề nghị Hiệu trưởng các trường triển khai thực hiện./.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Nơi nhận:"
    table.cell(0, 0).add_paragraph("- Như trên;")
    table.cell(0, 1).text = "TRƯỞNG PHÒNG"
    table.cell(0, 1).add_paragraph("(Đã ký)")
    table.cell(0, 1).add_paragraph("Phan Thanh Sử")
    path = tmp_path / "cv.docx"
    d.save(path)
    text = load_document(path).text
    assert "| Nơi nhận: | TRƯỞNG PHÒNG |" in text
    assert "|  | Phan Thanh Sử |" in text  # the signer's name on a line of its own, not run into its title


@pytest.mark.parametrize(
    "filename,slug",
    [
        ("Kế hoạch Tuần Giáo 2020.txt", "ke-hoach-tuan-giao-2020"),
        ("ĐỀ ÁN 2921 (bản cuối).docx", "de-an-2921-ban-cuoi"),
        ("kh-127-mnptb-phu-thanh-b-2021.txt", "kh-127-mnptb-phu-thanh-b-2021"),
        ("___.txt", "plan"),
    ],
)
def test_doc_id_slug_is_stable_and_ascii(tmp_path, filename, slug):
    path = tmp_path / filename
    assert doc_id_for(path) == slug
    assert doc_id_for(path) == doc_id_for(tmp_path / "khac" / filename)  # same name, same id
    nfd = tmp_path / unicodedata.normalize("NFD", filename)  # macOS file names
    assert doc_id_for(nfd) == slug
    assert slug.isascii()


def test_corpus_listing_skips_the_manifest_and_hidden_files(tmp_path):
    for name in ("a.txt", "b.docx", "manifest.json", "manifest.overrides.json", "README.md", ".DS_Store"):
        (tmp_path / name).write_text("x")
    (tmp_path / "thu-muc").mkdir()
    assert [p.name for p in list_plan_files(tmp_path)] == ["a.txt", "b.docx"]


def test_every_real_plan_loads(corpus_dir):
    files = sorted(corpus_dir.glob("*.txt"))
    assert len(files) == 5
    for path in files:
        doc = load_document(path)
        assert doc.doc_id == path.stem
        assert len(doc.text) > 5000


def test_docx_a_value_merged_over_several_columns_stands_under_each(tmp_path):
    import docx

    from assistant.parsing import split_blocks

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH bồi dưỡng giáo viên năm 2025")
    table = d.add_table(rows=2, cols=4)
    for i, head in enumerate(["Chỉ tiêu", "Mầm non", "Tiểu học", "THCS"]):
        table.cell(0, i).text = head
    table.cell(1, 0).text = "Tỷ lệ GV hoàn thành BDTX"
    table.cell(1, 1).merge(table.cell(1, 3)).text = "100%"
    path = tmp_path / "bang.docx"
    d.save(path)
    rows = [b.text for b in split_blocks(load_document(path).text) if b.kind == "row"]
    assert "Tỷ lệ GV hoàn thành BDTX: Mầm non: 100%; Tiểu học: 100%; THCS: 100%." in rows


def test_docx_a_header_laid_out_in_a_table_is_read_line_by_line_across_its_columns(tmp_path):
    import docx

    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nHUYỆN THỌ XUÂN\nSố: 03/ĐA-UBND"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nThọ Xuân, ngày 14 tháng 3 năm 2025"
    d.add_paragraph("ĐỀ ÁN")
    path = tmp_path / "de-an.docx"
    d.save(path)

    text = load_document(path).text
    assert "| HUYỆN THỌ XUÂN | Độc lập - Tự do - Hạnh phúc |" in text
    assert "| Số: 03/ĐA-UBND | Thọ Xuân, ngày 14 tháng 3 năm 2025 |" in text

import pytest

from assistant.documents import DocumentError, doc_id_for, load_document

VI = "KẾ HOẠCH\nBồi dưỡng giáo viên mầm non giai đoạn 2023-2025\nI. MỤC TIÊU\n1. Mục tiêu chung\n"


@pytest.mark.parametrize(
    "name,data,problem",
    [
        ("empty.txt", b"", "tệp rỗng"),
        ("binary.txt", b"\x00\x01\x02" * 50, "nhị phân"),
        ("utf16.txt", VI.encode("utf-16"), "UTF-16"),
        ("legacy.txt", VI.encode("cp1258", errors="replace"), "không phải UTF-8"),
        ("plan.xls", b"whatever", "không được hỗ trợ"),
    ],
)
def test_bad_files_get_one_line_naming_file_and_problem(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        load_document(path)
    message = str(err.value)
    assert message.startswith(name + ":")
    assert problem in message
    assert "\n" not in message


def test_docx_tables_are_read(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH bồi dưỡng giáo viên năm 2025")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Giá trị"
    table.cell(1, 0).text = "Giáo viên đạt chuẩn"
    table.cell(1, 1).text = "98%"
    path = tmp_path / "Kế hoạch số 9.docx"
    d.save(path)
    doc = load_document(path)
    assert "Giáo viên đạt chuẩn\t98%" in doc.text


def test_doc_id_is_a_stable_ascii_slug(tmp_path):
    assert doc_id_for(tmp_path / "Kế hoạch Tuần Giáo 2020.txt") == "ke-hoach-tuan-giao-2020"

"""The synthetic plan generator for scale benchmarks (benchmarks/synthetic_plans.py): deterministic,
varied, and read by the project's own pipeline like a real plan (sections, manifest fields,
chunk counts). Fast: no network, no embedding model."""

from __future__ import annotations

import importlib.util
import statistics
import time
from pathlib import Path

import pytest

from assistant.chunking import chunk_document
from assistant.documents import load_document
from assistant.manifest import extract_info, unread_fields
from assistant.parsing import parse

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("synthetic_plans", ROOT / "benchmarks" / "synthetic_plans.py")
sp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sp)

# Plans spread over the index range (different draws of issuer, type, layout and size).
SAMPLE = [0, 3, 11, 15, 64, 150, 512, 777, 1024, 1999]  # 3: a decision carrying its plan; 11: Sở; 15: a web copy


@pytest.fixture(scope="module")
def read_sample(tmp_path_factory):
    """The sample written to disk, then read as read_plan reads a plan: (parsed, info, chunks, bytes)."""
    folder = tmp_path_factory.mktemp("synth")
    out = {}
    for i in SAMPLE:
        (path,) = sp.write_corpus(folder, 1, seed=0, start=i)
        doc = load_document(path)
        parsed = parse(doc.text)
        info = extract_info(doc, parsed, path.name)
        out[i] = (parsed, info, chunk_document(doc.doc_id, doc.text, parsed, 900), path.stat().st_size)
    return out


def test_same_index_and_seed_give_the_same_plan():
    assert sp.generate_plan(42, seed=3) == sp.generate_plan(42, seed=3)
    name, text = sp.generate_plan(42, seed=3)
    assert name == "synth-000042.txt"
    assert sp.generate_plan(42, seed=4)[1] != text
    assert sp.generate_plan(43, seed=3)[1] != text


def test_write_corpus_writes_the_requested_range(tmp_path):
    paths = sp.write_corpus(tmp_path / "new" / "corpus", 3, seed=5, start=10)
    assert [p.name for p in paths] == ["synth-000010.txt", "synth-000011.txt", "synth-000012.txt"]
    for i, path in zip(range(10, 13), paths):
        assert path.read_text(encoding="utf-8") == sp.generate_plan(i, seed=5)[1]


def test_pipeline_finds_sections_in_every_plan(read_sample):
    for i, (parsed, _info, _chunks, _size) in read_sample.items():
        body = [s for s in parsed.sections() if s.kind not in ("header", "bases", "recipients", "signature", "body")]
        assert len(body) >= 10, f"plan {i}: {len(body)} numbered sections"
        assert parsed.header.blocks and parsed.bases.blocks and parsed.signature.blocks, f"plan {i}"


def test_manifest_reads_every_field_of_the_header(read_sample):
    unread = {i: unread_fields(info, parsed) for i, (parsed, info, _c, _s) in read_sample.items()}
    # a number printed blank ("Số: …/KH-UBND") is the only gap a plan may have, in a few plans
    assert all(set(u) <= {"số hiệu (để trống trong văn bản)"} for u in unread.values()), unread
    assert sum(bool(u) for u in unread.values()) <= 1, unread
    for i, (_parsed, info, _c, _s) in read_sample.items():
        assert info.title and info.locality and info.date and info.period and info.issuer, (i, info)
        assert info.doc_type in ("Kế hoạch", "Đề án", "Quyết định", "Chương trình"), (i, info.doc_type)


def test_chunk_counts_and_sizes_match_the_benchmark_scale(read_sample):
    counts = [len(chunks) for _p, _i, chunks, _s in read_sample.values()]
    sizes_kb = [size / 1024 for _p, _i, _c, size in read_sample.values()]
    assert 25 <= statistics.mean(counts) <= 35, counts
    assert all(12 <= c <= 70 for c in counts), counts
    assert 18 <= statistics.mean(sizes_kb) <= 32, sizes_kb
    assert all(6 <= kb <= 64 for kb in sizes_kb), sizes_kb
    for _p, _i, chunks, _s in read_sample.values():
        assert all(len(c.text) <= 900 for c in chunks)


def test_distinct_plans_get_distinct_labels_and_places(read_sample):
    infos = [info for _p, info, _c, _s in read_sample.values()]
    assert len({info.label for info in infos}) == len(infos), [info.label for info in infos]
    assert len({(info.locality, info.number) for info in infos}) == len(infos)
    assert len({info.sha256 for info in infos}) == len(infos)


def test_plans_vary_in_issuer_type_layout_and_noise():
    texts = [sp.generate_plan(i)[1] for i in range(300)]
    head = [t[:1500] for t in texts]

    def share(pred) -> int:
        return sum(1 for t in texts if pred(t))

    # issuers
    assert share(lambda t: "TRƯỜNG MẦM NON" in t[:1500]) and share(lambda t: "TRƯỜNG THCS" in t[:1500])
    assert share(lambda t: "TRƯỜNG TIỂU HỌC" in t[:1500]) and share(lambda t: "TRƯỜNG THPT" in t[:1500])
    assert share(lambda t: "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in t[:1500]) and share(lambda t: "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in t[:1500])
    assert share(lambda t: "THÀNH PHỐ" in t[:300]) and share(lambda t: "THỊ XÃ" in t[:300]) and share(lambda t: "QUẬN" in t[:300])
    # document types, a decision carrying its plan
    for word in ("\nKẾ HOẠCH\n", "\nĐỀ ÁN\n", "\nCHƯƠNG TRÌNH\n", "\nQUYẾT ĐỊNH\n"):
        assert share(lambda t, w=word: w in t) >= 5, word
    assert share(lambda t: "\nQUYẾT ĐỊNH\n" in t and ("Ban hành kèm theo Quyết định" in t or "Kèm theo Quyết định" in t)) >= 5
    # periods
    assert share(lambda t: "giai đoạn 20" in t[:1500]) and share(lambda t: "năm học 20" in t[:1500])
    # numbering styles
    for marker in ("\nI. ", "\nChương I\n", "\nĐiều 1. ", "\nA. ", "\n1.1. ", "\nI- ", "\na) "):
        assert share(lambda t, m=marker: m in t) >= 3, marker
    assert share(lambda t: "\nPhần thứ nhất\n" in t or "\nPHẦN THỨ NHẤT\n" in t or "\nPhần 1\n" in t) >= 3
    # tables, noise and layouts in a minority
    assert share(lambda t: "\n| " in t[2000:]) >= 10
    web = share(lambda t: "Bạn đang xem bản rút gọn" in t)
    pages = share(lambda t: "\nTrang " in t or t.startswith("Trang 1") or "\nPAGE " in t)
    pipes = share(lambda t: "| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |" in t)
    assert 5 <= web <= 60 and 10 <= pages <= 90 and 5 <= pipes <= 90, (web, pages, pipes)
    assert share(lambda t: "\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in t) >= 50
    # no two plans share a header
    assert len(set(head)) == len(head)


def test_place_names_are_distinct_across_thousands_of_plans():
    names = [sp._place(i, 0, sp.random.Random(i)) for i in range(8000)]
    assert len(set(names)) == len(names)
    assert len(set(sp._place(i, 1, sp.random.Random(i)) for i in range(4000))) == 4000


def test_generation_is_fast():
    start = time.perf_counter()
    for i in range(300):
        sp.generate_plan(i, seed=9)
    assert time.perf_counter() - start < 3.0  # about 1 ms a plan; 2,000 plans in a few seconds

"""`assistant targets` and `assistant requirements` on the command line, over the session's fake index.

Same pattern as tests/test_cli.py: the fake embedder is swapped in at the model boundary and
the commands point at the already-built session index (read-only commands), so these run fast.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from assistant import cli, phrases
from assistant.embeddings import FakeEmbedder
from assistant.targets import metric_names, role_names
from conftest import ALL_PLANS, CAO_DUONG, TUAN_GIAO

TARGET_FIELDS = ["doc_id", "number", "locality", "plan_label", "section", "heading", "kind", "level", "population",
                 "metric", "value", "unit", "count", "comparator", "period", "when", "quote", "start", "end", "source"]


@pytest.fixture
def shared_cli(fake_index, monkeypatch):
    """CLI arguments pointing at the session's already-built fake index."""
    monkeypatch.setattr("assistant.embeddings.make_embedder", lambda settings: FakeEmbedder())
    monkeypatch.setenv("ASSISTANT_EMBED_MODEL", "fake")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(fake_index.settings.corpus_dir))
    return ["--index-dir", str(fake_index.settings.index_dir)]


def run(capsys, args: list[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def table_rows(out: str) -> list[list[str]]:
    """The body rows of the markdown table the CLI prints (header and rule left out)."""
    lines = [line for line in out.splitlines() if line.startswith("|")]
    assert len(lines) >= 2 and set(lines[1]) <= set("|-")
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines[2:]]


# ----------------------------------------------------------------------------- targets --compare
def test_compare_prints_one_row_per_plan(shared_cli, capsys, fake_index):
    code, out, err = run(capsys, shared_cli + ["targets", "--compare", "trình độ đào tạo"])
    assert code == 0, err
    assert out.splitlines()[0] == phrases.COMPARE_ANSWER_LEAD.format(metric="trình độ đào tạo")
    assert out.splitlines()[1] == "| " + " | ".join(phrases.COMPARE_COLUMNS) + " |"
    rows = table_rows(out)
    labels = [plan.label for plan in fake_index.plans.values()]
    assert len(rows) == len(ALL_PLANS) == 5
    assert sorted(r[0] for r in rows) == sorted(labels)


def test_compare_says_không_nêu_for_a_silent_plan_and_cites_the_section_of_the_others(shared_cli, capsys, fake_index):
    _, out, _ = run(capsys, shared_cli + ["targets", "--compare", "trình độ đào tạo"])
    rows = {r[0]: r for r in table_rows(out)}
    silent = [r for r in rows.values() if r[1] == phrases.PLAN_SILENT]
    stated = [r for r in rows.values() if r[1] != phrases.PLAN_SILENT]
    assert silent and stated, "some plans set a degree target, some do not"
    for label, value, period, section, quote in silent:
        assert (period, section, quote) == ("", "", "")
    for doc_id, plan in fake_index.plans.items():
        label, value, period, section, quote = rows[plan.label]
        if value == phrases.PLAN_SILENT:
            continue
        assert "%" in value
        parsed = fake_index.parsed(doc_id)
        for path in section.split(", "):
            assert parsed.find(path) is not None, f"{plan.label}: no section {path!r}"
        assert quote and quote in " ".join(fake_index.text(doc_id).split()).replace("**", "")
    tuan_giao = fake_index.plans[TUAN_GIAO].label
    assert rows[tuan_giao][3] == "II.2.b" and "100%" in rows[tuan_giao][1]


def test_compare_as_json_gives_one_object_per_plan(shared_cli, capsys):
    code, out, _ = run(capsys, shared_cli + ["targets", "--compare", "trình độ đào tạo", "--json"])
    assert code == 0
    rows = json.loads(out)
    assert sorted(r["doc_id"] for r in rows) == sorted(ALL_PLANS)
    for r in rows:
        assert (r["value"] == phrases.PLAN_SILENT) == (r["section"] == "")
        assert "records" not in r


# ----------------------------------------------------------------------------- targets --json / --csv
def test_targets_json_uses_the_documented_field_names(shared_cli, capsys):
    code, out, err = run(capsys, shared_cli + ["targets", "--json"])
    assert code == 0, err
    records = json.loads(out)
    assert {r["doc_id"] for r in records} == set(ALL_PLANS)
    for r in records:
        assert sorted(r) == sorted(TARGET_FIELDS)
        assert isinstance(r["population"], list)
        assert isinstance(r["start"], int) and isinstance(r["end"], int) and 0 <= r["start"] < r["end"]


def test_targets_json_applies_the_filters(shared_cli, capsys):
    code, out, _ = run(capsys, shared_cli + ["targets", "--locality", "tuan giao", "--kind", "status", "--json"])
    assert code == 0
    records = json.loads(out)
    assert records
    assert {(r["doc_id"], r["kind"]) for r in records} == {(TUAN_GIAO, "status")}


def test_targets_csv_has_the_documented_header(shared_cli, capsys):
    code, out, _ = run(capsys, shared_cli + ["targets", "--csv", "--locality", "cao duong"])
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == TARGET_FIELDS
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert body and {r["doc_id"] for r in body} == {CAO_DUONG}
    assert all(r["population"] == "" or "[" not in r["population"] for r in body), "population joined with '; '"


def test_targets_table_prints_the_vietnamese_columns(shared_cli, capsys):
    code, out, _ = run(capsys, shared_cli + ["targets", "--locality", "tuan giao", "--metric", "trình độ đào tạo"])
    assert code == 0
    assert out.splitlines()[0] == "| " + " | ".join(phrases.TARGET_COLUMNS) + " |"
    rows = table_rows(out)
    assert rows and all(r[0] == rows[0][0] for r in rows)


def test_a_filter_nothing_matches_prints_the_no_targets_message(shared_cli, capsys):
    code, out, _ = run(capsys, shared_cli + ["targets", "--locality", "nowhere at all"])
    assert code == 0
    assert out.strip() == phrases.NO_TARGETS


# ----------------------------------------------------------------------------- requirements
def test_requirements_prints_a_checklist_for_a_role_in_one_plan(shared_cli, capsys, fake_index):
    code, out, err = run(capsys, shared_cli + ["requirements", "--role", "hiệu trưởng", "--locality", "cao duong"])
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0] == phrases.CHECKLIST_PLAN.format(plan=fake_index.plans[CAO_DUONG].label)
    items = lines[1:]
    assert items and all(line.startswith("- [") for line in items)
    required = [line for line in items if line.startswith("- [Bắt buộc]")]
    assert required
    assert any(line.endswith("(mục II.1)") for line in required)
    assert any(line.endswith("(mục II.4)") and "lý luận chính trị" in line for line in required)
    assert any(line.startswith("- [Khuyến khích]") for line in items)


def test_requirements_json_groups_records_by_plan(shared_cli, capsys, fake_index):
    code, out, _ = run(capsys, shared_cli + ["requirements", "--role", "hiệu trưởng", "--json"])
    assert code == 0
    plans = json.loads(out)
    assert fake_index.plans[CAO_DUONG].label in plans
    for label, lines in plans.items():
        for r in lines:
            assert r["plan_label"] == label
            assert {"hiệu trưởng", "cán bộ quản lý"} & set(r["roles"])
            assert r["strength"] in ("bắt buộc", "khuyến khích")


# ----------------------------------------------------------------------------- unknown metric / role
def test_an_unknown_metric_exits_2_with_the_vietnamese_message(shared_cli, capsys):
    code, out, err = run(capsys, shared_cli + ["targets", "--compare", "xyz abc"])
    assert code == 2
    assert out == ""
    assert err.strip() == phrases.UNKNOWN_METRIC.format(metric="xyz abc", names="; ".join(metric_names()))


def test_an_unknown_metric_filter_exits_2_too(shared_cli, capsys):
    code, out, err = run(capsys, shared_cli + ["targets", "--metric", "xyz abc", "--json"])
    assert code == 2
    assert out == "" and "Không nhận ra chỉ số “xyz abc”" in err


def test_an_unknown_role_exits_2_with_the_vietnamese_message(shared_cli, capsys):
    code, out, err = run(capsys, shared_cli + ["requirements", "--role", "phi công"])
    assert code == 2
    assert out == ""
    assert err.strip() == phrases.UNKNOWN_ROLE.format(role="phi công", names="; ".join(role_names()))


def test_unknown_words_are_refused_before_any_index_is_opened(tmp_path, monkeypatch, capsys):
    def no_model(settings):
        raise AssertionError("an unknown metric or role must be refused before the model is needed")

    monkeypatch.setattr("assistant.embeddings.make_embedder", no_model)
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path / "corpus"))
    args = ["--index-dir", str(tmp_path / "index")]
    assert cli.main(args + ["targets", "--compare", "xyz abc"]) == 2
    assert cli.main(args + ["requirements", "--role", "phi công"]) == 2
    assert not (tmp_path / "index").exists()
    capsys.readouterr()

"""Validate the hand-made gold files `targets_gold.jsonl` and `requirements_gold.jsonl`.

Checks (spec: evals/targets_gold.md):
- every record has its fields, with values from the allowed sets and the vocabulary
  in assistant/data/targets.json (metric, role and requirement names);
- values are normalized (percentages "94,5%", ranges "50%–55%", bare integer counts,
  years "2023"), counts only beside a percentage, periods "", "2025" or "2019–2020";
- the figure (value and count) is printed in the quote, and a requirement's detail is part
  of its quote;
- every quote stands verbatim in its plan inside its section's character span
  (assistant.text.locate within assistant.parsing.parse(raw).find(section)).

Prints one line per problem and exits 1 if there is any.  Usage:
    python evals/check_gold.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.parsing import parse  # noqa: E402
from assistant.text import locate  # noqa: E402

CORPUS = ROOT / "corpus"
EVALS = ROOT / "evals"
VOCAB = json.loads((ROOT / "assistant" / "data" / "targets.json").read_text(encoding="utf-8"))

METRICS = {m["name"] for m in VOCAB["metrics"]}
COUNT_METRICS = set(VOCAB["count_metrics"])
ROLES = {r["name"] for r in VOCAB["roles"]}
REQUIREMENTS = {r["name"] for r in VOCAB["requirements"]}
LEVELS = {"mầm non", "tiểu học", "THCS", "THPT", "GDNN-GDTX", "toàn ngành"}
POPULATIONS = {"giáo viên", "cán bộ quản lý", "nhân viên", "viên chức", "học sinh", "trường/lớp", "đảng viên"}
KINDS = {"target", "status", "requirement"}
COMPARATORS = {"=", "≥", ">", "≤"}
STRENGTHS = {"bắt buộc", "khuyến khích"}

TARGET_FIELDS = ["doc_id", "section", "kind", "level", "population", "metric", "value", "unit",
                 "comparator", "period", "quote"]
TARGET_OPTIONAL = {"count"}
REQ_FIELDS = ["doc_id", "section", "roles", "level", "requirement", "detail", "strength", "when", "quote"]

NUM = r"\d+(?:,\d+)?"
PCT_RE = re.compile(rf"^{NUM}%$")
RANGE_RE = re.compile(rf"^{NUM}%–{NUM}%$")
INT_RE = re.compile(r"^(0|[1-9]\d*)$")
YEAR_RE = re.compile(r"^(19|20)\d\d$")
PERIOD_RE = re.compile(r"^((19|20)\d\d(–(19|20)\d\d)?)?$")

_docs: dict[str, tuple[str, object]] = {}


def document(doc_id: str):
    if doc_id not in _docs:
        path = CORPUS / f"{doc_id}.txt"
        if not path.exists():
            return None
        raw = path.read_text(encoding="utf-8")
        _docs[doc_id] = (raw, parse(raw))
    return _docs[doc_id]


def printed_numbers(quote: str) -> list[tuple[str, bool]]:
    """Normalized numbers printed in a quote, each with whether a % sign follows it."""
    out = []
    for m in re.finditer(r"\d+(?:[.,]\d+)*", quote):
        text = m.group(0)
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):  # 16.812 -> 16812
            text = text.replace(".", "")
        if re.fullmatch(r"\d+", text):
            text = str(int(text))  # 05 -> 5
        pct = bool(re.match(r"\s*%", quote[m.end():]))
        out.append((text, pct))
    return out


def check_quote(where: str, rec: dict, problems: list[str]) -> None:
    doc = document(rec.get("doc_id", ""))
    if doc is None:
        problems.append(f"{where}: unknown doc_id {rec.get('doc_id')!r}")
        return
    raw, parsed = doc
    section = parsed.find(rec.get("section", ""))
    if section is None:
        paths = [s.path for s in parsed.sections()]
        problems.append(f"{where}: section {rec.get('section')!r} not found (have {paths})")
        return
    quote = rec.get("quote", "")
    if not isinstance(quote, str) or not quote.strip():
        problems.append(f"{where}: empty quote")
        return
    if locate(raw, quote, section.start, section.end) is None:
        where_else = locate(raw, quote)
        hint = " (found elsewhere in the plan)" if where_else else ""
        problems.append(f"{where}: quote not in section {rec['section']!r}{hint}: {quote!r}")


def check_fields(where: str, rec: dict, required: list[str], optional: set[str], problems: list[str]) -> bool:
    missing = [f for f in required if f not in rec]
    extra = [f for f in rec if f not in required and f not in optional]
    if missing:
        problems.append(f"{where}: missing fields {missing}")
    if extra:
        problems.append(f"{where}: unexpected fields {extra}")
    return not missing


def check_target(where: str, rec: dict, problems: list[str]) -> None:
    if not check_fields(where, rec, TARGET_FIELDS, TARGET_OPTIONAL, problems):
        return
    for field in TARGET_FIELDS:
        if field != "population" and not isinstance(rec[field], str):
            problems.append(f"{where}: {field} must be a string")
            return
    if rec["kind"] not in KINDS:
        problems.append(f"{where}: kind {rec['kind']!r}")
    if rec["level"] not in LEVELS:
        problems.append(f"{where}: level {rec['level']!r}")
    pop = rec["population"]
    if not isinstance(pop, list) or any(p not in POPULATIONS for p in pop) or len(set(pop)) != len(pop):
        problems.append(f"{where}: population {pop!r}")
    if rec["metric"] not in METRICS:
        problems.append(f"{where}: metric {rec['metric']!r} not in vocabulary")
    if rec["comparator"] not in COMPARATORS:
        problems.append(f"{where}: comparator {rec['comparator']!r}")
    if not PERIOD_RE.match(rec["period"]):
        problems.append(f"{where}: period {rec['period']!r} not normalized")
    elif rec["kind"] != "status" and not rec["period"]:
        problems.append(f"{where}: a {rec['kind']} needs a period (the plan's own when none is stated)")

    value, unit = rec["value"], rec["unit"]
    is_pct = bool(PCT_RE.match(value) or RANGE_RE.match(value))
    if is_pct:
        if unit != "%":
            problems.append(f"{where}: percentage value {value!r} with unit {unit!r}")
        if rec["metric"] in COUNT_METRICS:
            problems.append(f"{where}: count metric {rec['metric']!r} with a percentage {value!r}")
    elif unit == "năm":
        if not YEAR_RE.match(value):
            problems.append(f"{where}: year value {value!r} not normalized")
    elif INT_RE.match(value):
        if unit in ("%", "năm", ""):
            problems.append(f"{where}: count value {value!r} with unit {unit!r}")
    else:
        problems.append(f"{where}: value {value!r} not normalized")
    if "count" in rec:
        if not is_pct:
            problems.append(f"{where}: count given for a non-percentage value {value!r}")
        if not isinstance(rec["count"], str) or not INT_RE.match(rec["count"]):
            problems.append(f"{where}: count {rec['count']!r} not a bare integer string")

    # the figure is printed in the quote
    printed = printed_numbers(rec["quote"])
    if RANGE_RE.match(value):
        wanted = [(v, True) for v in value.replace("%", "").split("–")]
    elif PCT_RE.match(value):
        wanted = [(value[:-1], True)]
    else:
        wanted = [(value, None)]
    if isinstance(rec.get("count"), str):
        wanted.append((rec["count"], None))
    for number, pct in wanted:
        if not any(n == number and (pct is None or p == pct) for n, p in printed):
            problems.append(f"{where}: figure {number}{'%' if pct else ''} not printed in quote {rec['quote']!r}")


def check_requirement(where: str, rec: dict, problems: list[str]) -> None:
    if not check_fields(where, rec, REQ_FIELDS, set(), problems):
        return
    for field in REQ_FIELDS:
        if field != "roles" and not isinstance(rec[field], str):
            problems.append(f"{where}: {field} must be a string")
            return
    roles = rec["roles"]
    if not isinstance(roles, list) or not roles or any(r not in ROLES for r in roles) or len(set(roles)) != len(roles):
        problems.append(f"{where}: roles {roles!r} not in vocabulary")
    if rec["level"] not in LEVELS:
        problems.append(f"{where}: level {rec['level']!r}")
    if rec["requirement"] not in REQUIREMENTS:
        problems.append(f"{where}: requirement {rec['requirement']!r} not in vocabulary")
    if rec["strength"] not in STRENGTHS:
        problems.append(f"{where}: strength {rec['strength']!r}")
    if not rec["detail"].strip():
        problems.append(f"{where}: empty detail")
    elif " ".join(rec["detail"].split()) not in " ".join(rec["quote"].split()):
        problems.append(f"{where}: detail {rec['detail']!r} is not printed in its quote")


def load(path: Path, problems: list[str]) -> list[tuple[str, dict]]:
    if not path.exists():
        problems.append(f"{path.name}: missing")
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: bad JSON ({exc})")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{where}: not an object")
            continue
        rows.append((where, rec))
    return rows


def main() -> int:
    problems: list[str] = []
    counts: dict[str, list[int]] = {}
    for i, (name, check) in enumerate([("targets_gold.jsonl", check_target),
                                       ("requirements_gold.jsonl", check_requirement)]):
        seen: dict[str, str] = {}
        for where, rec in load(EVALS / name, problems):
            check(where, rec, problems)
            check_quote(where, rec, problems)
            key = json.dumps(rec, ensure_ascii=False, sort_keys=True)
            if key in seen:
                problems.append(f"{where}: duplicate of {seen[key]}")
            seen.setdefault(key, where)
            counts.setdefault(str(rec.get("doc_id")), [0, 0])[i] += 1
    for doc_id, (nt, nr) in sorted(counts.items()):
        print(f"{doc_id}: {nt} target/status records, {nr} requirement records")
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

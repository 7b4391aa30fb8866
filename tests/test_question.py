"""The question is understood in one module that sits below every stage that reads it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"


def _imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text("utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_no_import_circle_between_the_answering_stages():
    # structured answers and the composer both read the question and the evidence; neither
    # reaches into the other's module
    assert "answering" not in _imports("structured")
    assert "answering" not in _imports("question") and "structured" not in _imports("question")
    assert "retrieval" not in _imports("question")
    assert "answering" not in _imports("retrieval")


def test_the_question_module_holds_what_reads_the_question():
    from assistant import question

    for name in ("check_question", "resolve_followup", "named_plans", "analyze", "restored", "question_stopwords"):
        assert hasattr(question, name), name

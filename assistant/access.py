"""Who may use the web app: users and their roles, hashed passwords, login throttling, sessions.

Two roles. A **reader** asks, compares, opens checklists and sections, gives feedback. An
**editor** can also upload, replace and remove plans. Users come from settings
(``ASSISTANT_UI_READERS`` / ``ASSISTANT_UI_EDITORS``): either ``"name:password,name2:password2"``
or the path of a file with one ``name:secret`` per line, where the secret should be a hash
written by ``assistant users hash`` (``pbkdf2_sha256$…``); plain passwords in a file still work
but are reported. The older ``ASSISTANT_UI_AUTH`` / ``--auth`` pair is an editor.

Nothing here knows about Gradio or HTTP; ``server.py`` uses it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Literal

from . import phrases

Role = Literal["reader", "editor"]
ROLES: tuple[Role, ...] = ("reader", "editor")
HASH_SCHEME = "pbkdf2_sha256"
HASH_ITERATIONS = 240_000
# Verified when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = f"{HASH_SCHEME}${HASH_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


class AccessConfigError(ValueError):
    """A users setting or file that cannot be read (the message says which and why)."""


def hash_password(password: str, *, iterations: int = HASH_ITERATIONS, salt: bytes | None = None) -> str:
    """``pbkdf2_sha256$iterations$salt$hash`` (base64), for a users file."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return "$".join([HASH_SCHEME, str(iterations), base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def is_hashed(secret: str) -> bool:
    return secret.startswith(HASH_SCHEME + "$")


def verify_password(password: str, secret: str) -> bool:
    """True when ``password`` matches ``secret`` (a hash from ``hash_password`` or a plain password)."""
    if is_hashed(secret):
        try:
            _, iterations, salt, digest = secret.split("$")
            expected = base64.b64decode(digest)
            got = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
        except (ValueError, TypeError):
            return False
        return hmac.compare_digest(got, expected)
    return hmac.compare_digest(password.encode("utf-8"), secret.encode("utf-8"))


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    secret: str  # a pbkdf2 hash or, from an inline setting, the password itself


@dataclass
class UserTable:
    users: dict[str, User] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.users)

    def role(self, name: str | None) -> Role | None:
        user = self.users.get(name or "")
        return user.role if user else None

    def check(self, name: str, password: str) -> Role | None:
        """The user's role when the password is right, else None (same cost either way)."""
        user = self.users.get(name)
        ok = verify_password(password, user.secret if user else _DUMMY_HASH)
        return user.role if (user and ok) else None

    def add(self, user: User, source: str) -> None:
        if user.name in self.users and self.users[user.name].role != user.role:
            raise AccessConfigError(phrases.ACCESS_DUPLICATE_USER.format(name=user.name, source=source))
        # A name listed as both reader and editor would be ambiguous; the same role twice is harmless.
        self.users[user.name] = user


def _is_file_spec(spec: str) -> bool:
    """A setting value names a users file (no "name:password" in it, or an existing path)."""
    return bool(spec) and (":" not in spec or Path(spec).expanduser().is_file())


def parse_users(spec: str, role: Role, *, setting: str) -> list[User]:
    """Users of one role from a setting value: inline ``name:password,…`` or a file path."""
    spec = (spec or "").strip()
    if not spec:
        return []
    path = Path(spec).expanduser()
    if _is_file_spec(spec):
        if not path.is_file():
            raise AccessConfigError(phrases.ACCESS_FILE_MISSING.format(setting=setting, path=spec))
        lines = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
        source = str(path)
    else:
        lines = [(n, item) for n, item in enumerate(spec.split(","), 1)]
        source = setting
    users: list[User] = []
    for n, line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, secret = line.partition(":")
        name, secret = name.strip(), secret.strip()
        if not sep or not name or not secret:
            raise AccessConfigError(phrases.ACCESS_BAD_LINE.format(source=source, line=n))
        users.append(User(name=name, role=role, secret=secret))
    return users


def load_users(readers: str = "", editors: str = "", legacy: tuple[str, str] | None = None) -> UserTable:
    """The user table from the two role settings and the older single editor pair."""
    table = UserTable()
    for spec, role, setting in ((readers, "reader", "ASSISTANT_UI_READERS"), (editors, "editor", "ASSISTANT_UI_EDITORS")):
        from_file = _is_file_spec((spec or "").strip())
        for user in parse_users(spec, role, setting=setting):
            table.add(user, setting)
            if from_file and not is_hashed(user.secret):
                table.warnings.append(phrases.ACCESS_PLAIN_IN_FILE.format(name=user.name, path=spec))
    if legacy:
        table.add(User(name=legacy[0], role="editor", secret=legacy[1]), "ASSISTANT_UI_AUTH")
    return table


class LoginThrottle:
    """Failed logins per client and per user name: after ``max_failures`` in a row the key is
    locked for ``lockout_s``, doubling with each further lockout up to ``max_lockout_s``.
    While locked, even the right password is refused, so guessing gains nothing from speed.
    A success clears the keys. Memory is bounded: the oldest entries are dropped first.
    """

    def __init__(self, max_failures: int = 5, lockout_s: float = 60.0, max_lockout_s: float = 900.0,
                 clock: Callable[[], float] = time.monotonic, max_entries: int = 10_000) -> None:
        self.max_failures = max(1, max_failures)
        self.lockout_s = lockout_s
        self.max_lockout_s = max(lockout_s, max_lockout_s)
        self.clock = clock
        self.max_entries = max_entries
        self._state: dict[str, list[float]] = {}  # key -> [failures, locked_until, lockouts]
        self._lock = threading.Lock()

    def wait_s(self, keys: Iterable[str]) -> float:
        """Seconds until these keys may try again (0 when not locked)."""
        now = self.clock()
        with self._lock:
            return max([self._state[k][1] - now for k in keys if k in self._state] + [0.0])

    def failure(self, keys: Iterable[str]) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                state = self._state.setdefault(key, [0, 0.0, 0])
                state[0] += 1
                if state[0] >= self.max_failures:
                    state[2] += 1
                    state[1] = now + min(self.lockout_s * 2 ** (state[2] - 1), self.max_lockout_s)
                    state[0] = 0
            while len(self._state) > self.max_entries:
                self._state.pop(next(iter(self._state)))

    def success(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._state.pop(key, None)


class Sessions:
    """Signed, expiring session cookies (itsdangerous). The role is looked up again on every
    request, so removing a user or changing a role takes effect at once. Several app processes
    behind one proxy share sessions when they share ``secret``."""

    def __init__(self, users: UserTable, secret: str = "", max_age_s: float = 12 * 3600) -> None:
        from itsdangerous import URLSafeTimedSerializer

        self.users = users
        self.max_age_s = max_age_s
        self._serializer = URLSafeTimedSerializer(secret or secrets.token_urlsafe(32), salt="vp-session")

    def issue(self, name: str) -> str:
        return self._serializer.dumps({"u": name})

    def user(self, token: str | None) -> tuple[str, Role] | None:
        if not token:
            return None
        from itsdangerous import BadSignature

        try:
            data = self._serializer.loads(token, max_age=self.max_age_s)
        except BadSignature:  # also expired tokens (SignatureExpired is a subclass)
            return None
        name = data.get("u") if isinstance(data, dict) else None
        role = self.users.role(name)
        return (name, role) if role else None

"""Vietnamese text normalization for matching.

Displayed and quoted text always stays as printed; the functions here build *keys* for
matching: NFC, one tone-mark convention (hóa/hoá, thủy/thuỷ are the same key), lowercase,
and optionally no diacritics at all (users type "giao vien mam non").
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

# Combining tone marks (NFD): grave, acute, hook above, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_VOWELS = set("aăâeêioôơuưy")
# Open syllables whose tone the two conventions place differently: old "hoá, khoẻ, thuỷ",
# new "hóa, khỏe, thủy". We key on the new convention (mark on the first vowel).
_MOVABLE = ("oa", "oe", "uy")

_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Vietnamese capitals, for regexes that need "starts with a capital" ([À-Ỹ] would also take
# lowercase letters that lie between those code points).
UPPER = "A-Z" + "".join(
    c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper() and unicodedata.name(c, "").startswith("LATIN")
)
_SPACE_RE = re.compile(r"\s+")
_BOLD_RE = re.compile(r"\*\*|__")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=200_000)
def _retone_word(word: str) -> str:
    """Move the tone of an open 'oa/oe/uy' syllable onto its first vowel."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) != 1:
        return word
    base = nfc("".join(c for c in decomposed if c not in _TONES))
    low = base.lower()
    if not low.endswith(_MOVABLE) or low.startswith("qu") or len(low) < 2:
        return word
    # the cluster must be the whole vowel nucleus: "hoa", "khoe", "thuy" but not "ngoai"
    if len(low) >= 3 and low[-3] in _VOWELS:
        return word
    pos = len(base) - 2
    first = unicodedata.normalize("NFD", base[pos]) + tones[0]
    return base[:pos] + nfc(first) + base[pos + 1 :]


def unify_tones(text: str) -> str:
    """NFC text with one tone-mark convention; keeps case and everything else."""
    return _WORD_RE.sub(lambda m: _retone_word(m.group(0)), nfc(text))


def fold(text: str) -> str:
    """Matching key: NFC, unified tone marks, lowercase, single spaces, no bold markers."""
    text = _BOLD_RE.sub("", text)
    return _SPACE_RE.sub(" ", unify_tones(text).lower()).strip()


def _strip_table() -> dict[int, str | None]:
    """Each precomposed Latin letter -> its base letter; combining marks -> nothing."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            base = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
            if base != chr(code):
                table[code] = base
    for start, end in ((0x0300, 0x0370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100), (0xFE20, 0xFE30)):
        for code in range(start, end):
            if unicodedata.combining(chr(code)):
                table[code] = None
    return table


_STRIP = _strip_table()


def strip_diacritics(text: str) -> str:
    """Remove every Vietnamese diacritic ("giáo viên" -> "giao vien", "đ" -> "d"). One
    table lookup per character (it runs over every sentence a list answer reads)."""
    return nfc(nfc(text).translate(_STRIP))


def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


def clean_display(text: str) -> str:
    """Text as printed, minus layout noise: bold markers, tabs, broken lines."""
    return _SPACE_RE.sub(" ", _BOLD_RE.sub("", text)).strip()


# A scanned copy's OCR splits a syllable after its initial consonants ("gi áo viên", "l ớp"): no
# Vietnamese word is a bare onset, so an onset standing alone before a vowel-initial piece is
# one syllable. Lower case only: "hạng B ứng dụng" keeps its letter.
_SPLIT_ONSET_RE = re.compile(r"(?<![\w\d./-])(ngh|gh|gi|kh|ng|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx]) (?=(\w))")


def heal_split_syllables(text: str) -> str:
    """"gi áo viên" -> "giáo viên": for fields read off a scanned copy (a title), not for quotes."""
    def join(m: re.Match) -> str:
        base = unicodedata.normalize("NFD", m.group(2))[0].lower()
        return m.group(1) if base in _VOWELS else m.group(0)

    return _SPLIT_ONSET_RE.sub(join, text)


def words(text: str) -> list[str]:
    """Folded syllables of a text ("Giáo viên, CBQL" -> ["giáo", "viên", "cbql"])."""
    return _WORD_RE.findall(fold(text))


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The abbreviation/synonym lexicon shipped as package data."""
    data = resources.files("assistant").joinpath("data/lexicon.json").read_text("utf-8")
    return json.loads(data)


@lru_cache(maxsize=1)
def _abbrev_pattern() -> tuple[re.Pattern, dict[str, str], dict[str, str], frozenset[str]]:
    """(pattern, table, table by upper-case key, ambiguous keys): built once, not per call."""
    lex = lexicon()
    table = {nfc(k): nfc(v) for k, v in lex["abbreviations"].items()}
    keys = sorted(table, key=len, reverse=True)
    alternation = "|".join(re.escape(k) for k in keys)
    upper_table = {k.upper(): v for k, v in table.items()}
    ambiguous = frozenset(nfc(a).upper() for a in lex["ambiguous"])
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), table, upper_table, ambiguous


def expand_abbreviations(text: str, *, keep_original: bool = True, lenient: bool = False) -> str:
    """Spell out the plans' abbreviations ("GV" -> "giáo viên").

    With keep_original the abbreviation stays in brackets ("giáo viên (GV)") so the text
    still matches documents that print the short form. Ambiguous keys ("TH", "MN", "ĐA")
    are ordinary words too and only expand in capitals, unless lenient (typed queries in
    lowercase: "gv mn").
    """
    pattern, table, upper_table, ambiguous = _abbrev_pattern()

    def repl(m: re.Match) -> str:
        found = m.group(0)
        key = found.upper()
        if key not in upper_table:
            return found
        is_caps = found == found.upper() or found in table
        if key in ambiguous and not is_caps and not lenient:
            return found
        if not is_caps and not lenient:
            return found
        full = upper_table[key]
        return f"{full} ({found})" if keep_original else full

    return pattern.sub(repl, nfc(text))


def synonym_groups() -> list[list[str]]:
    return [[fold(w) for w in group] for group in lexicon()["synonyms"]]


def locate(text: str, passage: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """Exact (start, end) of a printed passage in the raw document text.

    The passage is display text (single spaces, bold markers removed); the raw text may
    break it across lines or pages and wrap parts in ** markers.
    """
    hi = len(text) if hi is None else hi
    # most passages stand verbatim: no pattern to build (a pattern per passage cost ~2 ms)
    at = text.find(passage, lo, hi) if passage and passage == passage.strip() and "**" not in passage else -1
    if at >= 0:
        return at, at + len(passage)
    tokens = [re.escape(t) for t in _BOLD_RE.sub("", passage).split()]
    if not tokens:
        return None
    pattern = re.compile(r"(?:\s|\*\*|__)+".join(tokens))
    m = pattern.search(text, lo, hi)
    return (m.start(), m.end()) if m else None


def lexical_tokens(text: str, *, query: bool = False) -> list[str]:
    """BM25 tokens: folded syllables, abbreviations spelled out, plus diacritic-free copies.

    The diacritic-free copy of every token lets "giao vien mam non" match "giáo viên mầm non"
    while exact spellings still score higher (they match twice).
    """
    expanded = expand_abbreviations(text, keep_original=True, lenient=query)
    tokens: list[str] = []
    for w in words(expanded):
        tokens.append(w)
        bare = strip_diacritics(w)
        if bare != w:
            tokens.append(bare)
    return tokens


class DiacriticRestorer:
    """Puts diacritics back on a question typed without them ("ke hoach nao co chi tieu" ->
    "kế hoạch nào có chỉ tiêu"), from the spellings a vocabulary uses most.

    Used only to match a bare question against lexicons written with diacritics; answers still
    quote the plans as printed. Longer runs of syllables win (a three-word phrase fixes "co" as
    "có" or "cô" better than the single syllable can); a word the vocabulary never spells stays
    as typed.
    """

    MAX_N = 3

    def __init__(self, texts: list[str], priority: list[str] | None = None) -> None:
        from collections import Counter, defaultdict

        counts: dict[str, Counter] = defaultdict(Counter)
        for text in texts + list(priority or []):
            ws = words(text)
            for n in range(1, self.MAX_N + 1):
                for i in range(len(ws) - n + 1):
                    gram = " ".join(ws[i : i + n])
                    counts[strip_diacritics(gram)][gram] += 1
        self._best = {bare: c.most_common(1)[0][0] for bare, c in counts.items()}
        # whole phrases of a question's own vocabulary ("bao nhiêu", "khi nào", a metric's name):
        # placed first, so that a run of plan words across them ("là báo" of "là báo cáo") cannot
        # take half of one
        self._priority = {strip_diacritics(" ".join(words(p))): " ".join(words(p)) for p in (priority or []) if words(p)}
        self._priority_n = max((len(k.split()) for k in self._priority), default=0)

    def restore(self, text: str) -> str:
        tokens = _WORD_RE.findall(text)
        locked: dict[int, tuple[int, str]] = {}  # start -> (length, spelling)
        taken: set[int] = set()
        for n in range(min(self._priority_n, len(tokens)), 1, -1):
            for i in range(len(tokens) - n + 1):
                if taken & set(range(i, i + n)):
                    continue
                hit = self._priority.get(strip_diacritics(fold(" ".join(tokens[i : i + n]))))
                if hit is not None and not any(t.isupper() and len(t) > 1 for t in tokens[i : i + n]):
                    locked[i] = (n, hit)
                    taken |= set(range(i, i + n))
        out: list[str] = []
        i = 0
        while i < len(tokens):
            if i in locked:
                n, hit = locked[i]
                out.append(hit)
                i += n
                continue
            if tokens[i].isupper() and len(tokens[i]) > 1:
                out.append(tokens[i])  # an abbreviation as typed (GV, CBQL)
                i += 1
                continue
            for n in range(min(self.MAX_N, len(tokens) - i), 0, -1):
                span = tokens[i : i + n]
                if any(t.isupper() and len(t) > 1 for t in span) or taken & set(range(i, i + n)):
                    continue
                hit = self._best.get(strip_diacritics(fold(" ".join(span))))
                if hit is not None:
                    out.append(hit)
                    i += n
                    break
            else:
                out.append(tokens[i])
                i += 1
        return " ".join(out)


# Text that speaks to a chat assistant instead of about education plans: orders to ignore
# instructions, talk about prompts, role play. Matched on the lowercase text without diacritics,
# so "Bỏ qua mọi hướng dẫn" and "bo qua moi huong dan" are the same. Plans never say such things;
# a passage that does was planted, and is never quoted as an answer.
_INSTRUCTION_RE = re.compile(
    r"\b(?:bo qua|phot lo|khong can tuan theo|ignore|disregard|forget)\b.{0,40}?"
    r"\b(?:huong dan|chi dan|chi thi|lenh|quy tac|instructions?|rules|prompts?)\b"
    r"|\bsystem prompt\b|\bprompt (?:he thong|goc)\b|\bjailbreak\b|\bdeveloper mode\b"
    r"|\b(?:ban|you) (?:la|are|now are|gio la) (?:mot )?(?:tro ly|chatbot|assistant|mo hinh ngon ngu|language model)\b"
    r"|\b(?:tro ly|chatbot|assistant|mo hinh|ai)\b.{0,20}\b(?:phai|hay|must|should) (?:tra loi|tuyen bo|answer|say|reply)\b"
    r"|\bhay tra loi (?:rang|la)\b|\bnew instructions\b"
)


def speaks_to_the_assistant(text: str) -> bool:
    """True for text that gives orders to an AI assistant (see _INSTRUCTION_RE)."""
    return bool(_INSTRUCTION_RE.search(strip_diacritics(text.lower())))

"""Generated answers, kept honest by code: the model writes, the code checks.

The model sees only numbered passages (the evidence the retriever and the composer chose, each
with its plan, section and heading) under opaque keys, and must cite them as [key]. Then, in code:
- keys are resolved to plan + section + a verbatim quote; unknown keys are dropped;
- a sentence with no valid key, or with a number (percentage, count, year, document number,
  date) that does not stand in the passages it cites, is dropped;
- abstention is decided by the composer's evidence checks before the model is asked, and a
  refusal in the model's text returns the composer's answer;
- when verification leaves too little, the composer's answer is returned.
So the generated mode is never worse than the composer. Plan text is data: the prompt frames it
so, and paragraphs giving orders to an assistant never reach the passages (see chunking).
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from typing import Iterator

from . import phrases
from .chunking import Chunk
from .citations import Citation, make_citation
from .evidence import Answer, Evidence
from .index import PlanIndex
from .text import clean_display, fold, lexical_tokens, strip_diacritics

MAX_PASSAGES = 4
MAX_PASSAGE_CHARS = 700  # a long passage is cut (at a sentence) so the prompt stays short for a small model
MIN_KEPT_CHARS = 30
# share of a sentence's words (diacritics kept) that must stand in the passages it cites: a
# sentence of the model's own making, or a copy of a passage's label, is not an answer
MIN_GROUNDING = 0.6

# Numbers a sentence may state; each must stand in a passage the sentence cites.
_NUMBER_RE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4}"  # dates 05/9/2021
    r"|\d+(?:/\d{4})?/[A-ZĐa-zđ0-9](?:[\wĐđ./-]*[\wĐđ])?"  # document numbers 2921/ĐA-UBND, 12/2019/TT-BGDĐT (not a final dot)
    r"|\d+(?:[.,]\d+)*\s*%"  # percentages
    r"|\d+(?:[.,]\d+)*"  # counts, years
)
_KEY_RE = re.compile(r"\[([a-z]\d[a-z])\]")
_SENTENCE_RE = re.compile(r"(?<=[.!?…])(?:\s*\[[a-z]\d[a-z]\])*\s+|\n+")


@dataclass
class Passage:
    key: str
    chunk: Chunk
    plan_label: str

    @property
    def text(self) -> str:
        return self.chunk.text


@dataclass
class Generated:
    answer: Answer
    raw: str = ""
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (sentence, why)
    seconds: float = 0.0
    used_model: bool = False


def _key(chunk: Chunk, question: str, taken: set[str]) -> str:
    """An opaque key (letter digit letter) the model must copy: not a plan name or number it
    could confuse with the content, and different for each question."""
    h = hashlib.sha1((chunk.chunk_id + "|" + question).encode()).digest()
    for i in range(0, len(h) - 2):
        key = chr(97 + h[i] % 26) + str(h[i + 1] % 10) + chr(97 + h[i + 2] % 26)
        if key not in taken:
            return key
    return f"z{len(taken) % 10}z"


def wanted(evidence: Evidence, composed: Answer) -> bool:
    """Is the model asked at all? Only for an open question ("… những gì", "như thế nào",
    "tóm tắt") about one or a few named plans that the composer answered from passages:
    abstentions, tables and checklists, lists of plans, questions about the assistant and
    questions after one fact (a number, a date, a person) stay with the composer, whose quote is
    the plan's own sentence."""
    q = evidence.query
    every_plan = q.cross_plan and not q.doc_ids  # "những kế hoạch nào…": the list of plans is the code's
    return (not composed.abstained and composed.table is None and not q.about_assistant and bool(evidence.hits)
            and q.open_ended and not every_plan)


def passages_for(evidence: Evidence, index: PlanIndex, composed: Answer, limit: int = MAX_PASSAGES) -> list[Passage]:
    """The composer's cited passages first (checked best), then the top hits, one per chunk."""
    chunks: list[Chunk] = []
    for cite in composed.citations:
        found = next((h.chunk for h in evidence.hits if h.chunk.doc_id == cite.doc_id and h.chunk.section == cite.section),
                     None)
        if found is not None and found.chunk_id not in {c.chunk_id for c in chunks}:
            chunks.append(found)
    for h in evidence.hits:
        if len(chunks) >= limit:
            break
        if h.chunk.chunk_id not in {c.chunk_id for c in chunks}:
            chunks.append(h.chunk)
    taken: set[str] = set()
    out = []
    for chunk in chunks[:limit]:
        key = _key(chunk, evidence.question, taken)
        taken.add(key)
        out.append(Passage(key=key, chunk=chunk, plan_label=index.plans[chunk.doc_id].label))
    return out


def messages(question: str, passages: list[Passage]):
    from llama_index.core.llms import ChatMessage

    blocks = [phrases.LLM_PASSAGE.format(key=p.key, plan=p.plan_label, section=p.chunk.section,
                                         heading=" › ".join(p.chunk.trail), text=_shortened(clean_display(p.text)))
              for p in passages]
    return [ChatMessage(role="system", content=phrases.LLM_SYSTEM),
            ChatMessage(role="user", content=phrases.LLM_USER.format(passages="\n\n".join(blocks), question=question,
                                                                     keys=", ".join(f"[{p.key}]" for p in passages)))]


def _shortened(text: str) -> str:
    if len(text) <= MAX_PASSAGE_CHARS:
        return text
    cut = text[:MAX_PASSAGE_CHARS]
    end = max(cut.rfind(". "), cut.rfind("; "), cut.rfind("\n"))
    return cut[: end + 1] if end > MAX_PASSAGE_CHARS // 2 else cut


def _norm_number(n: str) -> str:
    return re.sub(r"\s+", "", n).replace(",", ".").lower()


def numbers_in(text: str) -> list[str]:
    return [m.group(0) for m in _NUMBER_RE.finditer(_KEY_RE.sub(" ", text))]


def supported(number: str, sources: list[str]) -> bool:
    """Does ``number`` stand in one of the cited passages (as a whole number, spacing and
    decimal comma/point aside)?"""
    want = _norm_number(number)
    for text in sources:
        have = {_norm_number(n) for n in _NUMBER_RE.findall(text)}
        if want in have or want.rstrip("%") in {h.rstrip("%") for h in have if want.endswith("%")}:
            return True
    return False


def grounding(sentence: str, sources: list[str]) -> float:
    from .text import words

    mine = [w for w in words(sentence) if not w.isdigit()]
    if not mine:
        return 0.0
    have = {w for text in sources for w in words(text)}
    return sum(w in have for w in mine) / len(mine)


def refuses(text: str) -> bool:
    key = " " + strip_diacritics(fold(text)) + " "
    return any(f" {strip_diacritics(fold(p))} " in key for p in phrases.LLM_REFUSALS)


def _passage_sentences(passage: Passage) -> list[str]:
    return [p.strip().lstrip("-–•+ ").strip() for line in passage.text.split("\n")
            for p in re.split(r"(?<=[.;!?])\s+", line) if len(p.strip()) > 3] or [passage.text]


def _best_sentence(passage: Passage, sentence: str) -> str:
    """The passage's own sentence closest to what the model wrote (the verbatim quote)."""
    tokens = set(lexical_tokens(sentence))
    return max(_passage_sentences(passage), key=lambda s: len(tokens & set(lexical_tokens(s))))


def verify(text: str, passages: list[Passage]) -> tuple[list[tuple[str, list[str]]], list[tuple[str, str]]]:
    """Split the model's text into sentences; keep those with a known key whose numbers all stand
    in the passages they cite. Returns (kept: (sentence without keys, keys), dropped: (sentence, why))."""
    known = {p.key: p for p in passages}
    kept, dropped = [], []
    pieces: list[tuple[str, list[str]]] = []
    for line in text.strip().split("\n"):
        # a key that opens a line ("[w4h] Tuần Giáo có …") is that line's source for the
        # sentences after it that carry none of their own
        lead = _KEY_RE.match(line.strip().lstrip("-•* "))
        default = [lead.group(1)] if lead and lead.group(1) in known else []
        pieces += [(part, default) for part in _SENTENCE_RE.split(line)]
    for raw, default in pieces:
        sentence = raw.strip()
        if not sentence:
            continue
        keys = list(dict.fromkeys(k for k in _KEY_RE.findall(sentence) if k in known)) or default
        body = re.sub(r"\s*\[[^\[\]]{1,12}\]", "", sentence).strip()
        if not re.search(r"\w", body):
            continue
        if not keys:
            dropped.append((sentence, "no known key"))
            continue
        sources = [clean_display(known[k].text) for k in keys]
        missing = [n for n in numbers_in(body) if not supported(n, sources)]
        if missing:
            dropped.append((sentence, "unsupported number " + ", ".join(missing)))
            continue
        if grounding(body, sources) < MIN_GROUNDING:
            dropped.append((sentence, "not in the passages"))
            continue
        if any(fold(body) == fold(k) for k, _ in kept):
            dropped.append((sentence, "repeated"))
            continue
        kept.append((body, keys))
    return kept, dropped


def generate(llm, evidence: Evidence, index: PlanIndex, composed: Answer) -> Generated:
    """The model's answer, verified; the composer's answer wherever the checks say so."""
    start = time.perf_counter()
    if not wanted(evidence, composed):
        return Generated(answer=composed)  # abstention, tables and single facts are the composer's
    passages = passages_for(evidence, index, composed)
    if not passages:
        return Generated(answer=composed)
    response = llm.chat(messages(evidence.effective_question, passages))
    raw = (response.message.content or "").strip()
    return finish(raw, passages, index, composed, time.perf_counter() - start)


class _Lines:
    """Verified sentences turned into answer lines with [n] marks, citations numbered in order
    of first use (the same whether the answer is streamed or built at once)."""

    def __init__(self, passages: list[Passage], index: PlanIndex) -> None:
        self.known = {p.key: p for p in passages}
        self.index = index
        self.citations: list[Citation] = []
        self.ref_of: dict[tuple[str, str], str] = {}
        self.lines: list[str] = []

    def add(self, sentence: str, keys: list[str]) -> str:
        refs = []
        numbers = numbers_in(sentence)
        for k in keys:
            p = self.known[k]
            quotes = [_best_sentence(p, sentence)]
            # every number the sentence states is shown in a quote: the sentence of the passage
            # that holds it, when the closest sentence does not
            for n in numbers:
                if not any(supported(n, [q]) for q in quotes):
                    holder = next((x for x in _passage_sentences(p) if supported(n, [x])), None)
                    if holder and holder not in quotes:
                        quotes.append(holder)
            for quote in quotes:
                if (k, quote) not in self.ref_of:
                    ref = str(len(self.citations) + 1)
                    plan = self.index.plans[p.chunk.doc_id]
                    self.citations.append(make_citation(ref, p.chunk, plan, quote, self.index.text(p.chunk.doc_id),
                                                        plan.source))
                    self.ref_of[(k, quote)] = ref
                refs.append(self.ref_of[(k, quote)])
        marks = "".join(f"[{r}]" for r in dict.fromkeys(refs))
        body, end = (sentence[:-1], sentence[-1]) if sentence[-1] in ".!?…" else (sentence, ".")
        line = f"{body.rstrip()} {marks}{end}"
        self.lines.append(line)
        return line

    def answer(self) -> Answer:
        return Answer(answer=" ".join(self.lines), abstained=False, citations=self.citations, answerer="llm")


def finish(raw: str, passages: list[Passage], index: PlanIndex, composed: Answer, seconds: float = 0.0) -> Generated:
    if not raw or refuses(raw):
        return Generated(answer=composed, raw=raw, seconds=seconds, used_model=True,
                         dropped=[(raw, "refusal")] if raw else [])
    kept, dropped = verify(raw, passages)
    if sum(len(s) for s, _ in kept) < MIN_KEPT_CHARS:
        return Generated(answer=composed, raw=raw, dropped=dropped, seconds=seconds, used_model=True)
    lines = _Lines(passages, index)
    for sentence, keys in kept:
        lines.add(sentence, keys)
    return Generated(answer=lines.answer(), raw=raw, dropped=dropped, seconds=seconds, used_model=True)


def generate_stream(llm, evidence: Evidence, index: PlanIndex, composed: Answer) -> Iterator[str | Generated]:
    """Stream the model's answer: each sentence is yielded, with its [n] marks resolved, as soon as
    the model has finished it and it passed the checks; the last item is the Generated (whose
    answer is the composer's when the checks left too little — nothing was yielded then).
    Sentences are held back until the text is long enough to be kept at all."""
    start = time.perf_counter()
    if not wanted(evidence, composed):
        yield Generated(answer=composed)
        return
    passages = passages_for(evidence, index, composed)
    raw = ""
    done = 0  # characters of raw already verified
    lines = _Lines(passages, index)
    held: list[tuple[str, list[str]]] = []
    seen: list[str] = []
    for part in llm.stream_chat(messages(evidence.effective_question, passages)):
        raw = part.message.content or raw + (part.delta or "")
        if refuses(raw[:60]):
            continue
        # complete sentences: up to the last sentence end followed by text
        cut = max((m.end() for m in _SENTENCE_RE.finditer(raw, done)), default=done)
        if cut > done:
            kept, _ = verify(raw[done:cut], passages)
            done = cut
            held += kept
            if sum(len(s) for s, _ in held) + sum(len(x) for x in lines.lines) >= MIN_KEPT_CHARS:
                for sentence, keys in held:
                    if not any(fold(sentence) == fold(x) for x in seen):
                        seen.append(sentence)
                        yield lines.add(sentence, keys)
                held = []
    generated = finish(raw, passages, index, composed, time.perf_counter() - start)
    if generated.answer.answerer == "llm":
        if lines.lines:
            for sentence, keys in held + verify(raw[done:], passages)[0]:
                if not any(fold(sentence) == fold(x) for x in seen):
                    seen.append(sentence)
                    yield lines.add(sentence, keys)
            generated.answer = lines.answer()  # exactly what was streamed
        else:
            yield generated.answer.answer
    yield generated


def condense(llm, question: str, history: list[str]) -> str | None:
    """A follow-up ("Còn giai đoạn 2021-2025 thì sao?") rewritten by the model as a question that
    stands alone, or None when its rewrite is unusable (empty, too long, a refusal, or sharing no
    word with the conversation)."""
    from llama_index.core.llms import ChatMessage

    try:
        reply = llm.chat([ChatMessage(role="system", content=phrases.LLM_CONDENSE_SYSTEM),
                          ChatMessage(role="user", content=phrases.LLM_CONDENSE_USER.format(
                              history="\n".join(f"- {h}" for h in history[-3:]), question=question))])
    except Exception:  # noqa: BLE001 - the composer's follow-up rules take over
        return None
    text = (reply.message.content or "").strip().strip('"“”').split("\n")[0].strip()
    if not text or len(text) > 400 or refuses(text) or _KEY_RE.search(text):
        return None
    from .question import question_stopwords

    stop = question_stopwords()
    stop |= {strip_diacritics(w) for w in stop}  # the tokens come with and without diacritics
    said = {t for t in lexical_tokens(" ".join(history + [question])) if t not in stop and len(t) > 1}
    return text if said & set(lexical_tokens(text)) else None

"""Plan metadata read from each document's own header, with manual overrides.

Nothing here knows any particular plan: number, issuer, locality, dates, period and
signer come from the genre's fixed header shape ("Số: …", "Place, ngày … tháng … năm …",
the title under "KẾ HOẠCH"/"ĐỀ ÁN", the signature block). Where a file lacks a field, it
stays blank; `corpus/manifest.overrides.json` can fill or correct any field by doc_id.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

from .documents import Document
from .parsing import ParsedDocument
from .text import UPPER, fold, nfc

DOC_TYPES = {
    "KẾ HOẠCH": "Kế hoạch",
    "ĐỀ ÁN": "Đề án",
    "QUYẾT ĐỊNH": "Quyết định",
    "CHƯƠNG TRÌNH": "Chương trình",
    "BÁO CÁO": "Báo cáo",
    "HƯỚNG DẪN": "Hướng dẫn",
    "THÔNG BÁO": "Thông báo",
    "CÔNG VĂN": "Công văn",
}
DOC_CODES = {"KH": "Kế hoạch", "ĐA": "Đề án", "QĐ": "Quyết định", "CTr": "Chương trình", "BC": "Báo cáo"}
LEVELS = {
    "mầm non": ("mầm non", "mẫu giáo", "gdmn"),
    "tiểu học": ("tiểu học",),
    "THCS": ("trung học cơ sở", "thcs"),
    "THPT": ("trung học phổ thông", "thpt"),
    "GDNN-GDTX": ("giáo dục nghề nghiệp", "gdnn"),
}
ADMIN_UNITS = ("huyện", "quận", "thị xã", "thành phố", "xã", "phường", "thị trấn")
SCHOOL_PREFIXES = ("trường mầm non", "trường tiểu học", "trường trung học cơ sở", "trường thcs",
                   "trường trung học phổ thông", "trường thpt", "trường mẫu giáo", "trường")

_NUMBER_RE = re.compile(r"Số\s*:?\s*(\d*)\s*/\s*([A-ZĐa-z]+(?:\s*-\s*[A-ZĐa-z0-9]+)*)")
_DATE_RE = re.compile(r"([^\n\t,;:]{2,40}),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
_PERIOD_RE = re.compile(r"(?:giai đoạn|năm học)\s*(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_VISION_RE = re.compile(r"tầm nhìn\s*(?:đến\s*)?(?:năm\s*)?(\d{4})", re.IGNORECASE)
_YEAR_RE = re.compile(r"năm\s*(\d{4})", re.IGNORECASE)
_INTRO_RE = re.compile(r"(?:^|[.;]\s*)([A-ZĐÂ][^.;:]{3,80}?)\s+xây dựng:?\s*[“\"]?\s*(?:Kế hoạch|Đề án|kế hoạch|đề án)")
_PROVINCE_RE = re.compile(rf"\b(tỉnh|thành phố)\s+((?:[{UPPER}]\w*\s?){{1,3}})")
_SIGNATURE_TITLE_RE = re.compile(rf"^(?:TM|KT|Q|TL|TUQ)\s*\.|^[{UPPER}\s]+$")


class PlanInfo(BaseModel):
    """One plan's manifest entry."""

    doc_id: str
    source: str = Field(description="corpus file path, relative to the corpus folder")
    sha256: str = ""
    doc_type: str = "Văn bản"
    number: str = Field("", description='"127/KH-MNPTB"; blank when the plan leaves it blank')
    title: str = ""
    issuer: str = ""
    school: str = ""
    locality: str = Field("", description="district/commune/school, with province where given")
    province: str = ""
    levels: list[str] = Field(default_factory=list)
    date: str = Field("", description="ISO date, or YYYY-MM when the day is blank")
    period: str = ""
    signer: str = ""
    aliases: list[str] = Field(default_factory=list, description="names a question may use for this plan")

    @property
    def label(self) -> str:
        """How answers name the plan: "Kế hoạch 127/KH-MNPTB (Trường Mầm non Phú Thành B)"."""
        who = self.school or self.issuer or self.locality
        if self.number:
            return f"{self.doc_type} {self.number}" + (f" ({who})" if who else "")
        when = f", {self.date[:7].split('-')[1].lstrip('0')}/{self.date[:4]}" if len(self.date) >= 7 else ""
        return f"{self.doc_type} của {who}{when}" if who else f"{self.doc_type} {self.title}"

    def search_label(self) -> str:
        """Text prepended to every chunk for indexing: number, place, title."""
        parts = [self.doc_type, self.number, self.issuer, self.school, self.locality, self.title]
        return " – ".join(dict.fromkeys(p for p in parts if p))


def _printed_form(text: str, caps: str) -> str:
    """The body's own spelling of a phrase printed in capitals in the header."""
    words = nfc(caps).split()
    if not words:
        return caps
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = Counter(m.group(0) for m in re.finditer(pattern, text, re.IGNORECASE) if m.group(0) != caps)
    return found.most_common(1)[0][0] if found else caps.title()


def _admin_level(text: str, place: str) -> str:
    if place:
        m = re.search(rf"\b({'|'.join(ADMIN_UNITS)})\s+{re.escape(place)}\b", text, re.IGNORECASE)
        if m:
            return m.group(1).lower()
    counts = Counter(
        m.group(1).lower()
        for m in re.finditer(r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(huyện|quận|thị xã|thành phố)", text, re.IGNORECASE)
    )
    return counts.most_common(1)[0][0] if counts else ""


def extract_info(doc: Document, parsed: ParsedDocument, source: str) -> PlanInfo:
    """Manifest fields from the document's header, bases and signature."""
    text = nfc(doc.text)
    head_lines = [nfc(b.text) for b in parsed.header.blocks]
    head = "\n".join(head_lines)
    scope = head + "\n" + "\n".join(b.text for b in parsed.bases.blocks[:1])
    info = PlanInfo(doc_id=doc.doc_id, source=source, sha256=doc.sha256)

    if m := _NUMBER_RE.search(scope):
        suffix = re.sub(r"\s+", "", m.group(2))
        info.number = f"{m.group(1)}/{suffix}" if m.group(1) else ""
        code = suffix.split("-")[0]
        info.doc_type = DOC_CODES.get(code, info.doc_type)
    type_at = None
    for i, line in enumerate(head_lines):
        if line.strip().upper() in DOC_TYPES:
            info.doc_type = DOC_TYPES[line.strip().upper()]
            type_at = i
            break
    if type_at is not None:
        info.title = " ".join(l.strip().strip("“”\"") for l in head_lines[type_at + 1 :]).strip()
    place = ""
    # the raw header keeps its tab columns ("Số: 45/KH-UBND<TAB>Bảo Lâm, ngày …")
    header_end = parsed.header.end if parsed.header.blocks else 0
    if m := _DATE_RE.search(nfc(doc.text[:header_end]) or head):
        place = m.group(1).strip()
        day, month, year = m.group(2), int(m.group(3)), m.group(4)
        info.date = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")

    # Issuer lines stand in capitals above the national motto.
    units: list[str] = []
    if any(fold(line).startswith("cộng hòa") for line in head_lines):
        for line in head_lines:
            if fold(line).startswith("cộng hòa"):
                break
            if line.isupper():
                units.append(line)
    school = ""
    joined_units = " ".join(units)
    school_at = fold(joined_units).find("trường ")
    if school_at >= 0:
        school = _printed_form(text, joined_units[school_at:])
        parent_caps = joined_units[:school_at].strip()
    else:
        parent_caps = joined_units
    intro = next((m.group(1).strip() for b in parsed.bases.blocks if (m := _INTRO_RE.search(b.text))), "")
    if not school and fold(intro).startswith("trường"):
        school = intro
    info.school = school

    level = _admin_level(text, place)
    if parent_caps:
        parent = re.sub(r"^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+", "", parent_caps)
        words = parent.split()
        unit = next((u for u in ADMIN_UNITS if fold(" ".join(words[: len(u.split())])) == u), "")
        district_place = " ".join(words[len(unit.split()) :]) if unit else parent
        district_place = _printed_form(text, district_place)
        district = f"{unit} {district_place}".strip()
        aliases = [district_place]
    elif place:
        district = f"{level} {place}".strip()
        aliases = [place]
    else:
        district, aliases = "", []
    if school:
        short = school
        for prefix in SCHOOL_PREFIXES:
            if fold(school).startswith(prefix + " "):
                short = school[len(prefix) + 1 :]
                break
        aliases.append(short)
    if place and place not in aliases:
        aliases.append(place)

    provinces = Counter(
        f"{m.group(1)} {m.group(2).strip()}" for m in _PROVINCE_RE.finditer(text) if m.group(2).strip()
    )
    province = provinces.most_common(1)[0][0] if provinces else ""
    if province and fold(province.split(" ", 1)[1]) in {fold(a) for a in aliases}:
        province = ""
    info.province = province

    signed_by_committee = any("ỦY BAN NHÂN DÂN" in b.text.upper().replace("UỶ", "ỦY") for b in parsed.signature.blocks)
    if school:
        info.issuer = school
    elif district and (signed_by_committee or "UBND" in info.number or "ủy ban nhân dân" in fold(intro) or intro):
        info.issuer = f"UBND {district}"
    info.locality = ", ".join(p for p in (school, district, province) if p)

    sig = [b.text for b in parsed.signature.blocks if not _SIGNATURE_TITLE_RE.match(b.text.strip())]
    info.signer = sig[-1].strip() if sig else ""

    title_key = fold(info.title + " " + info.issuer + " " + info.school)
    levels = [lvl for lvl, keys in LEVELS.items() if any(k in title_key for k in keys)]
    if not levels:
        body = fold(text)
        levels = [lvl for lvl, keys in LEVELS.items() if sum(body.count(k) for k in keys) >= 2]
    info.levels = levels

    source_for_period = info.title or head
    if m := _PERIOD_RE.search(source_for_period):
        info.period = f"{m.group(1)}–{m.group(2)}"
    elif m := _YEAR_RE.search(source_for_period):
        info.period = m.group(1)
    if m := _VISION_RE.search(source_for_period):
        info.period += f", tầm nhìn {m.group(1)}"
    if info.number:
        aliases.extend([info.number, info.number.split("/")[0]])
    info.aliases = list(dict.fromkeys(a for a in aliases if a))
    return info


class Manifest(BaseModel):
    plans: dict[str, PlanInfo] = Field(default_factory=dict)

    def get(self, doc_id: str) -> PlanInfo:
        return self.plans[doc_id]


def load_overrides(corpus_dir: Path) -> dict[str, dict]:
    path = corpus_dir / "manifest.overrides.json"
    if not path.exists():
        return {}
    return {k: v for k, v in json.loads(path.read_text("utf-8")).items() if not k.startswith("_")}


def apply_overrides(info: PlanInfo, overrides: dict[str, dict]) -> PlanInfo:
    patch = overrides.get(info.doc_id)
    if not patch:
        return info
    updated = info.model_copy(update=patch)
    if patch.get("number") and "aliases" not in patch:  # a corrected number names the plan too
        number = patch["number"]
        updated.aliases = list(dict.fromkeys(updated.aliases + [number, number.split("/")[0]]))
    return updated


def write_manifest(manifest: Manifest, corpus_dir: Path) -> Path:
    path = corpus_dir / "manifest.json"
    data = {doc_id: info.model_dump() for doc_id, info in sorted(manifest.plans.items())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path

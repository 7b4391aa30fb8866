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
from .parsing import APPROVAL_RE, ParsedDocument, doc_type_line
from .text import UPPER, fold, heal_split_syllables, lexicon, nfc, strip_diacritics

DOC_CODES = {"KH": "Kế hoạch", "ĐA": "Đề án", "QĐ": "Quyết định", "CTr": "Chương trình", "BC": "Báo cáo",
             "TTr": "Tờ trình", "HD": "Hướng dẫn", "QH": "Quy hoạch", "TB": "Thông báo", "CL": "Chiến lược"}
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
# "Trường Tiểu học X xây dựng Kế hoạch …", "Trường Tiểu học X báo cáo kết quả …": the issuer names itself
_INTRO_RE = re.compile(r"(?:^|[.;,]\s*)([A-ZĐÂ][^.;:]{3,80}?)\s+(?:xây dựng:?\s*[“\"]?\s*(?:Kế hoạch|Đề án|kế hoạch|đề án)|"
                       r"báo cáo (?:kết quả|tình hình|như sau))")
# "tỉnh Bà Rịa - Vũng Tàu": a name may join two with a dash
# "Thành phố" capitalized too: a headerless plan may name its city only inside "Trường Đại học
# Sư phạm Thành phố Hồ Chí Minh"
_PROVINCE_RE = re.compile(rf"\b([Tt]ỉnh|[Tt]hành phố)[ \t]+((?:[{UPPER}]\w*[ \t]?){{1,3}}(?:-[ \t]?(?:[{UPPER}]\w*[ \t]?){{1,3}})?)")
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


_NUMBER_ANY_RE = re.compile(
    r"\bSố(?:\s*(?:hiệu|/\s*[Kk]ý hiệu))?(?!\s*/\s*[Kk]ý)\s*:?[\s|]*((?:\d+)(?:\s*/\s*\d{4})?)?[\s.…_]*/\s*([A-ZĐ][\wĐđ&]*(?:\s*-\s*[\wĐđ&]+)*)"
)
_SLASH_DATE_RE = re.compile(r"([^\n\t,;:|]{2,40}),\s*(?:ngày\s*)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_META_DATE_RE = re.compile(r"Ngày ban hành:?[\s|]*(\d{1,2})/(\d{1,2})/(\d{4})")
_RANGE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_CARRIED_BY_RE = re.compile(
    r"Ban hành kèm theo Quyết định(?: số)?\s+(\d+\s*/\s*(?:\d{4}\s*/\s*)?QĐ-[\wĐđ-]+)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
    r"(?:\s+của\s+(?:Chủ tịch\s+)?((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)"
    r"(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹ'’]*){1,4}))?"
)
_SUBMITS_RE = re.compile(r"(?m)^((?:Phòng|Sở) (?:Giáo dục và Đào tạo|GD&ĐT|GDĐT))\s+kính trình\b")
_TITLE_PREFIX_RE = re.compile(r"^(?:V/v|Về việc|VỀ VIỆC)\s*:?\s*", re.IGNORECASE)
# Lines under a title that are no longer the title: a decision's authority line, the addressee,
# the "issued with" note of a carried plan.
_AFTER_TITLE_RE = re.compile(
    r"^(?:(?:CHỦ TỊCH\s+)?(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\b|CHỦ TỊCH|GIÁM ĐỐC|HIỆU TRƯỞNG|TRƯỞNG PHÒNG|"
    r"Kính gửi|\(?Ban hành kèm theo|Căn cứ|Thực hiện)"
)
# "TRƯỜNG MẦM NON HOA SEN - PHƯỜNG LINH TRUNG - THÀNH PHỐ THỦ ĐỨC" under the title of a plan with
# no header: the issuer and its places, one line, not more of the title
_ISSUER_LINE_RE = re.compile(r"^(?:TRƯỜNG|ỦY BAN|UỶ BAN|UBND|PHÒNG GIÁO DỤC|PHÒNG GD|SỞ GIÁO DỤC|SỞ GD|TRUNG TÂM)\b[^\n]*?"
                             r"\s[-–]\s(?:PHƯỜNG|XÃ|THỊ TRẤN|QUẬN|HUYỆN|THỊ XÃ|THÀNH PHỐ|TỈNH|TP\.)")
_TITLE_ORG_RE = re.compile(rf"(?:Trường|Trung tâm)\s[^,;]*?((?:huyện|quận|thị xã|thành phố)\s+(?:[{UPPER}][\w']*\s?){{1,3}})")
_SO_PLACE_RE = re.compile(rf"Sở (?:Giáo dục và Đào tạo|GD&ĐT|GDĐT|GD-ĐT) ((?:[{UPPER}][\w']*\s?){{1,3}})")
_PHONG_PLACE_RE = re.compile(
    rf"Phòng (?:Giáo dục và Đào tạo|Giáo dục - Đào tạo|GD&ĐT|GD-ĐT|GDĐT) (huyện|quận|thị xã|thành phố) "
    rf"([{UPPER}][\wà-ỹ'’]*(?: [{UPPER}][\wà-ỹ'’]*){{0,3}})"
)
_NAME_RE = re.compile(rf"^[{UPPER}][\wà-ỹ']*(?:\s+[{UPPER}][\wà-ỹ']*){{1,5}}$")
# Capitalised organisation phrases and how they are written in running text.
_ORG_FORMS = {
    "ỦY BAN NHÂN DÂN": "UBND", "UỶ BAN NHÂN DÂN": "UBND", "UBND": "UBND",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO": "Sở Giáo dục và Đào tạo", "SỞ GD&ĐT": "Sở GD&ĐT", "SỞ GDĐT": "Sở GDĐT",
    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO": "Phòng Giáo dục và Đào tạo", "PHÒNG GD&ĐT": "Phòng GD&ĐT", "PHÒNG GDĐT": "Phòng GDĐT",
    "TRUNG TÂM": "Trung tâm",
}


def _proper(text: str, caps: str) -> str:
    """A capitalised name as running text writes it: the body's own spelling when it has one,
    else each word capitalised, with the organisation and unit words and abbreviations as usual."""
    printed = _printed_form(text, caps)
    if printed != caps.title():
        return printed
    out = caps
    for form, written in _ORG_FORMS.items():
        if fold(out).startswith(fold(form)):
            out = written + out[len(form):]
            break
    abbreviations = {k.upper() for k in lexicon()["abbreviations"]}
    units = {fold(u) for u in ADMIN_UNITS} | {"tỉnh", "và"}
    fixed = []
    for w in out.split():
        if not w.isupper() or w in abbreviations or "&" in w:
            fixed.append(w)
        elif fold(w) in units:
            fixed.append(w.lower())
        else:
            fixed.append(w.capitalize())
    return " ".join(fixed)


def dates_itself(text: str) -> bool:
    """Does the text hold a document's "Place, ngày … tháng … năm …" (or "Place, 05/8/2021") line?"""
    return bool(_DATE_RE.search(text) or _SLASH_DATE_RE.search(text))


def _header_lines(parsed: ParsedDocument) -> list[str]:
    return [nfc(b.text).strip() for b in parsed.header.blocks]


def _number(lines: list[str], parsed: ParsedDocument) -> tuple[str, str]:
    """(number as printed, its document-type code); ("", code) when the number is left blank."""
    scope = lines + [b.text for b in parsed.bases.blocks[:1]] + [b.text for b in parsed.junk]
    for line in scope:
        if m := _NUMBER_ANY_RE.search(line):
            digits = re.sub(r"\s+", "", m.group(1) or "")
            suffix = re.sub(r"\s+", "", m.group(2))
            return (f"{digits}/{suffix}" if digits else ""), suffix.split("-")[0]
    return "", ""


def _title(lines: list[str]) -> tuple[str, str]:
    """(document type, title) from the type line and the lines under it."""
    for i, line in enumerate(lines):
        found = doc_type_line(line)
        if not found:
            continue
        doc_type, rest = found
        parts = [rest] if rest else []
        for j, nxt in enumerate(lines[i + 1:]):
            if (j or rest) and (_AFTER_TITLE_RE.match(nxt) or nxt.isupper() and _ISSUER_LINE_RE.match(nxt)) \
                    or _DATE_RE.search(nxt) or _SLASH_DATE_RE.search(nxt):
                break
            if _NUMBER_ANY_RE.match(nxt):
                continue  # "TỜ TRÌNH / Số: 37/TTr-PGDĐT / Về việc …": the number stands between type and title
            parts.append(nxt.strip().strip("“”\""))
        title = _TITLE_PREFIX_RE.sub("", " ".join(p for p in parts if p)).strip()
        return doc_type, title
    for line in lines:  # a letter: "V/v bồi dưỡng …" under the number
        if re.match(r"^V/v\b", line):
            return "Công văn", _TITLE_PREFIX_RE.sub("", line).strip()
    return "", ""


def _date(lines: list[str], parsed: ParsedDocument) -> tuple[str, str]:
    """(place, ISO date) from the header's "Place, ngày … tháng … năm …" line (or "Place,
    05/8/2021"); a document without a header may date itself above its signature."""
    # the body's closing lines: a "TP. Thủ Đức, ngày 25 tháng 9 năm 2024" printed above the signature
    last = [sec for sec in parsed.sections() if sec.kind not in ("recipients", "signature")][-1:]
    closing = [b.text for b in last[0].blocks[-3:] if len(b.text) < 70] if last else []
    for scope in (lines, [b.text for b in parsed.signature.blocks], [b.text for b in parsed.recipients.blocks], closing):
        for line in scope:
            if m := _DATE_RE.search(line):
                day, month, year = m.group(2), int(m.group(3)), m.group(4)
                return m.group(1).strip(), f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
            if m := _SLASH_DATE_RE.search(line):
                day, month, year = int(m.group(2)), int(m.group(3)), m.group(4)
                return m.group(1).strip(), f"{year}-{month:02d}-{day:02d}"
    for b in parsed.junk:
        if m := _META_DATE_RE.search(b.text):
            return "", f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return "", ""


def _issuer_units(lines: list[str]) -> list[str]:
    """The capitalised issuer lines: those above the national motto, else above the type line."""
    units: list[str] = []
    titled = False  # past the type line, only an issuer line names the issuer ("NĂM HỌC 2024 - 2025" is title)
    for line in lines:
        if fold(line).startswith(("cộng hòa", "độc lập")) or doc_type_line(line) or line.startswith("Số"):
            if units:
                break
            titled = titled or bool(doc_type_line(line))
            continue
        if titled and not _ISSUER_LINE_RE.match(line):
            continue
        if line.isupper() and _ISSUER_LINE_RE.match(line):  # "TRƯỜNG X - PHƯỜNG Y - THÀNH PHỐ Z": one unit per place
            return units + [part.strip() for part in re.split(r"\s[-–]\s", line) if part.strip()]
        if line.isupper() and not _DATE_RE.search(line):
            units.append(line)
        elif units:
            break
    return units


def _signer(parsed: ParsedDocument) -> str:
    """The first name in the signature block (a decision's, when it carries a plan)."""
    blocks = [b.text.strip() for b in parsed.signature.blocks]
    approving = False  # a column that approves the plan ("DUYỆT CỦA PHÒNG GD&ĐT") names no signer of it
    for text in blocks:
        if APPROVAL_RE.match(text):
            approving = True
            continue
        if _SIGNATURE_TITLE_RE.match(text) or text.startswith("(") or ":" in text or "," in text:
            continue
        if _NAME_RE.match(text) and not text.isupper():
            if approving:
                approving = False
                continue
            return text
    sig = [t for t in blocks if not _SIGNATURE_TITLE_RE.match(t) and not t.startswith("(")]
    return sig[-1] if sig and _NAME_RE.match(sig[-1]) else ""


def extract_info(doc: Document, parsed: ParsedDocument, source: str) -> PlanInfo:
    """Manifest fields from the document's header, title lines, first paragraph and signature
    (and, for a web copy, its metadata table when the header lacks a field)."""
    text = nfc(doc.text)
    head_lines = _header_lines(parsed)
    info = PlanInfo(doc_id=doc.doc_id, source=source, sha256=doc.sha256)

    info.number, code = _number(head_lines, parsed)
    info.doc_type = DOC_CODES.get(code, info.doc_type)
    doc_type, title = _title(head_lines)
    if doc_type:
        info.doc_type = doc_type
    info.title = heal_split_syllables(title)
    place, info.date = _date(head_lines, parsed)

    units = _issuer_units(head_lines)
    if info.doc_type == "Quyết định" and not info.number and (m := _CARRIED_BY_RE.search(text)):
        # a decision copied without its header states itself over the plan it carries: "(Ban hành
        # kèm theo Quyết định số 318/QĐ-UBND ngày 22/9/2025 của Chủ tịch UBND xã Krông Năng)"
        info.number = re.sub(r"\s+", "", m.group(1))
        if not info.date:
            info.date = f"{m.group(4)}-{int(m.group(3)):02d}-{int(m.group(2)):02d}"
        if not units and m.group(5):
            units = [m.group(5).upper()]
    joined_units = " ".join(units)
    school = ""
    # "LIÊN TRƯỜNG THCS A - B - C": a joint school's name starts at "Liên"
    school_at = next((m.start() for m in re.finditer(r"(?:liên )?trường ", fold(joined_units))), -1)
    whole = next((u for u in units if fold(u).startswith("trường ")), "")
    places_after = units[units.index(whole) + 1:] if whole else []
    if places_after and all(fold(u).startswith(ADMIN_UNITS + ("tỉnh", "tp.")) for u in places_after):
        # "TRƯỜNG X", "PHƯỜNG Y", "THÀNH PHỐ Z": the school, then its places
        school = _printed_form(text, whole)
        parent_units = [u for u in units if u is not whole]
    elif school_at >= 0:
        school = _printed_form(text, joined_units[school_at:])
        parent_units = [joined_units[:school_at].strip()] if joined_units[:school_at].strip() else []
    else:
        parent_units = units
    intro = next((m.group(1).strip() for b in parsed.bases.blocks if (m := _INTRO_RE.search(b.text))), "")
    intro_place = ""
    if m := re.search(r"\s*\(([^)]*)\)\s*$", intro):  # "Trường Tiểu học X (huyện Y, tỉnh Z)"
        intro, intro_place = intro[: m.start()].strip(), m.group(1)
    if not school and fold(intro).startswith("trường"):
        school = intro
    if not school and not units and (m := _TITLE_ORG_RE.search(info.title)):
        # a plan with no header names its issuer in its title: "… viên chức Trung tâm GDNN-GDTX
        # huyện Phú Bình năm 2025", "… của Trường Tiểu học X"
        school = m.group(0).strip()
        parent_units = [m.group(1).strip()]
    info.school = school

    # The place the issuer governs: the unit line that names a district/province ("UBND HUYỆN
    # X", "HUYỆN X", "SỞ GIÁO DỤC VÀ ĐÀO TẠO BẾN TRE"), else the place of the date line.
    district, aliases, office, ward = "", [], "", ""
    for unit in parent_units:
        bare = re.sub(r"^(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s*", "", unit)
        words = bare.split()
        kind = next((u for u in ADMIN_UNITS + ("tỉnh",) if fold(" ".join(words[: len(u.split())])) == u), "")
        if kind:
            name = _printed_form(text, " ".join(words[len(kind.split()):]))
            # a city above a Sở/Phòng line is the province ("UBND THÀNH PHỐ X" / "SỞ GD&ĐT")
            above_office = (kind == "thành phố" and not district and unit is parent_units[0]
                            and any(fold(u).startswith(("sở", "phòng")) for u in parent_units[1:]))
            if kind == "tỉnh" or above_office:
                info.province = f"{kind} {name}"
                aliases.append(name)
                continue
            if kind in ("xã", "phường", "thị trấn") and unit is not parent_units[-1]:
                ward = f"{kind} {name}"  # "PHƯỜNG Y - THÀNH PHỐ Z": the ward within its district
                aliases.append(name)
                continue
            district = f"{kind} {name}"
            aliases.append(name)
        elif fold(bare).startswith(("sở", "phòng", "trung tâm")):
            office = bare
            org = next((f for f in _ORG_FORMS if fold(bare).startswith(fold(f))), "")
            rest = bare[len(org):].strip() if org else ""
            if rest and not any(fold(rest).startswith(u) for u in ADMIN_UNITS + ("tỉnh",)):
                name = _printed_form(text, rest)
                if fold(org).startswith("sở"):
                    level = "thành phố" if _admin_level(text, name) == "thành phố" else "tỉnh"
                    info.province = info.province or f"{level} {name}"
                    aliases.append(name)
                elif fold(org).startswith("phòng"):
                    district = district or f"{_admin_level(text, name) or 'huyện'} {name}"
                    aliases.append(name)
        elif bare and not fold(unit).startswith(("ủy ban", "uỷ ban", "ubnd")):
            office = office or bare
    for piece in intro_place.split(","):
        piece = piece.strip()
        kind = next((u for u in ADMIN_UNITS + ("tỉnh",) if fold(piece).startswith(u + " ")), "")
        if kind == "tỉnh" and not info.province:
            info.province = piece
        elif kind and not district:
            district = piece
            aliases.append(piece[len(kind) + 1:])
    if fold(office).startswith("trung tâm") and not school:
        # a centre stands below its district as a school does: "Trung tâm GDNN-GDTX huyện X"
        school = _proper(text, office) + (f" {district}" if district and fold(district) not in fold(office) else "")
        info.school, office = school, ""
    if school and not district:
        # a school with no district in its header stands under the district's Phòng GD&ĐT it cites
        offices = Counter(m.groups() for m in _PHONG_PLACE_RE.finditer(text))  # (unit kind, name)
        if offices:
            kind, name = offices.most_common(1)[0][0]
            district = f"{kind} {name}"
            aliases.append(name)
    if not district and place and fold(place) not in fold(info.province):
        level = _admin_level(text, place)
        district = f"{level} {place}".strip()
        aliases.append(place)
    if office:
        office_name = _proper(text, office)
        where = district or info.province
        # "SỞ GIÁO DỤC VÀ ĐÀO TẠO BẾN TRE": the office line names its place itself
        info.issuer = office_name if not where or fold(where.split(" ", 1)[-1]) in fold(office_name) else f"{office_name} {where}"
    if school:
        short = school
        for prefix in SCHOOL_PREFIXES:
            if fold(school).startswith(prefix + " "):
                short = school[len(prefix) + 1 :]
                break
        aliases.append(short)
    if place and place not in aliases:
        aliases.append(place)

    if not info.province:
        # the district itself ("thành phố Bà Rịa", named more often than its province) is no province
        provinces = Counter(
            name for m in _PROVINCE_RE.finditer(text) if m.group(2).strip()
            for name in [re.sub(r"\s*-\s*", " - ", f"{m.group(1).lower()} {m.group(2).strip()}")]
            if not district or fold(name) != fold(district)
        )
        if not provinces:  # "Sở Giáo dục và Đào tạo Nghệ An" names the province without "tỉnh"
            provinces = Counter(f"tỉnh {m.group(1).strip()}" for m in _SO_PLACE_RE.finditer(text))
        province = provinces.most_common(1)[0][0] if provinces else ""
        if province and fold(province.split(" ", 1)[1]) in {fold(a) for a in aliases} and not province.startswith("tỉnh"):
            province = ""
        if province and district and fold(province) == fold(district):
            province = ""
        info.province = province

    signed_by_committee = any("ỦY BAN NHÂN DÂN" in b.text.upper().replace("UỶ", "ỦY") for b in parsed.signature.blocks)
    if school:
        info.issuer = school
    elif not info.issuer and district and (
        signed_by_committee or "UBND" in info.number or "ủy ban nhân dân" in fold(intro) or intro
        or any(fold(u).startswith(("ủy ban", "uỷ ban", "ubnd")) for u in units)
    ):
        info.issuer = f"UBND {district}"
    elif not info.issuer and not district and info.province and any(fold(u).startswith(("ủy ban", "ubnd")) for u in units):
        info.issuer = f"UBND {info.province}"
    if not info.issuer and not units and (m := _SUBMITS_RE.search(text)):
        # a submission copied without its header names its sender where it submits: "Phòng Giáo
        # dục và Đào tạo kính trình Ủy ban nhân dân thị xã xem xét"
        where = district or info.province
        office_name = m.group(1)
        info.issuer = office_name if not where else f"{office_name} {where}"
    parts = [p for p in (school, ward, district, info.province) if p]
    info.locality = ", ".join(p for i, p in enumerate(parts) if not any(fold(p) in fold(q) for q in parts[:i]))

    info.signer = _signer(parsed)

    title_key = fold(info.title + " " + info.issuer + " " + info.school)
    levels = [lvl for lvl, keys in LEVELS.items() if any(k in title_key for k in keys)]
    if not levels:
        body = fold(text)
        levels = [lvl for lvl, keys in LEVELS.items() if sum(body.count(k) for k in keys) >= 2]
    info.levels = levels

    source_for_period = info.title or " ".join(head_lines)
    if m := _PERIOD_RE.search(source_for_period) or _RANGE_RE.search(source_for_period):
        info.period = f"{m.group(1)}–{m.group(2)}"
    elif m := _YEAR_RE.search(source_for_period):
        info.period = m.group(1)
    elif intro_block := next((b.text for b in parsed.bases.blocks if _INTRO_RE.search(b.text)), ""):
        if m := _RANGE_RE.search(intro_block):
            info.period = f"{m.group(1)}–{m.group(2)}"
    if not info.period:
        # a decision that carries a Quy định states its period in the scope article ("Điều 1.
        # Phạm vi điều chỉnh … trong giai đoạn 2023 - 2030"), a plan in its first paragraph
        scope = next((sec for sec in parsed.sections() if "phạm vi" in fold(sec.title)), None)
        first = [b.text for sec in parsed.sections() if sec.kind not in ("header", "bases", "recipients", "signature")
                 for b in sec.blocks if b.kind == "text"][:2]
        for text_ in ([b.text for b in scope.blocks] if scope else []) + first:
            if m := _PERIOD_RE.search(text_):
                info.period = f"{m.group(1)}–{m.group(2)}"
                break
    if m := _VISION_RE.search(source_for_period):
        info.period += f", tầm nhìn {m.group(1)}"
    if info.number:
        aliases.extend([info.number, info.number.split("/")[0]])
    info.aliases = distinctive_aliases(aliases)
    return info


def distinctive_aliases(names: list[str]) -> list[str]:
    """The names a question may use for a plan, without the generic ones: a name is kept only
    when something is left of it after removing punctuation and the genre's generic words
    (UBND, trường, sở, phòng, huyện, giáo dục, kế hoạch…), so no plan can be named by "|" or
    "UBND" and match every question."""
    # generic words are taken out as whole words, with their diacritics: "Nghĩa Đàn" and "Thanh
    # Hóa" are names, though "nghĩa" of "chủ nghĩa" and "dân" of "nhân dân" are generic syllables
    generic = sorted({tuple(re.findall(r"\w+", fold(w))) for w in lexicon()["generic_name_words"]}, key=len, reverse=True)
    kept: list[str] = []
    for name in names:
        bare = strip_diacritics(fold(name))
        tokens = re.findall(r"\w+", fold(name))
        if not tokens:
            continue
        if bare.isdigit() or re.fullmatch(r"\d+(/\d{4})?/[\w&-]+", bare.replace(" ", "")):
            kept.append(name)  # a document number (whole or its digits) names one plan
            continue
        rest, i = [], 0
        while i < len(tokens):
            g = next((g for g in generic if tuple(tokens[i : i + len(g)]) == g), None)
            if g:
                i += len(g)
            else:
                rest.append(tokens[i])
                i += 1
        if rest and any(len(t) > 1 or t.isdigit() for t in rest):
            kept.append(name)
    return list(dict.fromkeys(kept))


# Fields a reader expects every plan to state, with the words used to name them to a user.
REQUIRED_FIELDS = {"number": "số hiệu", "title": "tên văn bản", "issuer": "cơ quan ban hành", "locality": "địa phương",
                   "date": "ngày ban hành", "period": "giai đoạn/năm áp dụng", "signer": "người ký"}


def unread_fields(info: PlanInfo, parsed: ParsedDocument) -> list[str]:
    """The fields left blank, each named for a user; a number the document prints blank
    ("Số: /KH-UBND") is said to be blank in the document, not unread."""
    out = []
    for name, words in REQUIRED_FIELDS.items():
        if getattr(info, name):
            continue
        if name == "number" and _number(_header_lines(parsed), parsed)[1]:
            out.append(f"{words} (để trống trong văn bản)")
        else:
            out.append(words)
    return out


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
        updated.aliases = updated.aliases + [number, number.split("/")[0]]
    # names given by hand obey the same rule as those read from the header
    updated.aliases = distinctive_aliases(updated.aliases)
    return updated


def write_manifest(manifest: Manifest, corpus_dir: Path) -> Path:
    path = corpus_dir / "manifest.json"
    data = {doc_id: info.model_dump() for doc_id, info in sorted(manifest.plans.items())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path

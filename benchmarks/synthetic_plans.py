"""Seeded generator of synthetic Vietnamese education-workforce plans, for scale benchmarks.

Each plan imitates the genre of the real files in corpus/ and evals/unseen/corpus/: an issuer
(UBND tỉnh/huyện/quận/thị xã/thành phố, Phòng or Sở GD&ĐT, a school), the national motto, a
number ("Số: 123/KH-UBND"), place and date, an all-caps type line and title, legal bases, a body
numbered in one of several styles (I./1./a), Phần thứ nhất, Chương/Điều, 1./1.1.), closing,
recipients and signature; a decision sometimes carries the plan it issues. Figures (staff
counts, rates, targets, money) are random but consistent within a plan; a minority of plans
carry web-copy banners, page markers or a header laid out with pipes.

Place names are built from syllable lists through a bijection of the plan's index: within a
seed, every plan's own place (its district, or its school's name) differs from every other plan's
(two or three syllables for plans 0..3599, three or four beyond), and province-level plans (Sở
GD&ĐT, UBND tỉnh) get distinct numbers; so every plan's label (type, number, issuer) is its own.

Standalone (stdlib only). Deterministic in (i, seed): the i-th plan uses random.Random(seed *
1_000_003 + i).

Usage: .venv/bin/python benchmarks/synthetic_plans.py OUT_DIR N [--seed S] [--start K]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

# ----------------------------------------------------------------------------- names
# 60 x 60 first/second syllables (disjoint lists, no repeated syllable in a name); a third
# syllable is optional in block 0 (from _SYL3_OPT) and forced in later blocks (from _SYL3_BLOCK).
_SYL1 = (
    "An Bảo Cẩm Diên Đại Đông Gia Hải Hòa Hoài Hưng Hương Kim Lạc Lâm Long Mỹ Nam Nghĩa Ngọc "
    "Nhơn Phong Phú Phúc Phước Quảng Quế Sơn Tam Tân Thạch Thanh Thuận Tiên Trà Triệu Trung Tuy "
    "Văn Vĩnh Xuân Yên Cao Châu Đức Hà Hiệp Hồng Khánh Lộc Minh Nhân Quang Quỳnh Tây Thái Thiệu "
    "Thọ Vân"
).split()
_SYL2 = (
    "Thành Lợi Điền Định Giang Hậu Khê Lập Lương Ninh Phát Thủy Tiến Trạch Hưởng Uyên Xá Bắc "
    "Chánh Dương Hiển Hội Kiều Lai Mai Nghiêm Nguyên Quý Sang Tài Thắng Thịnh Thông Toàn Tường "
    "Vinh Vượng Bình Cường Đạt Đồng Hạnh Hào Hựu Khang Linh Mậu Nhuận Phố Quới Sơn Tâm Thới Trinh "
    "Tú Hiếu Lễ Lân"
).split()
_SYL3_OPT = "Hòa Tây Đông Nam Bắc Thượng Hạ Trung".split()
_SYL3_BLOCK = (
    "Mới Lớn Nhất Nhì Ba Tư Năm Sáu Bảy Tám Chín Mười Cựu Tân Phụng Xương Hiền Thiện Đoài Cả"
).split()
_BLOCK = len(_SYL1) * len(_SYL2)

_PROVINCES = (
    "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái",
    "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh",
    "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên",
    "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng",
    "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh",
    "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
)
_CITIES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh")

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
             "Ngô", "Dương", "Lý", "Đinh", "Lương", "Trịnh", "Mai", "Tạ", "Lò", "Hà", "Cao", "Đoàn")
_MIDDLE_M = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Ngọc", "Thanh", "Công", "Xuân", "Trọng", "Anh", "Tiến")
_MIDDLE_F = ("Thị", "Thị Thu", "Thị Kim", "Thị Hồng", "Ngọc", "Thị Thanh", "Thị Minh", "Thị Mỹ", "Thu", "Thị Lan")
_GIVEN_M = ("Hùng", "Dũng", "Tuấn", "Hải", "Thắng", "Long", "Bình", "Cường", "Thành", "Hiếu", "Khải", "Nam", "Sơn",
            "Toàn", "Quân", "Trung", "Phong", "Lực", "Định", "Thái", "Vinh", "Tâm", "Chiến", "Hưng")
_GIVEN_F = ("Lan", "Hoa", "Hương", "Nhung", "Loan", "Trang", "Hà", "Thủy", "Hạnh", "Bích", "Nga", "Tâm",
            "Yến", "Nhàn", "Hường", "Liên", "Phượng", "Dung", "Mai", "Oanh", "Thảo", "Vân")

LEVELS = {  # key: (full name, short name, standard degree since the 2019 Education Law)
    "MN": ("mầm non", "mầm non", "cao đẳng sư phạm giáo dục mầm non trở lên"),
    "TH": ("tiểu học", "tiểu học", "cử nhân ngành đào tạo giáo viên tiểu học trở lên"),
    "THCS": ("trung học cơ sở", "THCS", "cử nhân ngành đào tạo giáo viên trở lên"),
    "THPT": ("trung học phổ thông", "THPT", "cử nhân ngành đào tạo giáo viên trở lên"),
}
_SCHOOL_NAMES = {"MN": ("Trường Mầm non", "MN"), "TH": ("Trường Tiểu học", "TH"),
                 "THCS": ("Trường THCS", "THCS"), "THPT": ("Trường THPT", "THPT")}


def _place(i: int, seed: int, r: random.Random) -> str:
    """A place name unique to plan i among plans of the same seed (a bijection of i)."""
    block, k = divmod(i, _BLOCK)
    j = (1279 * k + 7919 * seed + 17 * block) % _BLOCK  # 1279 is coprime to 3600
    name = f"{_SYL1[j % len(_SYL1)]} {_SYL2[j // len(_SYL1)]}"
    if block == 0:
        return name + (f" {r.choice(_SYL3_OPT)}" if r.random() < 0.3 else "")
    extra = _SYL3_BLOCK[(block - 1) % len(_SYL3_BLOCK)]
    more = "" if block <= len(_SYL3_BLOCK) else f" {_SYL3_BLOCK[(block - 1) // len(_SYL3_BLOCK) % len(_SYL3_BLOCK)]}"
    return f"{name} {extra}{more}"


def _person(r: random.Random) -> str:
    if r.random() < 0.5:
        return f"{r.choice(_SURNAMES)} {r.choice(_MIDDLE_M)} {r.choice(_GIVEN_M)}"
    return f"{r.choice(_SURNAMES)} {r.choice(_MIDDLE_F)} {r.choice(_GIVEN_F)}"


def _other_place(r: random.Random) -> str:
    """A commune or school name that need not be unique."""
    return f"{r.choice(_SYL1)} {r.choice(_SYL2)}"


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split()).upper()


# ----------------------------------------------------------------------------- numbers
def _n(x: int) -> str:
    """1234 -> "1.234"."""
    return f"{x:,}".replace(",", ".")


def _pct(a: float, b: float = 100.0) -> str:
    p = 100.0 * a / b if b else 0.0
    if abs(p - round(p)) < 0.05:
        return f"{round(p)}%"
    return f"{p:.1f}%".replace(".", ",")


def _z(r: random.Random, x: int) -> str:
    """Small counts are often printed with a leading zero ("03 người")."""
    return f"{x:02d}" if x < 10 and r.random() < 0.5 else str(x)


def _money(r: random.Random, millions: int) -> str:
    if millions >= 1000 and r.random() < 0.6:
        return f"{millions / 1000:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " tỷ đồng"
    if r.random() < 0.3:
        return f"{_n(millions * 1_000_000)} đồng"
    return f"{_n(millions)} triệu đồng"


def _date_text(r: random.Random, d: int, m: int, y: int) -> str:
    if r.random() < 0.5:
        return f"ngày {d:02d}/{m:02d}/{y}" if r.random() < 0.3 else f"ngày {d}/{m}/{y}"
    return f"ngày {d:02d} tháng {m} năm {y}" if m > 2 else f"ngày {d:02d} tháng {m:02d} năm {y}"


# ----------------------------------------------------------------------------- document tree
class Node:
    __slots__ = ("title", "items", "children")

    def __init__(self, title: str, items: list | None = None, children: list | None = None) -> None:
        self.title = title
        self.items = items or []  # paragraphs, "- " bullets, Table
        self.children = children or []


class Table:
    __slots__ = ("rows",)

    def __init__(self, rows: list[list[str]]) -> None:
        self.rows = rows


def _bullets(r: random.Random, lines: list[str], mark: str | None = None) -> list[str]:
    mark = mark or r.choice(("-", "-", "-", "+", "–"))
    return [f"{mark} {line}" for line in lines]


def _pick(r: random.Random, pool, k: int) -> list:
    k = max(1, min(k, len(pool)))
    return r.sample(pool, k)


_TAILS = (
    "bảo đảm đúng quy định, đúng tiến độ", "phù hợp với điều kiện thực tế của từng đơn vị",
    "gắn với việc đánh giá, xếp loại viên chức cuối năm", "ưu tiên các trường ở vùng khó khăn",
    "chú trọng chất lượng, hiệu quả, tránh hình thức", "kết hợp linh hoạt giữa hình thức trực tiếp và trực tuyến",
    "có sơ kết, rút kinh nghiệm sau mỗi đợt", "báo cáo kết quả về cơ quan thường trực trước ngày 15/12 hằng năm",
    "lấy giáo viên làm trung tâm của quá trình bồi dưỡng", "bảo đảm công khai, minh bạch",
    "phát huy vai trò của tổ chuyên môn và giáo viên cốt cán", "không để ảnh hưởng đến hoạt động dạy học",
)


def _fill_to(r: random.Random, templates, target: int, **slots) -> list[str]:
    """Sentences from a pool until about `target` characters (at least one, the pool at most)."""
    out, size = [], 0
    for line in _fill(r, templates, len(templates), **slots):
        if out and size + len(line) > target:
            break
        out.append(line)
        size += len(line) + 3
    while len(out) > 1 and 800 < size < 1400:  # a section just over one chunk: keep it to one
        size -= len(out.pop()) + 3
    return out


def _target(p: "Plan") -> int:
    """Characters of text for one list section: about one chunk, two in larger plans."""
    r = p.r
    chunks = 2 if r.random() < min(0.8, max(0.0, (p.size - 0.7) * 0.8)) else 1
    if chunks == 2 and p.size > 1.6 and r.random() < 0.5:
        chunks = 3
    if p.size < 0.75:
        return round(r.uniform(350, 700))
    return round(r.uniform(620, 800)) if chunks == 1 else round(r.uniform(800, 860) * chunks - r.uniform(0, 250))


_NO_TAILS: set[int] = set()  # ids of the pools that state facts (no action clause appended)


def _fill(r: random.Random, templates, k: int, **slots) -> list[str]:
    """k sentences from a pool, slots filled; some action sentences lengthened with a clause, so no
    two plans read alike."""
    out = []
    tails = id(templates) not in _NO_TAILS
    for t in _pick(r, templates, k):
        line = t.format(**slots)
        if tails and r.random() < 0.3 and line.endswith("."):
            line = f"{line[:-1]}, {r.choice(_TAILS)}."
        out.append(line)
    return out


# ----------------------------------------------------------------------------- phrase pools
_PURPOSES = (
    "Nâng cao chất lượng đội ngũ {who} đủ về số lượng, đồng bộ về cơ cấu, đạt chuẩn về trình độ đào tạo, có phẩm chất chính trị, đạo đức nghề nghiệp và năng lực chuyên môn đáp ứng yêu cầu đổi mới căn bản, toàn diện giáo dục và đào tạo.",
    "Chuẩn hóa trình độ đào tạo của đội ngũ giáo viên theo lộ trình quy định tại Nghị định số 71/2020/NĐ-CP của Chính phủ; từng bước nâng tỷ lệ giáo viên có trình độ trên chuẩn, đáp ứng yêu cầu thực hiện Chương trình giáo dục phổ thông 2018.",
    "Bồi dưỡng, cập nhật kiến thức, kỹ năng cho {who}; nâng cao năng lực tự học, tự bồi dưỡng, năng lực đổi mới phương pháp dạy học và kiểm tra, đánh giá theo định hướng phát triển phẩm chất, năng lực người học.",
    "Xây dựng đội ngũ cán bộ quản lý (CBQL) có bản lĩnh chính trị vững vàng, năng lực quản trị nhà trường, đủ tiêu chuẩn về trình độ lý luận chính trị (LLCT), quản lý nhà nước (QLNN) và nghiệp vụ quản lý giáo dục (QLGD).",
    "Làm căn cứ để các cơ quan, đơn vị chủ động bố trí kinh phí, sắp xếp thời gian và nhân sự cho công tác đào tạo, bồi dưỡng; gắn đào tạo, bồi dưỡng với quy hoạch, sử dụng và đánh giá viên chức.",
    "Tạo chuyển biến rõ nét về chất lượng đội ngũ nhà giáo {where}; góp phần nâng cao chất lượng giáo dục toàn diện, duy trì và nâng cao kết quả phổ cập giáo dục, xây dựng trường đạt chuẩn quốc gia.",
    "Phát hiện, bồi dưỡng, phát huy đội ngũ giáo viên cốt cán, giáo viên giỏi; tạo nguồn CBQL kế cận có chất lượng cho các cơ sở giáo dục {where}.",
    "Thực hiện có hiệu quả các chủ trương của Đảng, chính sách của Nhà nước về phát triển đội ngũ nhà giáo; cụ thể hóa các chỉ tiêu về giáo dục trong Nghị quyết Đại hội Đảng bộ các cấp nhiệm kỳ 2020 - 2025.",
    "Nâng cao trình độ ngoại ngữ, tin học và kỹ năng chuyển đổi số cho đội ngũ {who}, đáp ứng yêu cầu dạy học, quản lý trong bối cảnh hội nhập.",
    "Bảo đảm mỗi giáo viên có kế hoạch tự học, tự bồi dưỡng cá nhân; mỗi nhà trường có kế hoạch đào tạo, bồi dưỡng gắn với kế hoạch giáo dục của đơn vị.",
    "Từng bước khắc phục tình trạng thừa, thiếu giáo viên cục bộ; nâng cao hiệu quả sử dụng đội ngũ hiện có {where}.",
)
_REQUIREMENTS = (
    "Việc cử viên chức đi đào tạo, bồi dưỡng phải đúng đối tượng, đúng lộ trình, công khai, minh bạch; gắn với quy hoạch và vị trí việc làm.",
    "Đảm bảo không ảnh hưởng đến hoạt động dạy học của các trường; có phương án bố trí giáo viên dạy thay trước khi cử giáo viên đi học.",
    "Nội dung bồi dưỡng phải thiết thực, phù hợp với nhu cầu của từng đối tượng, từng cấp học; chú trọng bồi dưỡng kỹ năng thực hành và ứng dụng công nghệ thông tin.",
    "Các cơ quan, đơn vị xác định rõ trách nhiệm, phối hợp chặt chẽ trong quá trình tổ chức thực hiện; định kỳ kiểm tra, đánh giá, báo cáo kết quả.",
    "Sử dụng kinh phí đúng mục đích, tiết kiệm, hiệu quả, thanh quyết toán theo đúng quy định hiện hành.",
    "Ưu tiên cử đi đào tạo giáo viên có tuổi đời thấp hơn, thời gian công tác còn lại dài hơn; giáo viên công tác ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn.",
    "Giáo viên thuộc đối tượng nâng chuẩn nhưng không tham gia đào tạo được bố trí công việc khác hoặc giải quyết chế độ theo quy định.",
    "Kết quả đào tạo, bồi dưỡng là một trong những căn cứ để đánh giá, xếp loại viên chức và xét thi đua, khen thưởng hằng năm.",
    "Mỗi cơ sở giáo dục xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ thời gian hoàn thành; người đứng đầu chịu trách nhiệm về kết quả thực hiện.",
    "Kết hợp hài hòa giữa đào tạo tập trung với tự học, tự bồi dưỡng; giữa bồi dưỡng trực tiếp với bồi dưỡng trực tuyến qua hệ thống LMS.",
    "Thực hiện nghiêm chế độ báo cáo định kỳ 6 tháng, hằng năm; kịp thời đề xuất điều chỉnh những nội dung không còn phù hợp.",
)
_CONTEXT = (
    "{Place} là {unit_kind} {geo} của {province_full}, có {communes} đơn vị hành chính cấp xã; dân số trên {pop} người, trong đó đồng bào dân tộc thiểu số chiếm {ethnic}.",
    "Những năm qua, sự nghiệp giáo dục và đào tạo {where} tiếp tục được quan tâm đầu tư; mạng lưới trường, lớp được sắp xếp hợp lý, cơ sở vật chất từng bước được kiên cố hóa, tỷ lệ trường đạt chuẩn quốc gia đạt {std_rate}.",
    "Từ năm học 2020 - 2021, Chương trình giáo dục phổ thông 2018 được triển khai theo lộ trình, đặt ra yêu cầu cao về năng lực của đội ngũ giáo viên, nhất là giáo viên dạy các môn tích hợp, Tin học, Tiếng Anh, Nghệ thuật.",
    "Theo Luật Giáo dục năm 2019, trình độ chuẩn được đào tạo của giáo viên mầm non là cao đẳng sư phạm, của giáo viên tiểu học và trung học cơ sở là cử nhân; {where} hiện còn một bộ phận giáo viên chưa đạt chuẩn phải đào tạo nâng chuẩn.",
    "Đội ngũ CBQL có độ tuổi bình quân cao, trong giai đoạn {y1} - {y2} có {retire} người đến tuổi nghỉ hưu, trong khi nguồn kế cận chưa được chuẩn bị đầy đủ về trình độ LLCT và nghiệp vụ QLGD.",
    "Quy mô học sinh tăng nhanh trong những năm gần đây, nhất là ở các xã, thị trấn trung tâm; số lớp tăng thêm bình quân {grow} lớp/năm trong khi chỉ tiêu biên chế giáo viên được giao không tăng tương ứng.",
    "Thực hiện Nghị quyết số 19-NQ/TW của Hội nghị Trung ương 6 khóa XII, việc sắp xếp, sáp nhập các trường, điểm trường lẻ được triển khai đồng bộ, kéo theo yêu cầu bố trí, điều chỉnh đội ngũ cho phù hợp.",
    "Điều kiện kinh tế - xã hội còn nhiều khó khăn, địa bàn rộng, giao thông cách trở; nhiều điểm trường cách trung tâm trên {km} km, gây khó khăn cho việc tổ chức bồi dưỡng tập trung.",
)
_STRENGTHS = (
    "Đội ngũ nhà giáo cơ bản đủ về số lượng, có phẩm chất chính trị, đạo đức nghề nghiệp tốt, tâm huyết, gắn bó với nghề; nhiều giáo viên tích cực tự học, tự bồi dưỡng.",
    "Công tác đào tạo, bồi dưỡng được các cấp quan tâm; 100% giáo viên tham gia bồi dưỡng thường xuyên (BDTX) hằng năm, tỷ lệ hoàn thành đạt {rate}.",
    "Đội ngũ CBQL được bồi dưỡng nghiệp vụ QLGD, phần lớn có năng lực quản trị nhà trường, chủ động trong triển khai các nhiệm vụ năm học.",
    "Việc ứng dụng công nghệ thông tin trong quản lý và dạy học có chuyển biến tích cực; các trường khai thác hiệu quả hệ thống bồi dưỡng trực tuyến (LMS) của Bộ Giáo dục và Đào tạo.",
    "Phong trào thi đua dạy tốt - học tốt được duy trì; có {good} lượt giáo viên đạt danh hiệu giáo viên dạy giỏi cấp huyện, {good2} lượt cấp tỉnh.",
    "Phần lớn giáo viên trẻ, nhiệt tình, được đào tạo cơ bản, có khả năng tiếp cận nhanh với phương pháp dạy học mới và công nghệ thông tin.",
    "Hằng năm có {good} sáng kiến kinh nghiệm của giáo viên được công nhận cấp huyện trở lên; nhiều sáng kiến được phổ biến, áp dụng rộng rãi.",
    "Đội ngũ giáo viên cốt cán được chọn lựa, bồi dưỡng bài bản, phát huy tốt vai trò hỗ trợ đồng nghiệp trong sinh hoạt chuyên môn.",
)
_WEAKNESSES = (
    "Cơ cấu giáo viên theo môn học chưa đồng bộ: thiếu giáo viên Tin học, Tiếng Anh, Âm nhạc, Mỹ thuật; một số môn còn thừa cục bộ.",
    "Tỷ lệ giáo viên chưa đạt chuẩn trình độ đào tạo còn {gap}, chủ yếu là giáo viên lớn tuổi, hoàn cảnh gia đình khó khăn, ngại đi học xa.",
    "Một bộ phận giáo viên chậm đổi mới phương pháp, hạn chế về kỹ năng ứng dụng công nghệ thông tin và ngoại ngữ; việc tự học, tự bồi dưỡng chưa thường xuyên.",
    "Số lượng giáo viên còn thiếu so với định mức là {missing} người; việc tuyển dụng gặp khó khăn do nguồn tuyển hạn chế, nhất là ở các xã vùng sâu như {c1}, {c2}.",
    "Nguồn kinh phí dành cho đào tạo, bồi dưỡng còn hạn chế; chế độ hỗ trợ người đi học chưa đủ sức khuyến khích.",
    "Một số CBQL chưa có trình độ trung cấp LLCT, chưa có chứng chỉ bồi dưỡng QLNN theo quy định; năng lực quản trị nhà trường của một số CBQL mới bổ nhiệm còn hạn chế.",
    "Công tác tự học, tự bồi dưỡng của một bộ phận giáo viên còn mang tính đối phó; kết quả BDTX chưa được vận dụng hiệu quả vào thực tiễn giảng dạy.",
    "Tỷ lệ giáo viên đạt chuẩn nghề nghiệp mức Tốt còn thấp; năng lực dạy học tích hợp, dạy học phát triển phẩm chất, năng lực của một số giáo viên chưa đáp ứng yêu cầu.",
    "Đội ngũ nhân viên kế toán, văn thư, thư viện, thiết bị còn thiếu, nhiều trường phải bố trí kiêm nhiệm, hợp đồng.",
)
_CAUSES = (
    "Chỉ tiêu biên chế được giao chưa tương xứng với số lớp tăng thêm; chính sách thu hút giáo viên về công tác ở vùng khó khăn chưa đủ hấp dẫn.",
    "Công tác quy hoạch, dự báo nhu cầu giáo viên có thời điểm chưa sát với thực tế; việc luân chuyển, điều động còn gặp khó khăn.",
    "Một bộ phận giáo viên chưa nhận thức đầy đủ về yêu cầu nâng chuẩn, còn tâm lý ngại học, ngại thay đổi.",
    "Nội dung, hình thức bồi dưỡng có lúc chưa phù hợp với nhu cầu thực tế của giáo viên; việc kiểm tra, đánh giá sau bồi dưỡng chưa được quan tâm đúng mức.",
    "Điều kiện kinh tế - xã hội của địa phương còn khó khăn; ngân sách chi cho giáo dục chủ yếu dành chi lương, chi đầu tư cho đào tạo, bồi dưỡng còn thấp.",
    "Công tác phối hợp giữa các cơ quan, đơn vị trong đào tạo, bồi dưỡng có lúc chưa chặt chẽ; việc theo dõi, đôn đốc chưa thường xuyên.",
    "Chưa có cơ chế khuyến khích đủ mạnh đối với giáo viên tự học nâng cao trình độ trên chuẩn.",
)
_NO_TAILS.update(id(x) for x in (_CONTEXT, _STRENGTHS, _WEAKNESSES, _CAUSES))
_GENERAL_GOALS = (
    "Xây dựng đội ngũ nhà giáo và CBQL giáo dục {where} đủ về số lượng, hợp lý về cơ cấu, đạt chuẩn về trình độ đào tạo; có phẩm chất đạo đức, năng lực chuyên môn, nghiệp vụ đáp ứng yêu cầu đổi mới căn bản, toàn diện giáo dục và đào tạo.",
    "Đến năm {y2}, 100% giáo viên các cấp học đạt trình độ chuẩn được đào tạo theo quy định của Luật Giáo dục năm 2019; 100% CBQL đạt chuẩn hiệu trưởng, có đủ tiêu chuẩn về LLCT, QLNN và nghiệp vụ QLGD.",
    "Nâng cao năng lực nghề nghiệp của đội ngũ theo chuẩn nghề nghiệp giáo viên và chuẩn hiệu trưởng; bảo đảm thực hiện thành công Chương trình giáo dục mầm non và Chương trình giáo dục phổ thông 2018.",
    "Phát triển đội ngũ nhà giáo có chất lượng, từng bước đạt chuẩn và trên chuẩn, có cơ cấu hợp lý giữa các môn học, cấp học; hình thành đội ngũ giáo viên cốt cán đủ năng lực hỗ trợ đồng nghiệp.",
    "Tạo bước chuyển biến căn bản về chất lượng đội ngũ, góp phần nâng cao chất lượng giáo dục toàn diện, giữ vững và nâng cao tỷ lệ trường đạt chuẩn quốc gia {where}.",
)
_ROLE_REQS = {
    "CBQL": (
        "Có chứng chỉ bồi dưỡng nghiệp vụ QLGD trước khi bổ nhiệm; trường hợp đặc biệt phải hoàn thành trong thời hạn 12 tháng kể từ ngày được bổ nhiệm.",
        "Hiệu trưởng phải có trình độ trung cấp LLCT trở lên; phó hiệu trưởng có trình độ sơ cấp LLCT trở lên và được cử đi học trung cấp LLCT theo quy hoạch.",
        "Có chứng chỉ bồi dưỡng QLNN ngạch chuyên viên hoặc tương đương; đạt chuẩn hiệu trưởng theo quy định của Bộ Giáo dục và Đào tạo.",
        "Hoàn thành chương trình BDTX dành cho CBQL với thời lượng 120 tiết/năm học; tham gia đầy đủ các lớp bồi dưỡng năng lực quản trị nhà trường do cấp trên tổ chức.",
        "Có chứng chỉ ứng dụng công nghệ thông tin cơ bản trở lên và chứng chỉ ngoại ngữ bậc 2 (A2) trở lên theo Khung năng lực ngoại ngữ 6 bậc dùng cho Việt Nam.",
        "CBQL trong diện quy hoạch phải được bồi dưỡng nghiệp vụ QLGD và LLCT trước khi xem xét bổ nhiệm.",
        "Được đánh giá theo chuẩn hiệu trưởng, chuẩn phó hiệu trưởng hằng năm; kết quả đánh giá từ mức Khá trở lên.",
        "Chủ động xây dựng kế hoạch tự học, tự bồi dưỡng; tham gia đầy đủ các chương trình bồi dưỡng CBQL cơ sở giáo dục cốt cán.",
    ),
    "GV": (
        "Có bằng tốt nghiệp đạt trình độ chuẩn được đào tạo theo quy định; giáo viên chưa đạt chuẩn phải hoàn thành đào tạo nâng chuẩn chậm nhất ngày 31/12/{deadline}.",
        "Hoàn thành chương trình BDTX 120 tiết/năm học theo quy định; kết quả BDTX được đánh giá, xếp loại và lưu hồ sơ viên chức.",
        "Có chứng chỉ bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp tương ứng với hạng đang giữ; đạt chuẩn nghề nghiệp giáo viên từ mức Đạt trở lên, phấn đấu mức Khá, Tốt.",
        "Giáo viên dạy Tiếng Anh phải đạt năng lực ngoại ngữ bậc 4 (B2) trở lên đối với cấp tiểu học, THCS; giáo viên các môn khác được khuyến khích có chứng chỉ ngoại ngữ bậc 2 trở lên.",
        "Sử dụng thành thạo công nghệ thông tin trong soạn giảng, dạy học trực tuyến và quản lý hồ sơ chuyên môn; có chứng chỉ ứng dụng công nghệ thông tin cơ bản.",
        "Hoàn thành các mô-đun bồi dưỡng thực hiện Chương trình giáo dục phổ thông 2018 trên hệ thống LMS trước khi dạy lớp tương ứng.",
        "Xây dựng và thực hiện kế hoạch BDTX cá nhân được hiệu trưởng phê duyệt; tham gia sinh hoạt chuyên môn ở tổ, cụm trường ít nhất 02 lần/tháng.",
        "Giáo viên cốt cán hoàn thành các chương trình bồi dưỡng giáo viên cốt cán và hỗ trợ đồng nghiệp trên hệ thống trực tuyến.",
    ),
    "NV": (
        "Kế toán có trình độ trung cấp chuyên ngành kế toán trở lên; người được giao phụ trách kế toán phải có chứng chỉ bồi dưỡng kế toán trưởng.",
        "Văn thư có trình độ trung cấp văn thư - lưu trữ trở lên hoặc có chứng chỉ bồi dưỡng nghiệp vụ văn thư.",
        "Nhân viên thư viện, thiết bị được bồi dưỡng nghiệp vụ thư viện, thiết bị trường học và kỹ năng quản lý thư viện điện tử.",
        "Nhân viên y tế có trình độ trung cấp y trở lên, được tập huấn về sơ cấp cứu và chăm sóc sức khỏe học sinh ít nhất 01 lần/năm.",
        "100% nhân viên được bồi dưỡng nghiệp vụ theo vị trí việc làm ít nhất 01 lần trong giai đoạn.",
        "Nhân viên thiết bị, thí nghiệm được bồi dưỡng nghiệp vụ bảo quản, sử dụng thiết bị dạy học tối thiểu theo chương trình mới.",
    ),
}
_SOLUTIONS = {
    "Công tác tuyên truyền, nâng cao nhận thức": (
        "Quán triệt đến toàn thể CBQL, giáo viên, nhân viên về mục đích, ý nghĩa của công tác đào tạo, bồi dưỡng và yêu cầu nâng chuẩn trình độ theo Luật Giáo dục năm 2019.",
        "Tuyên truyền trên Cổng thông tin điện tử, trang thông tin của các trường về các chủ trương, chính sách đối với nhà giáo; biểu dương những tập thể, cá nhân điển hình trong tự học, tự bồi dưỡng.",
        "Nâng cao trách nhiệm của người đứng đầu cơ sở giáo dục trong việc xây dựng và thực hiện kế hoạch đào tạo, bồi dưỡng của đơn vị.",
        "Khuyến khích giáo viên chủ động đăng ký học tập nâng cao trình độ; xem kết quả tự học, tự bồi dưỡng là tiêu chí đánh giá, xếp loại viên chức hằng năm.",
        "Đưa nội dung đào tạo, bồi dưỡng vào chương trình công tác năm học; đánh giá việc thực hiện là một tiêu chí thi đua của tập thể và cá nhân.",
        "Phối hợp với Công đoàn ngành, các đoàn thể động viên giáo viên tham gia học tập; kịp thời nắm bắt tâm tư, nguyện vọng của người học.",
    ),
    "Rà soát, quy hoạch đội ngũ": (
        "Rà soát số lượng, trình độ, cơ cấu đội ngũ theo từng trường, từng môn học; xác định số giáo viên chưa đạt chuẩn phải đào tạo nâng chuẩn theo từng năm.",
        "Xây dựng quy hoạch đội ngũ CBQL giai đoạn {y1} - {y2}; mỗi chức danh quy hoạch từ 02 đến 03 người, chú trọng cán bộ trẻ, cán bộ nữ, cán bộ người dân tộc thiểu số.",
        "Dự báo nhu cầu giáo viên theo quy mô học sinh đến năm {y2}; đề xuất chỉ tiêu biên chế, tuyển dụng phù hợp với lộ trình thực hiện chương trình mới.",
        "Lập danh sách giáo viên thuộc đối tượng đào tạo nâng chuẩn, công khai tại đơn vị; cập nhật cơ sở dữ liệu ngành về đội ngũ trước ngày 30/6 hằng năm.",
        "Rà soát tiêu chuẩn chức danh nghề nghiệp của viên chức; lập danh sách viên chức cần bồi dưỡng để bổ nhiệm, thăng hạng theo quy định.",
        "Xác định nhu cầu đào tạo, bồi dưỡng theo vị trí việc làm của từng đơn vị; tổng hợp nhu cầu gửi cơ quan thường trực trước ngày {dl}.",
    ),
    "Đào tạo nâng chuẩn trình độ": (
        "Phối hợp với các trường đại học sư phạm, cao đẳng sư phạm mở lớp đào tạo nâng chuẩn theo hình thức vừa làm vừa học, tổ chức học vào dịp hè và ngày nghỉ cuối tuần.",
        "Cử {train} giáo viên đi đào tạo nâng chuẩn trong giai đoạn {y1} - {y2}, ưu tiên giáo viên trẻ, giáo viên dạy các môn còn thiếu.",
        "Khuyến khích giáo viên đạt chuẩn học tập nâng cao trình độ trên chuẩn (thạc sĩ) phù hợp với vị trí việc làm; phấn đấu đến năm {y2} có {ths} giáo viên có trình độ thạc sĩ.",
        "Đào tạo bổ sung giáo viên Tin học, Tiếng Anh, Nghệ thuật theo hình thức văn bằng 2 đối với giáo viên dư thừa ở các môn khác.",
        "Bố trí giáo viên dạy thay hợp lý, bảo đảm định mức giáo viên/lớp trong thời gian giáo viên đi học.",
        "Hướng dẫn giáo viên lựa chọn cơ sở đào tạo, ngành đào tạo phù hợp với vị trí việc làm; theo dõi tiến độ học tập, kết quả tốt nghiệp.",
    ),
    "Bồi dưỡng thường xuyên, bồi dưỡng chuyên môn": (
        "Tổ chức BDTX cho 100% giáo viên theo các mô-đun bắt buộc và tự chọn, bảo đảm thời lượng 120 tiết/năm học; đổi mới hình thức bồi dưỡng kết hợp trực tiếp và trực tuyến.",
        "Đẩy mạnh sinh hoạt chuyên môn theo nghiên cứu bài học ở tổ chuyên môn và cụm trường; phát huy vai trò của đội ngũ giáo viên cốt cán cấp huyện, cấp tỉnh.",
        "Bồi dưỡng giáo viên về đổi mới phương pháp dạy học, kiểm tra đánh giá theo định hướng phát triển năng lực; bồi dưỡng dạy học tích hợp, dạy học STEM.",
        "Tổ chức hội thi giáo viên dạy giỏi, giáo viên chủ nhiệm lớp giỏi các cấp; chọn lựa, bồi dưỡng giáo viên tham gia hội thi cấp tỉnh.",
        "Bồi dưỡng kỹ năng ứng dụng công nghệ thông tin, chuyển đổi số trong dạy học cho giáo viên; mỗi năm tổ chức ít nhất {courses} lớp tập huấn.",
        "Chọn lựa nội dung bồi dưỡng theo nhu cầu thực tế, ưu tiên các mô-đun về tư vấn học đường, giáo dục học sinh khuyết tật, dạy học phân hóa.",
        "Tổ chức bồi dưỡng theo cụm trường, cụm chuyên môn để giảm chi phí đi lại cho giáo viên ở xa.",
    ),
    "Bồi dưỡng đội ngũ cán bộ quản lý": (
        "Cử CBQL trong diện quy hoạch đi học trung cấp LLCT tại Trung tâm Chính trị huyện; mỗi năm cử từ {llct_lo} đến {llct_hi} người.",
        "Phối hợp với Trường Cán bộ quản lý giáo dục tổ chức bồi dưỡng nghiệp vụ QLGD cho CBQL mới bổ nhiệm và CBQL trong diện quy hoạch.",
        "Bồi dưỡng năng lực quản trị nhà trường, quản trị tài chính, xây dựng kế hoạch giáo dục nhà trường cho hiệu trưởng, phó hiệu trưởng.",
        "Tổ chức cho CBQL tham quan, học tập kinh nghiệm quản lý tại các đơn vị điển hình trong và ngoài tỉnh.",
        "Bồi dưỡng CBQL kỹ năng lãnh đạo, quản lý sự thay đổi, quản trị chất lượng và kiểm định chất lượng giáo dục.",
        "Cử CBQL tham gia chương trình bồi dưỡng CBQL cơ sở giáo dục phổ thông cốt cán; mỗi năm ít nhất {courses} lượt người.",
    ),
    "Tuyển dụng, sử dụng, bố trí đội ngũ": (
        "Thực hiện tuyển dụng bổ sung số giáo viên còn thiếu theo chỉ tiêu biên chế được giao; ưu tiên tuyển dụng giáo viên Tin học, Tiếng Anh, Âm nhạc, Mỹ thuật.",
        "Điều động, luân chuyển giáo viên từ nơi thừa sang nơi thiếu trong phạm vi {where_short}; hạn chế hợp đồng lao động ngoài chỉ tiêu.",
        "Bố trí, sử dụng giáo viên sau đào tạo phù hợp với chuyên ngành được đào tạo; thực hiện bổ nhiệm, xếp hạng chức danh nghề nghiệp kịp thời.",
        "Thực hiện tinh giản biên chế đối với viên chức không đáp ứng yêu cầu nhiệm vụ theo quy định.",
        "Thực hiện hợp đồng giáo viên theo quy định hiện hành đối với các môn còn thiếu trong thời gian chờ tuyển dụng.",
        "Bố trí giáo viên cốt cán đều ở các trường, các cụm chuyên môn; thực hiện luân chuyển CBQL theo định kỳ.",
    ),
    "Chế độ, chính sách": (
        "Giáo viên được cử đi đào tạo nâng chuẩn được hưởng nguyên lương và phụ cấp; được hỗ trợ {support}% học phí, tối đa {cap} triệu đồng/người/năm học.",
        "Thực hiện đầy đủ chế độ, chính sách đối với nhà giáo công tác ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn theo quy định.",
        "Hỗ trợ kinh phí đi lại, tài liệu cho giáo viên tham gia các lớp bồi dưỡng tập trung do cấp huyện tổ chức.",
        "Kịp thời khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác đào tạo, bồi dưỡng.",
        "Ưu tiên xét nâng lương trước thời hạn, xét thi đua đối với giáo viên hoàn thành đào tạo nâng chuẩn đúng thời hạn, đạt kết quả cao.",
        "Có chính sách thu hút giáo viên giỏi, sinh viên tốt nghiệp loại giỏi về công tác tại các trường khó khăn.",
    ),
    "Kiểm tra, đánh giá": (
        "Định kỳ kiểm tra việc thực hiện kế hoạch đào tạo, bồi dưỡng tại các cơ sở giáo dục; kịp thời chấn chỉnh những tồn tại, hạn chế.",
        "Đánh giá giáo viên theo chuẩn nghề nghiệp, CBQL theo chuẩn hiệu trưởng hằng năm; sử dụng kết quả đánh giá làm căn cứ xây dựng kế hoạch bồi dưỡng.",
        "Tổ chức sơ kết giữa giai đoạn vào năm {mid} và tổng kết vào năm {y2}; rút kinh nghiệm, điều chỉnh kế hoạch cho phù hợp.",
        "Đưa kết quả thực hiện kế hoạch đào tạo, bồi dưỡng vào tiêu chí đánh giá, xếp loại người đứng đầu cơ sở giáo dục.",
        "Kiểm tra hồ sơ BDTX của giáo viên tối thiểu 01 lần/học kỳ; kiểm tra việc vận dụng kết quả bồi dưỡng thông qua dự giờ, thăm lớp.",
    ),
    "Xã hội hóa và huy động nguồn lực": (
        "Huy động các nguồn lực xã hội hóa, hội khuyến học, các doanh nghiệp trên địa bàn hỗ trợ giáo viên có hoàn cảnh khó khăn đi học nâng chuẩn.",
        "Tranh thủ các chương trình, dự án hỗ trợ giáo dục vùng khó khăn để bồi dưỡng giáo viên, nhất là giáo viên dạy học sinh dân tộc thiểu số.",
        "Khuyến khích các nhà trường liên kết với các cơ sở đào tạo có uy tín tổ chức bồi dưỡng chuyên đề cho giáo viên.",
        "Lồng ghép nguồn kinh phí từ các chương trình mục tiêu quốc gia để hỗ trợ đào tạo giáo viên dạy tiếng dân tộc, giáo viên công tác ở vùng sâu, vùng xa.",
    ),
}
_CLOSINGS = (
    "Trên đây là {doc} {title_short} {where}. Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về Phòng Giáo dục và Đào tạo để tổng hợp, báo cáo {boss} xem xét, giải quyết./.",
    "Trên đây là {doc} {title_short}. Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
    "Trên đây là {doc} {title_short} {where}; đề nghị các đơn vị, cá nhân liên quan triển khai thực hiện có hiệu quả./.",
)
_THEMES = (
    ("Đào tạo, bồi dưỡng đội ngũ nhà giáo và cán bộ quản lý giáo dục", "đào tạo, bồi dưỡng đội ngũ nhà giáo và cán bộ quản lý giáo dục"),
    ("Nâng cao chất lượng đội ngũ giáo viên và cán bộ quản lý", "nâng cao chất lượng đội ngũ giáo viên và cán bộ quản lý"),
    ("Phát triển đội ngũ nhà giáo và cán bộ quản lý giáo dục", "phát triển đội ngũ nhà giáo và cán bộ quản lý giáo dục"),
    ("Thực hiện lộ trình nâng trình độ chuẩn được đào tạo của giáo viên", "thực hiện lộ trình nâng trình độ chuẩn được đào tạo của giáo viên"),
    ("Bồi dưỡng thường xuyên cán bộ quản lý, giáo viên", "bồi dưỡng thường xuyên cán bộ quản lý, giáo viên"),
    ("Đào tạo, bồi dưỡng cán bộ quản lý, giáo viên, nhân viên", "đào tạo, bồi dưỡng cán bộ quản lý, giáo viên, nhân viên"),
    ("Nâng cao chất lượng nguồn nhân lực ngành Giáo dục", "nâng cao chất lượng nguồn nhân lực ngành Giáo dục"),
)
_NATIONAL_BASES = (
    "Luật Giáo dục ngày 14 tháng 6 năm 2019",
    "Luật Viên chức ngày 15 tháng 11 năm 2010; Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức ngày 25 tháng 11 năm 2019",
    "Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Hội nghị Trung ương 8 khóa XI về đổi mới căn bản, toàn diện giáo dục và đào tạo",
    "Nghị định số 101/2017/NĐ-CP ngày 01/9/2017 của Chính phủ về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "Nghị định số 89/2021/NĐ-CP ngày 18/10/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 101/2017/NĐ-CP",
    "Nghị định số 71/2020/NĐ-CP ngày 30/6/2020 của Chính phủ quy định lộ trình thực hiện nâng trình độ chuẩn được đào tạo của giáo viên mầm non, tiểu học, trung học cơ sở",
    "Quyết định số 33/QĐ-TTg ngày 08/01/2019 của Thủ tướng Chính phủ phê duyệt Đề án đào tạo, bồi dưỡng nhà giáo và cán bộ quản lý cơ sở giáo dục mầm non giai đoạn 2018 - 2025",
    "Quyết định số 732/QĐ-TTg ngày 29/4/2016 của Thủ tướng Chính phủ phê duyệt Đề án đào tạo, bồi dưỡng nhà giáo và cán bộ quản lý cơ sở giáo dục đáp ứng yêu cầu đổi mới căn bản, toàn diện giáo dục phổ thông",
    "Thông tư số 19/2019/TT-BGDĐT ngày 12/11/2019 của Bộ Giáo dục và Đào tạo ban hành Quy chế bồi dưỡng thường xuyên giáo viên, cán bộ quản lý cơ sở giáo dục mầm non, cơ sở giáo dục phổ thông và giáo viên trung tâm giáo dục thường xuyên",
    "Thông tư số 17/2019/TT-BGDĐT ngày 01/11/2019 của Bộ Giáo dục và Đào tạo ban hành Chương trình bồi dưỡng thường xuyên giáo viên cơ sở giáo dục phổ thông",
    "Thông tư số 12/2019/TT-BGDĐT ngày 26/8/2019 của Bộ Giáo dục và Đào tạo ban hành Chương trình bồi dưỡng thường xuyên giáo viên mầm non",
    "Thông tư số 20/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo ban hành quy định chuẩn nghề nghiệp giáo viên cơ sở giáo dục phổ thông",
    "Thông tư số 14/2018/TT-BGDĐT ngày 20/7/2018 của Bộ Giáo dục và Đào tạo ban hành quy định chuẩn hiệu trưởng cơ sở giáo dục phổ thông",
)
_LOCAL_LAW = "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019"


# ----------------------------------------------------------------------------- the plan's facts
class Plan:
    """Everything drawn for one plan; the text is rendered from it."""

    def __init__(self, i: int, seed: int) -> None:
        r = self.r = random.Random(seed * 1_000_003 + i)
        self.i = i
        unique = _place(i, seed, r)
        kind = r.choices(("district", "phong", "so", "tinh", "school"), weights=(38, 15, 8, 4, 35))[0]
        self.kind = kind
        # province
        in_city = r.random() < 0.1
        self.province = r.choice(_CITIES) if in_city else r.choice(_PROVINCES)
        self.prov_unit = "thành phố" if in_city else "tỉnh"
        self.prov_full = f"{self.prov_unit} {self.province}"
        # district (the unique place for district and office plans)
        if kind in ("district", "phong"):
            self.dname = unique
        else:
            self.dname = _other_place(r)
        if in_city:
            self.dunit = r.choices(("quận", "huyện", "thị xã"), weights=(6, 3, 1))[0]
        else:
            self.dunit = r.choices(("huyện", "thị xã", "thành phố"), weights=(8, 1, 1))[0]
        self.district = f"{self.dunit} {self.dname}"
        self.communes = r.randint(9, 32)
        self.c_names = [_other_place(r) for _ in range(4)]
        # levels
        if kind == "school":
            lvl = r.choices(("MN", "TH", "THCS", "THPT"), weights=(3, 3, 3, 2))[0]
            self.levels = [lvl]
            prefix, code = _SCHOOL_NAMES[lvl]
            sname = unique
            self.school = f"{prefix} {sname}"
            self.school_short = sname
            self.school_code = code + _initials(sname)
            self.sch_level = lvl
        else:
            if kind in ("so", "tinh"):
                pool = [["MN", "TH", "THCS", "THPT"], ["THPT"], ["MN", "TH", "THCS"], ["MN"], ["TH", "THCS"]]
                self.levels = r.choices(pool, weights=(5, 2, 2, 1, 1))[0]
            else:
                pool = [["MN", "TH", "THCS"], ["MN"], ["TH", "THCS"], ["TH"], ["THCS"], ["MN", "TH"]]
                self.levels = r.choices(pool, weights=(6, 2, 2, 1, 1, 1))[0]
            self.school = ""
        # document type
        if kind == "school":
            self.doc = r.choices(("KH", "CTr"), weights=(9, 1))[0]
        elif kind in ("district", "tinh"):
            self.doc = r.choices(("KH", "ĐA", "QĐ", "CTr"), weights=(5, 2, 2, 1))[0]
        else:
            self.doc = r.choices(("KH", "CTr", "QĐ"), weights=(8, 1, 1))[0]
        self.carried = r.choice(("KH", "KH", "ĐA")) if self.doc == "QĐ" else self.doc
        # period and date
        shape = r.choices(("range", "year", "school_year"), weights=(6, 2, 2) if kind != "school" else (3, 2, 5))[0]
        y1 = r.randint(2021, 2025)
        self.vision = ""
        if shape == "range":
            self.y1, self.y2 = y1, min(y1 + r.choice((2, 3, 4, 4, 5)), 2030)
            if self.y2 - self.y1 < 2:
                self.y1 = self.y2 - 3
            self.period_text = f"giai đoạn {self.y1} - {self.y2}" if r.random() < 0.8 else f"giai đoạn {self.y1}-{self.y2}"
            if r.random() < 0.3 and self.y2 < 2030:
                self.vision = r.choice((", tầm nhìn đến năm 2030", ", định hướng đến năm 2030"))
            dy, dm = (self.y1, r.randint(1, 11)) if r.random() < 0.8 else (self.y1 - 1, r.randint(9, 12))
        elif shape == "year":
            self.y1 = self.y2 = y1
            self.period_text = f"năm {y1}"
            dy, dm = y1, r.randint(1, 4)
        else:
            self.y1, self.y2 = y1, y1 + 1
            self.period_text = f"năm học {y1} - {y1 + 1}"
            dy, dm = y1, r.choice((8, 9, 9, 10, 10, 11))
        self.shape = shape
        self.date = (r.randint(1, 28), dm, dy)
        self.years = list(range(self.y1, self.y2 + 1)) if shape == "range" else [self.y1, self.y1 + 1]
        # issuer wording
        unit_up = {"huyện": "HUYỆN", "quận": "QUẬN", "thị xã": "THỊ XÃ", "thành phố": "THÀNH PHỐ"}
        self.where_short = {"district": self.dunit, "phong": self.dunit, "so": "tỉnh" if not in_city else "thành phố",
                            "tinh": "tỉnh", "school": "nhà trường"}[kind]
        if kind == "district":
            self.issuer = f"UBND {self.district}"
            self.issuer_full = f"Ủy ban nhân dân {self.district}"
            self.where = self.district if self.dunit != "thành phố" else f"trên địa bàn thành phố, {self.prov_full}"
            self.boss = f"UBND {self.dunit}"
            self.place = self.dname
            self.agency = "UBND"
            self.units = r.choice(([("ỦY BAN NHÂN DÂN", f"{unit_up[self.dunit]} {self.dname.upper()}")],
                                   [(f"UBND {unit_up[self.dunit]} {self.dname.upper()}",)]))[0]
        elif kind == "phong":
            self.issuer = f"Phòng GD&ĐT {self.district}"
            self.issuer_full = f"Phòng Giáo dục và Đào tạo {self.district}"
            self.where = f"ngành Giáo dục {self.district}" if self.dunit != "thành phố" else f"ngành Giáo dục thành phố, {self.prov_full}"
            self.boss = f"UBND {self.dunit}"
            self.place = self.dname
            self.agency = r.choice(("PGDĐT", "PGDĐT", "GDĐT", "PGD&ĐT"))
            self.units = (f"UBND {unit_up[self.dunit]} {self.dname.upper()}",
                          r.choice(("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "PHÒNG GD&ĐT")))
        elif kind == "so":
            self.issuer = f"Sở GD&ĐT {self.prov_full}"
            self.issuer_full = f"Sở Giáo dục và Đào tạo {self.prov_full}"
            self.where = f"ngành Giáo dục {self.prov_full}"
            self.boss = f"UBND {self.prov_unit}"
            self.place = self.province
            self.agency = r.choice(("SGDĐT", "SGDĐT", "SGDĐT-TCCB", "SGDĐT-GDTrH"))
            self.units = (f"UBND {self.prov_unit.upper()} {self.province.upper()}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO")
        elif kind == "tinh":
            self.province = r.choice(_PROVINCES)
            self.prov_unit, self.prov_full = "tỉnh", f"tỉnh {self.province}"
            self.issuer = f"UBND {self.prov_full}"
            self.issuer_full = f"Ủy ban nhân dân {self.prov_full}"
            self.where = f"trên địa bàn {self.prov_full}"
            self.boss = "UBND tỉnh"
            self.place = self.province
            self.agency = "UBND"
            self.units = ("ỦY BAN NHÂN DÂN", f"TỈNH {self.province.upper()}")
        else:
            self.issuer = self.school
            self.issuer_full = self.school
            self.where = f"của {self.school}"
            self.boss = "Hiệu trưởng"
            self.agency = self.school_code if r.random() < 0.8 else r.choice(("TrTH", "NT", self.sch_level))
            if self.sch_level == "THPT":
                parent = r.choice((f"SỞ GD&ĐT {self.province.upper()}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO " + self.province.upper()))
            else:
                parent = r.choice((f"UBND {unit_up[self.dunit]} {self.dname.upper()}",
                                   f"PHÒNG GD&ĐT {unit_up[self.dunit]} {self.dname.upper()}",
                                   f"PHÒNG GDĐT {self.dname.upper()}"))
            self.units = (parent, self.school.upper())
            self.place = self.dname
        # number
        self.blank_number = ""
        if kind in ("so", "tinh"):
            digits = 1000 + (7907 * i + 31 * seed) % 8999  # distinct for every i < 8999
        else:
            digits = r.choice((r.randint(1, 99), r.randint(1, 400), r.randint(100, 3500)))
        if kind == "school":
            digits = r.choice((r.randint(1, 99), r.randint(1, 300)))
        self.digits = digits
        with_year = self.doc == "QĐ" and r.random() < 0.25
        self.number = f"{_z(r, digits)}/{self.date[2]}/QĐ-{self.agency}" if with_year else f"{_z(r, digits)}/{self.doc}-{self.agency}"
        if self.doc == "QĐ" and self.agency not in ("UBND",):
            self.number = f"{_z(r, digits)}/QĐ-{self.agency}"
        if kind not in ("so", "tinh") and r.random() < 0.03:  # printed blank, filled in by hand on the original
            self.blank_number = r.choice(("  /", "…/", "…../")) + self.number.rsplit("/", 1)[1]
        # signer
        self.signer = _person(r)
        if kind in ("district", "tinh"):
            self.sign = r.choice((["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                                  ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]))
        elif kind == "phong":
            self.sign = r.choice((["TRƯỞNG PHÒNG"], ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]))
        elif kind == "so":
            self.sign = r.choice((["GIÁM ĐỐC"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]))
        else:
            self.sign = r.choice((["HIỆU TRƯỞNG"], ["HIỆU TRƯỞNG"], ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]))
        # size: a lognormal factor around 1, clipped (plans of about 10 to 46 KB, 24 KB on average)
        self.size = min(3.0, max(0.25, r.lognormvariate(0.1, 0.5)))
        self.theme = r.choice(_THEMES if kind != "school" else _THEMES[2:])
        self._staff()

    # figures --------------------------------------------------------------------
    def _staff(self) -> None:
        r = self.r
        scale = {"district": 1, "phong": 1, "so": 9, "tinh": 9}.get(self.kind, 0)
        self.stats: dict[str, dict] = {}
        for lvl in self.levels:
            if scale:
                schools = r.randint(6, 30) * scale
                per = {"MN": (14, 28), "TH": (18, 34), "THCS": (20, 40), "THPT": (45, 80)}[lvl]
                if lvl == "THPT" and scale == 1:
                    schools = r.randint(2, 6)
                gv = schools * r.randint(*per)
            else:
                schools = 1
                gv = {"MN": r.randint(12, 45), "TH": r.randint(18, 60), "THCS": r.randint(20, 70), "THPT": r.randint(40, 110)}[lvl]
            rate = {"MN": (0.62, 0.99), "TH": (0.55, 0.97), "THCS": (0.72, 0.995), "THPT": (0.97, 1.0)}[lvl]
            std = min(gv, round(gv * r.uniform(*rate)))
            above = round(std * r.uniform(0.05, 0.45))
            cbql = max(1, round(schools * r.uniform(1.8, 3.0))) if scale else r.randint(2, 4)
            self.stats[lvl] = {
                "schools": schools, "classes": schools * r.randint(8, 30) if scale else r.randint(8, 40),
                "gv": gv, "std": std, "above": above, "cbql": cbql, "nv": max(2, round(gv * r.uniform(0.06, 0.15))),
                "llct": round(cbql * r.uniform(0.55, 0.95)), "qlgd": round(cbql * r.uniform(0.8, 1.0)),
                "good": round(gv * r.uniform(0.2, 0.45)), "fair": 0, "ths": round(gv * r.uniform(0.0, 0.08)),
                "english": round(gv * r.uniform(0.04, 0.09)) + 1, "it": round(gv * r.uniform(0.7, 0.98)),
            }
            s = self.stats[lvl]
            s["fair"] = round((gv - s["good"]) * r.uniform(0.5, 0.8))
        self.gv = sum(s["gv"] for s in self.stats.values())
        self.std = sum(s["std"] for s in self.stats.values())
        self.cbql = sum(s["cbql"] for s in self.stats.values())
        self.nv = sum(s["nv"] for s in self.stats.values())
        self.llct = sum(s["llct"] for s in self.stats.values())
        self.qlgd = sum(s["qlgd"] for s in self.stats.values())

    def level_name(self, lvl: str, short: bool | None = None) -> str:
        full, sh, _ = LEVELS[lvl]
        if short is None:
            short = self.r.random() < 0.5
        return sh if short else full

    def levels_text(self) -> str:
        names = [self.level_name(l, short=False) for l in self.levels]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


# ----------------------------------------------------------------------------- header
_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_DOC_WORD = {"KH": ("KẾ HOẠCH", "Kế hoạch"), "ĐA": ("ĐỀ ÁN", "Đề án"), "QĐ": ("QUYẾT ĐỊNH", "Quyết định"),
             "CTr": ("CHƯƠNG TRÌNH", "Chương trình")}


def _title_text(p: Plan) -> str:
    r = p.r
    theme = p.theme[0]
    if p.kind == "school":
        tail = r.choice(("", f" {p.school}")) if p.shape != "range" else f" {p.school}"
        return f"{theme}{tail} {p.period_text}{p.vision}"
    lv = p.levels_text()
    scopes = [f" các cơ sở giáo dục {lv}", f" cấp {lv}" if len(p.levels) == 1 else f" các trường {lv}", ""]
    if not theme.lower().endswith("giáo dục"):
        scopes.append(f" giáo dục {lv}")
    scope = r.choice(scopes)
    place = {"district": f" {p.district}", "phong": f" {p.district}", "so": f" {p.prov_full}", "tinh": f" {p.prov_full}"}[p.kind]
    if p.kind in ("so", "tinh") and r.random() < 0.5:
        place = f" trên địa bàn {p.prov_full}"
    return f"{theme}{scope}{place} {p.period_text}{p.vision}"


def _break_title(r: random.Random, title: str, caps: bool) -> list[str]:
    text = title.upper() if caps else title
    words = text.split()
    if len(words) > 12 and r.random() < 0.6:
        cut = r.randint(len(words) // 2 - 2, len(words) // 2 + 2)
        lowered = [w.lower() for w in words]
        if "trường" in lowered:  # never inside a school's name
            cut = min(cut, lowered.index("trường"))
        if cut > 2:
            return [" ".join(words[:cut]), " ".join(words[cut:])]
    return [text]


def _header(p: Plan, style: str, doc_code: str, title_lines: list[str], number: str | None, with_date: bool = True) -> list[str]:
    """Issuer lines, motto, number, place and date, type line, title."""
    r = p.r
    d, m, y = p.date
    day = f"{d:02d}" if r.random() < 0.6 else str(d)
    date_line = f"{p.place}, ngày {day} tháng {m if m > 2 or r.random() < 0.5 else f'{m:02d}'} năm {y}"
    if r.random() < 0.04 and p.kind != "school":
        date_line = f"{p.place}, ngày      tháng {m} năm {y}"
    num_line = ""
    if number is not None:
        num_line = f"Số: {number}" if r.random() < 0.92 else f"Số {number}"
    units = list(p.units)
    out: list[str] = []
    if style == "tab":
        left = units + ["-------"]
        right = [_MOTTO[0], _MOTTO[1], "---------------"]
        rows = max(len(left), len(right))
        left += [""] * (rows - len(left))
        right += [""] * (rows - len(right))
        out += [f"{a}\t{b}" for a, b in zip(left, right)]
        if number is not None or with_date:
            out.append(f"{num_line}\t{date_line if with_date else ''}".rstrip())
    elif style == "pipe":
        left = units
        right = [_MOTTO[0], _MOTTO[1]]
        rows = max(len(left), len(right))
        left += [""] * (rows - len(left))
        right += [""] * (rows - len(right))
        out += [f"{a} | {b} |" for a, b in zip(left, right)]
        if number is not None or with_date:
            out.append(f"{num_line} | {date_line if with_date else ''} |")
    else:
        out += units + [r.choice(("________", "-------", "___________"))]
        if number is not None:
            out.append(num_line)
        out += ["", _MOTTO[0], _MOTTO[1], r.choice(("___________________", "---------------"))]
        if with_date:
            out.append(date_line)
    out.append("")
    out.append(_DOC_WORD[doc_code][0])
    out += title_lines
    if r.random() < 0.3:
        out.append(r.choice(("____________", "-----------------", "_______________")))
    out.append("")
    return out


# ----------------------------------------------------------------------------- bases
def _year_of(text: str) -> int:
    """The latest year a legal reference names ("… ngày 30/6/2020 …" -> 2020)."""
    return max(int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text))


def _bases(p: Plan, for_decision: bool = False) -> list[str]:
    r = p.r
    lines = []
    if for_decision or (p.kind in ("district", "tinh") and r.random() < 0.5):
        lines.append(_LOCAL_LAW)
    k = max(2, min(len(_NATIONAL_BASES), round(r.randint(3, 6) * (0.7 + 0.3 * p.size))))
    lines += [b for b in _pick(r, _NATIONAL_BASES, k) if _year_of(b) <= p.date[2]]  # nothing issued after the plan

    def before() -> str:
        """A date one to ten months before the plan's."""
        d, m, y = p.date
        back = r.randint(1, 10)
        m, y = (m - back, y) if m > back else (m - back + 12, y - 1)
        return _date_text(r, r.randint(1, 28), m, y)

    py = p.date[2] - 1 if p.date[1] < 6 else p.date[2]
    topic = r.choice(("đào tạo, bồi dưỡng cán bộ, công chức, viên chức", "phát triển đội ngũ nhà giáo và cán bộ quản lý giáo dục",
                      "thực hiện lộ trình nâng trình độ chuẩn được đào tạo của giáo viên"))
    if p.kind != "tinh":
        lines.append(f"Kế hoạch số {r.randint(12, 4999)}/KH-UBND {before()} của UBND {p.prov_full} về {topic} "
                     f"{p.prov_full} giai đoạn {p.y1 if p.y1 <= py + 1 else py} - {max(p.y2, py + 2)}")
    if p.kind in ("district", "phong", "school") and r.random() < 0.6:
        lines.append(f"Công văn số {r.randint(100, 3999)}/SGDĐT-TCCB {before()} "
                     f"của Sở Giáo dục và Đào tạo {p.prov_full} về việc hướng dẫn công tác bồi dưỡng giáo viên, CBQL")
    if p.kind == "school":
        lines.append(f"Kế hoạch số {r.randint(10, 999)}/KH-PGDĐT {before()} "
                     f"của Phòng GD&ĐT {p.district} về bồi dưỡng thường xuyên giáo viên, CBQL {p.period_text}"
                     if p.sch_level != "THPT" else
                     f"Kế hoạch số {r.randint(1000, 4999)}/KH-SGDĐT của Sở GD&ĐT {p.province} về bồi dưỡng thường xuyên {p.period_text}")
    national = [x for x in lines if x in _NATIONAL_BASES]
    while len(national) > 2 and 640 < sum(len(x) + 8 for x in lines) < 1250:  # bases and intro: one chunk, or two full ones
        drop = r.choice(national)
        national.remove(drop)
        lines.remove(drop)
    out = []
    for j, line in enumerate(lines):
        v = "Căn cứ"
        if j and line.startswith(("Kế hoạch số", "Công văn số")) and r.random() < 0.4:
            v = "Thực hiện"
        out.append(f"{v} {line};")
    if for_decision:
        out.append(f"Theo đề nghị của Trưởng phòng Giáo dục và Đào tạo tại Tờ trình số {r.randint(10, 400)}/TTr-PGDĐT "
                   f"ngày {max(1, p.date[0] - r.randint(1, 10))}/{p.date[1]}/{p.date[2]}.")
    else:
        intro_who = {"district": f"Ủy ban nhân dân {p.district}" if r.random() < 0.5 else f"UBND {p.district}",
                     "phong": f"Phòng Giáo dục và Đào tạo {p.district}", "so": "Sở Giáo dục và Đào tạo",
                     "tinh": f"UBND {p.prov_full}", "school": p.school}[p.kind]
        word = _DOC_WORD[p.carried][1]
        intro = r.choice((f"{intro_who} xây dựng {word} {p.theme[1]} {p.period_text} như sau:",
                          f"{intro_who} ban hành {word} {p.theme[1]} {p.period_text}, cụ thể như sau:",
                          f"Căn cứ tình hình thực tế, {intro_who} xây dựng {word} {p.theme[1]} {p.period_text} với các nội dung sau:"))
        if p.kind == "school" and r.random() < 0.5:
            intro = f"Căn cứ tình hình thực tế của đơn vị, {p.school} ({p.district}, {p.prov_full}) xây dựng {word} {p.theme[1]} {p.period_text} như sau:"
        out.append(intro)
    return out


# ----------------------------------------------------------------------------- body content
def _slots(p: Plan) -> dict:
    r = p.r
    small = p.kind == "school"  # one school's figures, not a district's
    return dict(
        who=r.choice(("cán bộ quản lý, giáo viên", "nhà giáo và cán bộ quản lý giáo dục", "CBQL, giáo viên, nhân viên")),
        where=p.where, where_short=p.where_short, y1=p.y1, y2=p.y2, mid=(p.y1 + p.y2 + 1) // 2,
        deadline=max(p.y2, 2025) if p.y2 <= 2030 else 2030,
        train=_n(max(2, p.gv - p.std)), ths=_n(max(1, round(p.gv * r.uniform(0.03, 0.1)))),
        courses=r.randint(2, 6), llct_lo=r.randint(1, 2) if small else r.randint(2, 5),
        llct_hi=r.randint(3, 4) if small else r.randint(6, 15), support=r.choice((30, 50, 70, 100)),
        cap=r.choice((4, 5, 6, 8, 10)), rate=_pct(r.uniform(95, 100)), good=r.randint(2, 12) if small else r.randint(12, 160),
        good2=r.randint(1, 4) if small else r.randint(2, 30), gap=_pct(max(1, p.gv - p.std), p.gv),
        missing=r.randint(1, 6) if small else r.randint(5, 180), c1=p.c_names[0], c2=p.c_names[1],
        grow=r.randint(4, 40), km=r.randint(8, 45), dl=f"{r.randint(1, 28)}/{r.randint(1, 12)}/{p.y1}",
    )


def _mucdich(p: Plan, sl: dict) -> Node:
    r = p.r
    purpose = _fill_to(r, _PURPOSES, _target(p), **sl)
    reqs = _fill_to(r, _REQUIREMENTS, _target(p), **sl)
    if r.random() < 0.5:
        a = Node("Mục đích", _bullets(r, purpose))
    else:
        a = Node("Mục đích", purpose)
    return Node("Mục đích, yêu cầu", [], [a, Node("Yêu cầu", _bullets(r, reqs))])


def _level_paragraphs(p: Plan, lvl: str) -> list[str]:
    r = p.r
    s = p.stats[lvl]
    name = p.level_name(lvl)
    full = LEVELS[lvl][0]
    out = []
    if p.kind == "school":
        out.append(f"{p.school} đóng trên địa bàn {'phường' if p.dunit in ('quận', 'thành phố') else 'xã'} {p.c_names[2]}, {p.district}, {p.prov_full}; "
                   f"trường được thành lập năm {r.randint(1960, 2010)}, đạt chuẩn quốc gia mức độ {r.choice(('1', '2'))} năm {r.randint(2012, p.y1)}.")
        out.append(r.choice((
            f"Tổng số cán bộ, giáo viên, nhân viên (CB, GV, NV): {s['gv'] + s['cbql'] + s['nv']} người, trong đó CBQL {_z(r, s['cbql'])} người "
            f"(01 hiệu trưởng, {_z(r, s['cbql'] - 1)} phó hiệu trưởng), giáo viên {s['gv']} người, nhân viên {_z(r, s['nv'])} người. "
            f"Nhà trường có {s['classes']} lớp với {_n(s['classes'] * r.randint(22, 38))} học sinh.",
            f"Năm học {p.y1} - {p.y1 + 1}, nhà trường có {s['classes']} nhóm, lớp; tổng số CB, GV, NV là {s['gv'] + s['cbql'] + s['nv']} người "
            f"gồm {_z(r, s['cbql'])} CBQL, {s['gv']} giáo viên và {_z(r, s['nv'])} nhân viên.",
        )))
        out.append(f"Trình độ đào tạo của giáo viên: {s['std']}/{s['gv']} giáo viên đạt chuẩn trình độ đào tạo ({LEVELS[lvl][2]}), "
                   f"tỷ lệ {_pct(s['std'], s['gv'])}; trên chuẩn {s['above']} người ({_pct(s['above'], s['gv'])}); "
                   f"còn {_z(r, s['gv'] - s['std'])} giáo viên chưa đạt chuẩn thuộc đối tượng đào tạo nâng chuẩn.")
    else:
        out.append(r.choice((
            f"Toàn {p.where_short} có {s['schools']} trường {full} với {_n(s['classes'])} nhóm, lớp; tổng số giáo viên {name} là {_n(s['gv'])} người, "
            f"trong đó {_n(s['std'])} GV đạt chuẩn trình độ đào tạo, tỷ lệ {_pct(s['std'], s['gv'])}.",
            f"Cấp {name}: có {s['schools']} trường, {_n(s['gv'])} giáo viên; số giáo viên đạt trình độ chuẩn được đào tạo ({LEVELS[lvl][2]}) "
            f"là {_n(s['std'])} người, chiếm {_pct(s['std'], s['gv'])}; số giáo viên có trình độ trên chuẩn là {_n(s['above'])} người.",
            f"Giáo viên {full}: {_n(s['std'])}/{_n(s['gv'])} GV đạt chuẩn trình độ đào tạo, tỷ lệ {_pct(s['std'], s['gv'])}; "
            f"{_n(s['gv'] - s['std'])} GV chưa đạt chuẩn phải đào tạo nâng chuẩn theo lộ trình của Nghị định số 71/2020/NĐ-CP.",
        )))
        if r.random() < 0.8 * p.size:
            out.append(f"Đội ngũ CBQL cấp {name} có {_n(s['cbql'])} người; {_n(s['qlgd'])} người có chứng chỉ bồi dưỡng nghiệp vụ QLGD "
                       f"({_pct(s['qlgd'], s['cbql'])}), {_n(s['llct'])} người có trình độ trung cấp LLCT trở lên ({_pct(s['llct'], s['cbql'])}). "
                       f"Nhân viên {_n(s['nv'])} người, chủ yếu là kế toán, văn thư, y tế, thư viện - thiết bị.")
    if r.random() < 0.7:
        out.append(f"Kết quả đánh giá chuẩn nghề nghiệp năm học {p.y1 - 1} - {p.y1}: mức Tốt {_n(s['good'])} GV ({_pct(s['good'], s['gv'])}); "
                   f"mức Khá {_n(s['fair'])} GV ({_pct(s['fair'], s['gv'])}); mức Đạt {_n(s['gv'] - s['good'] - s['fair'])} GV; "
                   f"{r.choice(('không có GV xếp mức Chưa đạt', f'còn {_z(r, r.randint(1, 6))} GV xếp mức Chưa đạt'))}.")
    if lvl != "MN" and r.random() < 0.6 * p.size:
        out.append(f"Về ngoại ngữ, tin học: có {_n(s['english'])} giáo viên dạy Tiếng Anh, trong đó {_n(round(s['english'] * r.uniform(0.4, 0.9)))} người "
                   f"đạt bậc 4 (B2) trở lên; {_n(s['it'])}/{_n(s['gv'])} giáo viên có chứng chỉ ứng dụng công nghệ thông tin cơ bản "
                   f"({_pct(s['it'], s['gv'])}). Số giáo viên có trình độ thạc sĩ là {_n(s['ths'])} người.")
    return out


def _staff_table(p: Plan) -> Table:
    rows = [["Cấp học", "Số trường", "CBQL", "GV", "GV đạt chuẩn", "Tỷ lệ"]]
    for lvl in p.levels:
        s = p.stats[lvl]
        rows.append([LEVELS[lvl][0].capitalize() if lvl in ("MN", "TH") else lvl, str(s["schools"]), _n(s["cbql"]),
                     _n(s["gv"]), _n(s["std"]), _pct(s["std"], s["gv"])])
    if len(p.levels) > 1:
        rows.append(["Cộng", str(sum(p.stats[l]["schools"] for l in p.levels)), _n(p.cbql), _n(p.gv), _n(p.std), _pct(p.std, p.gv)])
    return Table(rows)


def _thuctrang(p: Plan, sl: dict) -> Node:
    r = p.r
    kids = []
    if p.kind != "school" and r.random() < 0.7:
        sl_ctx = dict(sl, Place=p.dname if p.kind in ("district", "phong") else p.province,
                      unit_kind={"huyện": "huyện", "quận": "quận", "thị xã": "thị xã", "thành phố": "thành phố"}[p.dunit]
                      if p.kind in ("district", "phong") else p.prov_unit,
                      geo=r.choice(("miền núi", "trung du", "đồng bằng", "ven biển", "nằm ở phía bắc", "nằm ở phía tây nam")),
                      province_full=p.prov_full, communes=p.communes, pop=_n(r.randint(40, 260) * 1000 * (9 if p.kind in ("so", "tinh") else 1)),
                      ethnic=_pct(r.uniform(1, 85)), std_rate=_pct(r.uniform(40, 95)), retire=r.randint(5, 60))
        if p.kind in ("so", "tinh"):
            sl_ctx["communes"] = p.communes * 9
        kids.append(Node(r.choice(("Khái quát chung", "Đặc điểm tình hình", "Sự cần thiết")),
                         _fill_to(r, _CONTEXT, _target(p), **sl_ctx)))
    staff = Node(r.choice(("Số lượng, trình độ đội ngũ", "Thực trạng đội ngũ giáo viên", "Đội ngũ giáo viên")), [])
    if p.kind != "school" and r.random() < 0.35:
        staff.items.append(f"Tính đến ngày 31/12/{p.date[2] - 1}, số liệu đội ngũ theo cấp học như sau:")
        staff.items.append(_staff_table(p))
    if len(p.levels) > 1 and r.random() < 0.7:
        for lvl in p.levels:
            staff.children.append(Node(f"Cấp {p.level_name(lvl, short=False)}", _level_paragraphs(p, lvl)))
    else:
        for lvl in p.levels:
            staff.items += _level_paragraphs(p, lvl)
    kids.append(staff)
    if p.kind != "school":
        lacking = (f"{_n(p.cbql - p.qlgd)} CBQL mới bổ nhiệm chưa được bồi dưỡng." if p.cbql > p.qlgd
                   else "không có CBQL chưa được bồi dưỡng.")
        cbql = [f"Tổng số CBQL là {_n(p.cbql)} người; {_n(p.qlgd)} người có chứng chỉ bồi dưỡng nghiệp vụ QLGD, đạt {_pct(p.qlgd, p.cbql)}; {lacking}",
                f"{_n(p.llct)}/{_n(p.cbql)} CBQL có trình độ trung cấp LLCT trở lên, tỷ lệ {_pct(p.llct, p.cbql)}; "
                f"{_n(round(p.cbql * r.uniform(0.3, 0.8)))} CBQL có chứng chỉ bồi dưỡng QLNN ngạch chuyên viên trở lên."]
        more = [
            f"Trong giai đoạn {p.y1} - {p.y2}, có {_n(round(p.cbql * r.uniform(0.08, 0.25)))} CBQL đến tuổi nghỉ hưu; "
            f"nguồn quy hoạch hiện có {_n(round(p.cbql * r.uniform(0.8, 1.6)))} người, trong đó nữ chiếm {_pct(r.uniform(40, 75))}.",
            f"Kết quả đánh giá theo chuẩn hiệu trưởng năm học {p.y1 - 1} - {p.y1}: mức Tốt {_pct(r.uniform(20, 45))}, mức Khá "
            f"{_pct(r.uniform(40, 60))}, còn lại xếp mức Đạt; không có CBQL xếp mức Chưa đạt.",
            f"{_n(round(p.cbql * r.uniform(0.3, 0.7)))} CBQL có chứng chỉ ngoại ngữ bậc 2 (A2) trở lên; "
            f"{_n(round(p.cbql * r.uniform(0.8, 1.0)))} CBQL có chứng chỉ ứng dụng công nghệ thông tin cơ bản trở lên.",
            f"Độ tuổi bình quân của CBQL là {r.randint(42, 51)}; {_pct(r.uniform(10, 35))} CBQL trên 55 tuổi (nam) hoặc trên 50 tuổi (nữ).",
        ]
        cbql += _pick(r, more, max(1, round(r.randint(1, 3) * p.size)))
        kids.append(Node("Đội ngũ cán bộ quản lý", _bullets(r, cbql)))
    kids.append(Node(r.choice(("Đánh giá chung", "Ưu điểm, hạn chế")), [], [
        Node(r.choice(("Ưu điểm", "Kết quả đạt được", "Thuận lợi")), _bullets(r, _fill_to(r, _STRENGTHS, _target(p), **sl))),
        Node(r.choice(("Hạn chế", "Tồn tại, hạn chế", "Khó khăn")), _bullets(r, _fill_to(r, _WEAKNESSES, _target(p), **sl))),
    ]))
    if r.random() < 0.6 * p.size:
        kids[-1].children.append(Node("Nguyên nhân", _bullets(r, _fill_to(r, _CAUSES, _target(p), **sl))))
    return Node(r.choice(("Thực trạng đội ngũ", "Đặc điểm tình hình", "Thực trạng đội ngũ nhà giáo và cán bộ quản lý")), [], kids)


def _targets(p: Plan, sl: dict) -> Node:
    r = p.r
    general = Node("Mục tiêu chung", _fill_to(r, _GENERAL_GOALS, _target(p), **sl))
    lines = []
    final = p.y2
    for lvl in p.levels:
        s = p.stats[lvl]
        name = p.level_name(lvl)
        now = 100 * s["std"] / s["gv"]
        goal = 100 if r.random() < 0.6 else max(round(now) + 1, r.choice((95, 97, 98, 99)))
        goal = min(goal, 100)
        lines.append(r.choice((
            f"Đến năm {final}, {goal}% GV {name} đạt trình độ chuẩn được đào tạo (hiện nay {_pct(s['std'], s['gv'])}).",
            f"Phấn đấu đến năm {final} có {goal}% giáo viên {name} đạt chuẩn trình độ đào tạo; {r.randint(15, 60)}% giáo viên {name} có trình độ trên chuẩn.",
            f"Tỷ lệ giáo viên {name} đạt chuẩn trình độ đào tạo đạt {goal}% vào năm {final}.",
        )))
    lines.append(r.choice((
        f"Phấn đấu {r.choice((90, 95, 100))}% CBQL có trình độ trung cấp LLCT trở lên; 100% CBQL có chứng chỉ bồi dưỡng nghiệp vụ QLGD.",
        f"Đến năm {final}, 100% CBQL có chứng chỉ bồi dưỡng QLGD; {r.choice((85, 90, 95))}% CBQL có trình độ trung cấp LLCT trở lên.",
    )))
    lines.append(f"100% giáo viên hoàn thành BDTX 120 tiết/năm học; {r.choice((80, 85, 90, 95))}% giáo viên được đánh giá chuẩn nghề nghiệp mức Khá trở lên.")
    if p.levels != ["MN"] and r.random() < 0.7:
        lines.append(f"{r.choice((70, 80, 90, 100))}% giáo viên dạy Tiếng Anh đạt bậc 4 (B2) trở lên; 100% giáo viên có chứng chỉ ứng dụng công nghệ thông tin cơ bản.")
    specific = Node("Mục tiêu cụ thể", _bullets(r, lines))
    if p.size > 1.3 and len(p.levels) > 1 and p.shape == "range":
        # larger plans spell the targets out level by level, with yearly milestones
        specific.items = _bullets(r, lines[len(p.levels):])
        for lvl in p.levels:
            s = p.stats[lvl]
            name = p.level_name(lvl, short=False)
            now = 100 * s["std"] / s["gv"]
            steps = "; ".join(f"năm {y}: {_pct(now + (100 - now) * (k + 1) / len(p.years))}" for k, y in enumerate(p.years))
            per = [f"Tỷ lệ giáo viên {name} đạt chuẩn trình độ đào tạo theo từng năm: {steps}.",
                   f"Đến năm {final}, {r.randint(15, 60)}% giáo viên {name} có trình độ trên chuẩn; "
                   f"{_n(max(1, round(s['gv'] * r.uniform(0.02, 0.08))))} giáo viên có trình độ thạc sĩ.",
                   f"{r.choice((85, 90, 95))}% giáo viên {name} đạt chuẩn nghề nghiệp mức Khá trở lên; "
                   f"{r.choice((25, 30, 35, 40))}% đạt mức Tốt.",
                   f"100% CBQL các trường {name} có chứng chỉ bồi dưỡng nghiệp vụ QLGD; {r.choice((85, 90, 100))}% có trình độ trung cấp LLCT trở lên."]
            specific.children.append(Node(f"Cấp {name}", _bullets(r, per[: r.randint(2, 4)])))
    kids = [general, specific]
    years = p.years if p.shape == "range" else [p.y1, p.y1 + 1]
    if len(years) >= 2 and r.random() < 0.6:
        rows = [["Chỉ tiêu"] + [f"Năm {y}" if r.random() < 0.0 else str(y) for y in years]]
        for lvl in p.levels:
            s = p.stats[lvl]
            now = 100 * s["std"] / s["gv"]
            vals = [now + (100 - now) * (k + 1) / len(years) for k in range(len(years))]
            rows.append([f"Tỷ lệ GV {p.level_name(lvl, short=True)} đạt chuẩn"] + [_pct(v) for v in vals])
        now = 100 * p.llct / p.cbql
        rows.append(["Tỷ lệ CBQL có trung cấp LLCT trở lên"] + [_pct(now + (95 - now) * (k + 1) / len(years)) if now < 95 else "100%" for k in range(len(years))])
        rows.append(["Số GV cử đi đào tạo nâng chuẩn"] + [str(max(1, round((p.gv - p.std) / len(years) * r.uniform(0.7, 1.3)))) for _ in years])
        note = r.choice((
            f"Các đơn vị căn cứ chỉ tiêu chung để xây dựng chỉ tiêu của đơn vị mình, bảo đảm không thấp hơn chỉ tiêu chung của {p.where_short}; "
            "trường hợp không đạt chỉ tiêu phải báo cáo rõ nguyên nhân và đề xuất giải pháp khắc phục.",
            "Số giáo viên cử đi đào tạo nâng chuẩn hằng năm có thể điều chỉnh theo kết quả rà soát thực tế, khả năng bố trí giáo viên dạy thay "
            "và nguồn kinh phí được giao; ưu tiên giáo viên có thời gian công tác còn lại dài.",
            "Tỷ lệ được tính trên tổng số giáo viên đang giảng dạy tại thời điểm ngày 31/12 hằng năm, không tính giáo viên hợp đồng."))
        kids.append(Node(r.choice(("Chỉ tiêu theo năm", "Lộ trình thực hiện các chỉ tiêu")), [r.choice((
            "Các chỉ tiêu cụ thể theo từng năm như sau:", "Lộ trình thực hiện các chỉ tiêu chủ yếu:")), Table(rows), note]))
    return Node(r.choice(("Mục tiêu", "Mục tiêu, chỉ tiêu")), [], kids)


def _roles(p: Plan, sl: dict) -> Node:
    r = p.r
    kids = []
    for role, title in (("CBQL", "Đối với cán bộ quản lý"), ("GV", "Đối với giáo viên"), ("NV", "Đối với nhân viên")):
        if role == "NV" and r.random() < 0.4:
            continue
        kids.append(Node(title, _bullets(r, _fill_to(r, _ROLE_REQS[role], _target(p), **sl))))
    return Node(r.choice(("Yêu cầu đối với từng đối tượng", "Nội dung, yêu cầu đào tạo, bồi dưỡng theo đối tượng")), [], kids)


def _solutions(p: Plan, sl: dict) -> Node:
    r = p.r
    groups = list(_SOLUTIONS)
    k = max(3, min(len(groups), round(r.randint(3, 6) * p.size)))
    chosen = sorted(_pick(r, groups, k), key=groups.index)
    kids = []
    for g in chosen:
        lines = _fill_to(r, _SOLUTIONS[g], _target(p), **sl)
        kids.append(Node(g, _bullets(r, lines) if r.random() < 0.75 else lines))
    return Node(r.choice(("Nhiệm vụ và giải pháp", "Nhiệm vụ, giải pháp chủ yếu", "Các giải pháp thực hiện")), [], kids)


def _roadmap(p: Plan, sl: dict) -> Node:
    r = p.r
    kids = []
    years = p.years if p.shape == "range" else [p.y1]
    todo = max(2, p.gv - p.std)
    for y in years:
        n = max(1, round(todo / len(years) * r.uniform(0.6, 1.4)))
        items = [f"Cử {n} giáo viên đi đào tạo nâng chuẩn; tổ chức BDTX cho 100% giáo viên theo kế hoạch năm học {y} - {y + 1}.",
                 f"Cử {r.randint(2, 12)} CBQL đi học trung cấp LLCT, {r.randint(2, 20)} người bồi dưỡng nghiệp vụ QLGD; "
                 f"tổ chức {r.randint(1, 5)} lớp bồi dưỡng chuyên đề cho giáo viên cốt cán.",
                 f"Kinh phí dự kiến năm {y}: {_money(r, r.randint(80, 2500))}."]
        items += _pick(r, (
            f"Tuyển dụng bổ sung {r.randint(3, 40)} giáo viên còn thiếu; hoàn thành rà soát đội ngũ trước ngày 30/6/{y}.",
            f"Tổ chức hội thi giáo viên dạy giỏi; tổng kết, đánh giá kết quả bồi dưỡng năm {y} vào tháng 12.",
            "Tập huấn triển khai sách giáo khoa mới cho giáo viên dạy các lớp thực hiện chương trình mới.",
            f"Phấn đấu tỷ lệ giáo viên đạt chuẩn trình độ đào tạo đạt {_pct(100 * p.std / p.gv + (100 - 100 * p.std / p.gv) * (y - years[0] + 1) / len(years))}.",
            f"Bồi dưỡng ngoại ngữ, tin học cho {r.randint(10, 120)} giáo viên; cử {r.randint(1, 10)} giáo viên học thạc sĩ.",
            f"Rà soát quy hoạch CBQL giai đoạn tiếp theo; bồi dưỡng nghiệp vụ cho {r.randint(2, 20)} CBQL trong diện quy hoạch.",
        ), r.randint(2, 4))
        kids.append(Node(f"Năm {y}", _bullets(r, items)))
    title = r.choice(("Lộ trình thực hiện", "Phân kỳ thực hiện"))
    if r.random() < 0.6:  # one list, a bullet a year
        lines = [f"Năm {k.title}: " + " ".join(x[2:][0].lower() + x[3:] for x in k.items[:3]) for k in kids]
        return Node(title, _bullets(r, lines))
    return Node(title, [], kids)


def _budget(p: Plan) -> Node:
    r = p.r
    big = {"district": 1, "phong": 1, "so": 8, "tinh": 8}.get(p.kind, 0.05)
    total = max(20, round(r.randint(800, 9000) * big))
    local = round(total * r.uniform(0.5, 0.8))
    items = [r.choice((f"Tổng kinh phí dự kiến thực hiện {_DOC_WORD[p.carried][1].lower()}: {_money(r, total)}, trong đó:",
                       f"Tổng kinh phí thực hiện cả giai đoạn dự kiến là {_money(r, total)}, gồm:"))]
    items += _bullets(r, [f"Ngân sách {'nhà nước' if p.kind == 'school' else p.where_short}: {_money(r, local)};",
                          f"Nguồn chi thường xuyên của các đơn vị: {_money(r, round((total - local) * 0.7))};",
                          f"Nguồn xã hội hóa và các nguồn hợp pháp khác: {_money(r, total - local - round((total - local) * 0.7))}."])
    if len(p.years) >= 2 and r.random() < 0.4:
        shares = [r.uniform(0.7, 1.3) for _ in p.years]
        rows = [["Năm"] + [str(y) for y in p.years], ["Kinh phí (triệu đồng)"] + [_n(round(total * s / sum(shares))) for s in shares]]
        items += ["Phân bổ kinh phí theo năm:", Table(rows)]
    items += _pick(r, (
        f"Kinh phí đào tạo nâng chuẩn dự kiến {_money(r, round(total * r.uniform(0.3, 0.6)))}; kinh phí BDTX, bồi dưỡng chuyên đề "
        f"{_money(r, round(total * r.uniform(0.1, 0.3)))}; kinh phí bồi dưỡng CBQL {_money(r, round(total * r.uniform(0.05, 0.2)))}.",
        "Các đơn vị chủ động cân đối nguồn chi thường xuyên được giao để bố trí kinh phí bồi dưỡng tại đơn vị; không sử dụng kinh phí sai mục đích.",
        "Hằng năm, căn cứ kế hoạch được duyệt, cơ quan chuyên môn lập dự toán kinh phí gửi cơ quan tài chính thẩm định, trình cấp có thẩm quyền phê duyệt.",
        f"Mức chi hỗ trợ tài liệu, đi lại cho giáo viên tham gia bồi dưỡng tập trung là {r.choice((100, 150, 200, 300))} nghìn đồng/người/ngày.",
    ), r.randint(1, 3))
    items.append(r.choice((
        f"Giáo viên được cử đi đào tạo nâng chuẩn được hỗ trợ {r.choice((30, 50, 70))}% học phí, tối đa không quá {r.choice((4, 5, 6, 8))} triệu đồng/người/năm học.",
        "Kinh phí BDTX do các đơn vị bố trí từ nguồn chi thường xuyên; người học tự túc một phần kinh phí theo quy định.",
        "Việc lập dự toán, quản lý, sử dụng và thanh quyết toán kinh phí thực hiện theo quy định hiện hành.")))
    return Node(r.choice(("Kinh phí thực hiện", "Kinh phí")), items)


_TASKS = {
    "office": (
        "Chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai {doc}; hướng dẫn các trường xây dựng kế hoạch đào tạo, bồi dưỡng {dl}.",
        "Rà soát, lập danh sách giáo viên phải đào tạo nâng chuẩn theo từng năm, từng trường; trình phê duyệt {dl}.",
        "Tổ chức các lớp BDTX, bồi dưỡng chuyên đề cho giáo viên, CBQL; phối hợp với các cơ sở đào tạo mở lớp nâng chuẩn.",
        "Hướng dẫn, kiểm tra, đánh giá kết quả BDTX của giáo viên theo Thông tư số 19/2019/TT-BGDĐT; tổng hợp kết quả {dl}.",
        "Tham mưu {boss} điều động, luân chuyển, bố trí giáo viên hợp lý giữa các trường; đề xuất chỉ tiêu tuyển dụng hằng năm.",
        "Định kỳ tổng hợp, báo cáo {boss} kết quả thực hiện {dl}; tham mưu sơ kết, tổng kết, khen thưởng.",
        "Xây dựng đội ngũ giáo viên cốt cán các môn học; tổ chức sinh hoạt chuyên môn cụm trường mỗi học kỳ ít nhất 01 lần.",
    ),
    "home": (
        "Thẩm định danh sách cử viên chức đi đào tạo; tham mưu quyết định cử viên chức đi học theo phân cấp.",
        "Tham mưu tuyển dụng, bổ nhiệm, xếp hạng chức danh nghề nghiệp cho giáo viên sau khi hoàn thành đào tạo nâng chuẩn {dl}.",
        "Phối hợp kiểm tra việc thực hiện chế độ, chính sách đối với giáo viên được cử đi đào tạo, bồi dưỡng.",
        "Tham mưu giao biên chế, số lượng người làm việc cho các cơ sở giáo dục phù hợp với quy mô trường, lớp.",
        "Phối hợp tổ chức bồi dưỡng QLNN cho CBQL trong diện quy hoạch; theo dõi, tổng hợp kết quả đào tạo, bồi dưỡng viên chức ngành Giáo dục.",
        "Thẩm định hồ sơ xét thăng hạng chức danh nghề nghiệp giáo viên {dl}.",
    ),
    "finance": (
        "Tham mưu bố trí kinh phí thực hiện {doc} trong dự toán ngân sách hằng năm {dl}.",
        "Hướng dẫn các đơn vị lập dự toán, quản lý, sử dụng và thanh quyết toán kinh phí đào tạo, bồi dưỡng theo quy định.",
        "Phối hợp kiểm tra việc sử dụng kinh phí hỗ trợ giáo viên đi học nâng chuẩn tại các đơn vị.",
        "Thẩm định dự toán kinh phí đào tạo, bồi dưỡng do cơ quan chuyên môn đề xuất; tham mưu bổ sung kinh phí khi có phát sinh.",
        "Tham mưu lồng ghép các nguồn vốn chương trình mục tiêu để hỗ trợ đào tạo giáo viên vùng khó khăn.",
    ),
    "communes": (
        "Phối hợp tạo điều kiện về cơ sở vật chất, chỗ ở cho giáo viên công tác trên địa bàn.",
        "Vận động hội khuyến học, các tổ chức, cá nhân hỗ trợ giáo viên có hoàn cảnh khó khăn đi học nâng chuẩn.",
        "Chỉ đạo các trường trên địa bàn thực hiện nghiêm túc {doc}; báo cáo kết quả khi có yêu cầu.",
        "Quan tâm giải quyết chế độ, chính sách cho giáo viên công tác trên địa bàn; phối hợp tuyên truyền về xây dựng xã hội học tập.",
        "Phối hợp với các trường rà soát nhu cầu giáo viên, đề xuất tuyển dụng bổ sung {dl}.",
    ),
    "schools": (
        "Xây dựng kế hoạch đào tạo, bồi dưỡng của đơn vị {dl}; phê duyệt kế hoạch BDTX cá nhân của giáo viên.",
        "Bố trí giáo viên dạy thay, sắp xếp thời khóa biểu hợp lý để giáo viên tham gia đào tạo, bồi dưỡng.",
        "Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học; đánh giá giáo viên theo chuẩn nghề nghiệp cuối năm học.",
        "Báo cáo kết quả thực hiện về {up} {dl}.",
        "Lập danh sách giáo viên đăng ký học nâng chuẩn, học trên chuẩn; quản lý hồ sơ, văn bằng, chứng chỉ của viên chức.",
    ),
    "Hiệu trưởng": (
        "Chỉ đạo chung việc thực hiện kế hoạch; phê duyệt kế hoạch BDTX cá nhân của giáo viên {dl}.",
        "Kiểm tra, đánh giá kết quả thực hiện kế hoạch; báo cáo {up} theo quy định.",
        "Bố trí kinh phí, thời gian và điều kiện để CB, GV, NV tham gia đào tạo, bồi dưỡng.",
        "Đánh giá, xếp loại BDTX của giáo viên; công nhận kết quả và lưu hồ sơ viên chức.",
        "Phân công nhiệm vụ cụ thể cho các phó hiệu trưởng, tổ trưởng; chỉ đạo tổ chức sinh hoạt chuyên môn theo chủ đề {dl}.",
        "Tạo điều kiện cho giáo viên đi học nâng chuẩn, học trên chuẩn; đề xuất {up} khen thưởng cá nhân có thành tích.",
    ),
    "Phó Hiệu trưởng": (
        "Trực tiếp theo dõi, hướng dẫn các tổ chuyên môn thực hiện kế hoạch.",
        "Tổng hợp kết quả BDTX, đánh giá chuẩn nghề nghiệp giáo viên {dl}.",
        "Dự giờ, thăm lớp, kiểm tra việc vận dụng kết quả bồi dưỡng vào giảng dạy.",
        "Xây dựng kế hoạch bồi dưỡng chuyên môn theo chủ đề, tổ chức hội giảng, thao giảng cấp trường {dl}.",
        "Hướng dẫn giáo viên khai thác, sử dụng hệ thống LMS, học liệu số phục vụ BDTX.",
    ),
    "Tổ trưởng chuyên môn": (
        "Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học ít nhất 02 lần/tháng.",
        "Kiểm tra hồ sơ BDTX của giáo viên trong tổ; báo cáo kết quả về Ban giám hiệu {dl}.",
        "Phân công giáo viên cốt cán hỗ trợ giáo viên mới, giáo viên còn hạn chế về chuyên môn.",
        "Xây dựng kế hoạch hoạt động của tổ, trong đó có nội dung bồi dưỡng chuyên môn, nghiệp vụ cho giáo viên.",
        "Đánh giá, xếp loại BDTX của giáo viên trong tổ; đề xuất Ban giám hiệu nội dung bồi dưỡng phù hợp.",
    ),
    "Giáo viên, nhân viên": (
        "Xây dựng kế hoạch tự bồi dưỡng cá nhân; tham gia đầy đủ các lớp bồi dưỡng do cấp trên và nhà trường tổ chức.",
        "Hoàn thành các mô-đun BDTX, nộp sản phẩm bồi dưỡng đúng thời hạn {dl}.",
        "Tự đánh giá theo chuẩn nghề nghiệp; vận dụng kết quả bồi dưỡng vào đổi mới phương pháp dạy học.",
        "Chủ động học tập nâng cao trình độ ngoại ngữ, tin học; tham gia tích cực sinh hoạt chuyên môn của tổ, cụm trường.",
    ),
}


def _organisation(p: Plan) -> Node:
    r = p.r
    y = p.y1

    def dl() -> str:
        return r.choice((f"trước ngày {r.randint(1, 28)}/{r.randint(1, 12)} hằng năm", f"trong tháng {r.randint(1, 12)}/{y}",
                         f"trước ngày {r.randint(1, 28)}/{r.randint(1, 12)}/{y}", f"trong quý {r.choice(('I', 'II', 'III', 'IV'))} năm {y}"))

    up = "Phòng GD&ĐT" if p.kind in ("district", "phong") or (p.kind == "school" and p.sch_level != "THPT") else "Sở GD&ĐT"
    if p.kind == "school":
        actors = [(who, who) for who in ("Hiệu trưởng", "Phó Hiệu trưởng", "Tổ trưởng chuyên môn", "Giáo viên, nhân viên")]
    elif p.kind in ("district", "phong"):
        actors = [("Phòng Giáo dục và Đào tạo", "office"), ("Phòng Nội vụ", "home"), ("Phòng Tài chính - Kế hoạch", "finance"),
                  ("UBND các xã, thị trấn" if p.dunit == "huyện" else "UBND các xã, phường", "communes"),
                  ("Các trường " + p.levels_text(), "schools")]
    else:
        actors = [("Sở Giáo dục và Đào tạo" if p.kind == "tinh" else "Các phòng chuyên môn thuộc Sở", "office"), ("Sở Nội vụ", "home"),
                  ("Sở Tài chính", "finance"), ("UBND các huyện, thị xã, thành phố", "communes"), ("Các cơ sở giáo dục", "schools")]
    kids = []
    for who, key in actors:
        pool = _TASKS[key]
        target = _target(p) * r.choice((0.6, 1, 1))
        tasks, size = [], 0
        for t in _pick(r, pool, len(pool)):
            line = t.format(doc=_DOC_WORD[p.carried][1].lower(), boss=p.boss, up=up, dl=dl())
            if tasks and size + len(line) > target:
                break
            tasks.append(line)
            size += len(line) + 3
        while len(tasks) > 1 and 800 < size < 1400:
            size -= len(tasks.pop()) + 3
        if r.random() < 0.6:
            kids.append(Node(who, _bullets(r, tasks)))
        else:
            kids.append(Node(who, [" ".join(tasks)]))
    if p.kind in ("district", "phong") and r.random() < 0.3:
        kids.insert(4, Node("Trung tâm Chính trị", [f"Mở lớp trung cấp LLCT, bồi dưỡng QLNN cho CBQL trong diện quy hoạch {dl()}; "
                                                      "phối hợp theo dõi, đánh giá kết quả học tập của học viên."]))
    return Node("Tổ chức thực hiện", [], kids)


def _need(p: Plan, sl: dict) -> Node:
    r = p.r
    text = _fill(r, _CONTEXT, 2, **dict(sl, Place=p.dname, unit_kind=p.dunit, geo="miền núi", province_full=p.prov_full,
                                         communes=p.communes, pop=_n(r.randint(40, 260) * 1000), ethnic=_pct(r.uniform(1, 85)),
                                         std_rate=_pct(r.uniform(40, 95)), retire=r.randint(5, 60)))
    text.append(f"Vì vậy, việc xây dựng và thực hiện {_DOC_WORD[p.carried][1]} {p.theme[1]} {p.period_text} là cần thiết.")
    bases = _bullets(r, [b + ";" for b in _pick(r, _NATIONAL_BASES, r.randint(3, 6))], mark="-")
    return Node(r.choice(("Sự cần thiết và căn cứ xây dựng", "Sự cần thiết xây dựng đề án")), [], [
        Node("Sự cần thiết", text), Node("Căn cứ xây dựng", bases)])


_LEVEL_TOPICS = {
    "MN": ("Chương trình giáo dục mầm non sau sửa đổi, kỹ năng tổ chức hoạt động trải nghiệm, phòng chống bạo hành trẻ",
           "giáo viên mầm non ở các điểm trường lẻ"),
    "TH": ("dạy học Tiếng Việt lớp 1, dạy học tích hợp, đánh giá học sinh theo Thông tư số 27/2020/TT-BGDĐT",
           "Tiếng Anh, Tin học, Âm nhạc, Mỹ thuật"),
    "THCS": ("dạy học môn Khoa học tự nhiên, Lịch sử và Địa lí, hoạt động trải nghiệm, hướng nghiệp",
             "Tin học, Khoa học tự nhiên, Nghệ thuật"),
    "THPT": ("dạy học các chuyên đề học tập lựa chọn, tư vấn hướng nghiệp, phân luồng học sinh",
             "Tin học, Công nghệ, Giáo dục kinh tế và pháp luật"),
}
_LEVEL_TASKS = (
    "Rà soát, cử {n1} giáo viên {lvl} chưa đạt chuẩn đi đào tạo nâng chuẩn theo lộ trình; hoàn thành trước năm {y2}.",
    "Bồi dưỡng cho 100% giáo viên {lvl} về {topic}.",
    "Tổ chức {n2} chuyên đề cấp {where_short} về đổi mới phương pháp dạy học ở cấp {lvl}; mỗi trường tổ chức ít nhất 02 chuyên đề/năm học.",
    "Xây dựng đội ngũ {n3} giáo viên cốt cán cấp {lvl}, bảo đảm mỗi trường có ít nhất 01 giáo viên cốt cán ở các môn học chính.",
    "Phấn đấu {pk}% giáo viên {lvl} đạt chuẩn nghề nghiệp mức Khá trở lên vào năm {y2}; không có giáo viên xếp mức Chưa đạt.",
    "Tuyển dụng bổ sung {n4} giáo viên {lvl}, ưu tiên {subjects}.",
    "Bồi dưỡng CBQL các trường {lvl} về quản trị nhà trường, xây dựng kế hoạch giáo dục nhà trường theo chương trình mới.",
    "Duy trì sinh hoạt chuyên môn liên trường cấp {lvl} theo cụm; chia sẻ học liệu số, bài giảng điện tử trên kho học liệu dùng chung.",
)


def _level_tasks(p: Plan, sl: dict) -> Node:
    r = p.r
    kids = []
    for lvl in p.levels:
        s = p.stats[lvl]
        name = p.level_name(lvl, short=False)
        topic, subjects = _LEVEL_TOPICS[lvl]
        slots = dict(sl, lvl=name, topic=topic, subjects=subjects, n1=_n(max(1, s["gv"] - s["std"])), n2=r.randint(2, 8),
                     n3=_n(max(2, round(s["gv"] * r.uniform(0.03, 0.08)))), pk=r.choice((80, 85, 90, 95)),
                     n4=_n(max(1, round(s["gv"] * r.uniform(0.02, 0.1)))))
        kids.append(Node(f"Đối với cấp {name}" if r.random() < 0.5 else f"Giáo dục {name}",
                         _bullets(r, _fill_to(r, _LEVEL_TASKS, _target(p), **slots))))
    return Node(r.choice(("Nhiệm vụ cụ thể theo cấp học", "Nhiệm vụ trọng tâm đối với từng cấp học")), [], kids)


def _body_tree(p: Plan) -> list[Node]:
    r = p.r
    sl = _slots(p)
    nodes = []
    if p.carried == "ĐA" and r.random() < 0.7:
        nodes.append(_need(p, sl))
    parts = [_mucdich(p, sl), _thuctrang(p, sl)]
    if r.random() < 0.5:
        parts.reverse()
    nodes += parts
    nodes.append(_targets(p, sl))
    if r.random() < 0.35 + 0.4 * p.size:
        nodes.append(_roles(p, sl))
    nodes.append(_solutions(p, sl))
    if p.size > 1.2 and r.random() < 0.8 or len(p.levels) > 2 and r.random() < 0.3:
        nodes.append(_level_tasks(p, sl))
    if p.shape == "range" and r.random() < 0.35 + 0.3 * p.size:
        nodes.append(_roadmap(p, sl))
    nodes.append(_budget(p))
    nodes.append(_organisation(p))
    return nodes


# ----------------------------------------------------------------------------- rendering
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
_ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu")
_LETTERS = "abcdeghiklmnopqrstuvxy"


def _table_lines(r: random.Random, t: Table, pipe: bool) -> list[str]:
    if pipe:
        return ["| " + " | ".join(row) + " |" for row in t.rows]
    return ["\t".join(row) for row in t.rows]


def _render_items(r: random.Random, items: list, out: list[str], pipe: bool) -> None:
    for it in items:
        if isinstance(it, Table):
            out += _table_lines(r, it, pipe)
        else:
            out.append(it)


def _render(p: Plan, nodes: list[Node], style: str) -> list[str]:
    """Body lines of the node tree, numbered in one of several styles."""
    r = p.r
    out: list[str] = []
    pipe = r.random() < 0.5
    bold = r.random() < 0.08
    caps_top = True
    blank = r.random() < 0.6  # a blank line before each top heading

    def head(text: str) -> str:
        return f"**{text}**" if bold else text

    def sub(node: Node, depth: int, label_of) -> None:
        for k, child in enumerate(node.children):
            out.append(head(label_of(depth, k, child.title)))
            _render_items(r, child.items, out, pipe)
            sub(child, depth + 1, label_of)

    if style in ("roman", "decimal", "alpha", "roman-dash"):
        def label_of(depth: int, k: int, title: str) -> str:
            if style == "decimal":
                # decimal: 1. TOP / 1.1. Sub / a) subsub
                if depth == 1:
                    return f"{top_no}.{k + 1}. {title}"
                return f"{_LETTERS[k]}) {title}"
            if depth == 1:
                return f"{k + 1}{')' if style == 'roman-dash' else '.'} {title}"
            return f"{_LETTERS[k]}{r.choice((')', ')', '.'))} {title}" if style != "alpha" else f"{_LETTERS[k]}) {title}"

        for k, node in enumerate(nodes):
            top_no = k + 1
            if blank:
                out.append("")
            title = node.title.upper() if caps_top else node.title
            if style == "roman":
                out.append(head(f"{_ROMAN[k]}. {title}"))
            elif style == "roman-dash":
                out.append(head(f"{_ROMAN[k]}- {title}"))
            elif style == "alpha":
                out.append(head(f"{'ABCDEFGHKLMN'[k]}. {title}"))
            else:
                out.append(head(f"{k + 1}. {title}"))
            _render_items(r, node.items, out, pipe)
            sub(node, 1, label_of)
    elif style == "parts":
        # Phần thứ nhất / I. TOP / 1. Sub / a) subsub
        cut1 = max(1, len(nodes) // 3)
        cut2 = max(cut1 + 1, 2 * len(nodes) // 3)
        groups = [nodes[:cut1], nodes[cut1:cut2], nodes[cut2:]]
        names = ("ĐÁNH GIÁ THỰC TRẠNG", "MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN")
        numeric = r.random() < 0.3
        upper = r.random() < 0.3
        for g, group in enumerate(groups):
            if not group:
                continue
            out.append("")
            out.append(f"Phần {g + 1}" if numeric else f"PHẦN THỨ {_ORDINALS[g].upper()}" if upper else f"Phần thứ {_ORDINALS[g]}")
            out.append(names[g])
            for k, node in enumerate(group):
                out.append(head(f"{_ROMAN[k]}. {node.title.upper()}"))
                _render_items(r, node.items, out, pipe)
                sub(node, 1, lambda d, k, t: f"{k + 1}. {t}" if d == 1 else f"{_LETTERS[k]}) {t}")
    else:  # chapters: Chương I / Điều n. / 1. / a)
        article = 0
        for k, node in enumerate(nodes):
            out.append("")
            out.append(f"Chương {_ROMAN[k]}")
            out.append(node.title.upper())
            _render_items(r, node.items, out, pipe)
            for child in node.children:
                article += 1
                out.append(head(f"Điều {article}. {child.title}"))
                _render_items(r, child.items, out, pipe)
                sub(child, 1, lambda d, k, t: f"{k + 1}. {t}" if d == 1 else f"{_LETTERS[k]}) {t}")
    return out


def _recipients(p: Plan) -> list[str]:
    r = p.r
    if p.kind == "school":
        lines = ["Phòng GD&ĐT (b/c);" if p.sch_level != "THPT" else "Sở GD&ĐT (b/c);", "Ban giám hiệu;", "Các tổ chuyên môn;", "CB, GV, NV nhà trường;"]
    elif p.kind in ("district", "phong"):
        lines = [f"UBND {p.prov_full} (b/c);", f"Sở GD&ĐT {p.prov_full};", "TT Huyện ủy, TT HĐND huyện;" if p.dunit == "huyện" else "Thường trực HĐND;",
                 "CT, các PCT UBND;", "Các phòng: GD&ĐT, Nội vụ, TC-KH;", "UBND các xã, thị trấn;", "Các trường MN, TH, THCS;"]
    else:
        lines = ["Bộ GD&ĐT (b/c);", "TT Tỉnh ủy, TT HĐND tỉnh;", "Sở Nội vụ, Sở Tài chính;", "UBND các huyện, thị xã, thành phố;",
                 "Phòng GD&ĐT các huyện, thị xã, thành phố;", "Các đơn vị trực thuộc Sở;"]
    keep = lines[: r.randint(3, len(lines))]
    return ["Nơi nhận:"] + [f"- {x}" for x in keep] + [f"- Lưu: {r.choice(('VT', 'VT, GD', 'VT, TCCB', 'VT, CM'))}."]


def _signature(p: Plan, recipients: list[str], tabbed: bool) -> list[str]:
    r = p.r
    sig = list(p.sign) + ([r.choice(("(Đã ký)", "(Đã ký và đóng dấu)"))] if r.random() < 0.6 else [""]) + [p.signer]
    if tabbed:
        rows = max(len(recipients), len(sig))
        left = recipients + [""] * (rows - len(recipients))
        right = sig + [""] * (rows - len(sig))
        return [f"{a}\t{b}".rstrip() if b else a for a, b in zip(left, right)]
    if r.random() < 0.6:
        return recipients + [""] + [s for s in sig if s or True]
    return [s for s in sig] + [""] + recipients


_BANNERS = (
    ["Để sử dụng toàn bộ tiện ích nâng cao của Văn bản pháp luật, hãy đăng nhập hoặc đăng ký tài khoản.",
     "Bạn đang xem bản rút gọn của văn bản. Tải bản đầy đủ (.doc)", "Đăng nhập | Đăng ký",
     "Văn bản này chưa cập nhật nội dung Tiếng Anh"],
    ["Trang chủ > Văn bản pháp luật > Giáo dục", "Bạn đang xem bản rút gọn của văn bản. Đăng nhập để xem đầy đủ nội dung và tải file đính kèm.",
     "Tải bản đầy đủ (.doc)"],
)
_FOOTERS = (["Văn bản liên quan", "Bài viết liên quan", "Lưu trữ", "Ghi chú", "Ý kiến", "Facebook", "Email", "In", "Chia sẻ"],
            ["Tải về", "Văn bản gốc (.pdf) | Văn bản Word (.doc)", "Bài viết liên quan", "Chia sẻ"])


def _metadata(p: Plan) -> list[str]:
    d, m, y = p.date
    kind = _DOC_WORD[p.doc][1]
    return ["", f"| Số hiệu: | {p.number} | Loại văn bản: | {kind} |",
            f"| Nơi ban hành: | {p.issuer_full} | Người ký: | {p.signer} |",
            f"| Ngày ban hành: | {d:02d}/{m:02d}/{y} | Ngày hiệu lực: | {d:02d}/{m:02d}/{y} |", "| Tình trạng: | Còn hiệu lực | | |", ""]


def _decision(p: Plan, layout: str) -> list[str]:
    """A decision issuing the plan: its header, bases, articles, signature, recipients."""
    r = p.r
    word = _DOC_WORD[p.carried][1]
    title = f"{r.choice(('Về việc ban hành', 'Ban hành', 'Phê duyệt', 'Về việc phê duyệt'))} {word} {p.theme[1]} {_title_text(p).split(p.theme[0], 1)[-1].strip()}"
    lines = _header(p, layout, "QĐ", _break_title(r, title, caps=False), p.blank_number or p.number)
    authority = {"district": f"ỦY BAN NHÂN DÂN {p.district.upper()}", "tinh": f"ỦY BAN NHÂN DÂN {p.prov_full.upper()}",
                 "phong": f"TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO {p.district.upper()}", "so": f"GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO {p.province.upper()}"}[p.kind]
    if p.kind in ("district", "tinh") and r.random() < 0.4:
        authority = "CHỦ TỊCH " + authority
    lines += [authority, ""] + _bases(p, for_decision=True) + ["", "QUYẾT ĐỊNH:", ""]
    d, m, y = p.date
    lines.append(f"Điều 1. {r.choice(('Ban hành kèm theo Quyết định này', 'Phê duyệt kèm theo Quyết định này'))} {word} {p.theme[1]} {_title_text(p).split(p.theme[0], 1)[-1].strip()}.")
    lines.append(r.choice(("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                           "Điều 2. Phòng Giáo dục và Đào tạo là cơ quan thường trực, có trách nhiệm hướng dẫn, đôn đốc các đơn vị thực hiện; tổng hợp kết quả, báo cáo trước ngày 15 tháng 12 hằng năm.")))
    lines.append(f"Điều 3. Chánh Văn phòng HĐND và UBND; Trưởng các phòng: Giáo dục và Đào tạo, Nội vụ, Tài chính - Kế hoạch; "
                 f"Chủ tịch UBND các xã, thị trấn; Hiệu trưởng các trường {p.levels_text()} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.")
    lines.append("")
    recips = ["Nơi nhận:", "- Như Điều 3;"] + [x for x in _recipients(p)[1:]]
    lines += _signature(p, recips, tabbed=layout == "tab")
    lines.append("")
    # the carried plan's own head
    units = list(p.units)
    if layout == "tab":
        lines += [f"{units[0]}\t{_MOTTO[0]}", f"{units[1] if len(units) > 1 else ''}\t{_MOTTO[1]}"]
    else:
        lines += units + ["", _MOTTO[0], _MOTTO[1]]
    lines += ["", _DOC_WORD[p.carried][0]] + _break_title(r, _title_text(p), caps=r.random() < 0.5)
    lines.append(f"({r.choice(('Ban hành kèm theo', 'Kèm theo'))} Quyết định số {p.blank_number or p.number} ngày {d:02d}/{m}/{y} của {p.issuer})")
    lines.append("")
    return lines


def generate_plan(i: int, seed: int = 0) -> tuple[str, str]:
    """The i-th synthetic plan: (file name like 'synth-000123.txt', full text). Deterministic in (i, seed)."""
    p = Plan(i, seed)
    r = p.r
    layout = r.choices(("lines", "tab", "pipe"), weights=(5, 4, 1.3))[0]
    web = r.random() < 0.08
    pages = r.random() < 0.18
    lines: list[str] = []
    if web:
        lines += r.choice(_BANNERS)
        if r.random() < 0.7:
            lines += _metadata(p)
    if p.doc == "QĐ":
        lines += _decision(p, layout)
    else:
        caps = r.random() < 0.55
        lines += _header(p, layout, p.doc, _break_title(r, _title_text(p), caps), p.blank_number or p.number)
        lines += _bases(p)
        lines.append("")
    style = r.choices(("roman", "decimal", "alpha", "roman-dash", "parts", "chapters"),
                      weights=(10, 2, 1, 1, 3 if p.carried == "ĐA" else 1, 3 if p.carried == "ĐA" else 0.3))[0]
    body = _render(p, _body_tree(p), style)
    lines += body
    sl = dict(doc=_DOC_WORD[p.carried][1], title_short=p.theme[1] + " " + p.period_text, where=p.where if p.kind != "school" else "",
              boss=p.boss)
    lines += ["", r.choice(_CLOSINGS).format(**sl).replace("  ", " ").replace(" .", "."), ""]
    if p.doc == "QĐ" and r.random() < 0.6:
        lines += list(p.sign) + ["", p.signer]
    else:
        lines += _signature(p, _recipients(p), tabbed=layout == "tab" and r.random() < 0.7)
    if web:
        lines += [""] + r.choice(_FOOTERS)
    if pages:
        page = 1
        out: list[str] = []
        step = r.randint(35, 60)
        for k, line in enumerate(lines):
            out.append(line)
            if k and k % step == 0:
                page += 1
                out.append(r.choice((f"Trang {page}", f"- {page} -", f"{page}", f"PAGE {page}")))
        lines = out
        if r.random() < 0.5 and not web:
            lines[0] = "Trang 1" + lines[0]
    text = "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"
    if r.random() < 0.08:  # the other tone-mark convention, as some offices type it
        for a, b in (("òa", "oà"), ("óa", "oá"), ("ủy", "uỷ"), ("ụy", "uỵ"), ("ùy", "uỳ"), ("Ủy", "Uỷ"),
                     ("ÒA", "OÀ"), ("ÓA", "OÁ"), ("ỦY", "UỶ"), ("ỤY", "UỴ"), ("ÙY", "UỲ")):
            text = text.replace(a, b)
    return f"synth-{i:06d}.txt", text


def write_corpus(folder: Path, n_plans: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write plans start..start+n_plans-1 as UTF-8 .txt files into folder (created); return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n_plans):
        name, text = generate_plan(i, seed)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args()
    t0 = time.perf_counter()
    paths = write_corpus(args.out, args.n, args.seed, args.start)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} plans, {size / 1024 / max(1, len(paths)):.1f} KB each on average, "
          f"written to {args.out} in {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()

"""Realistic demonstration documents of a provincial quality supervision bureau and,
after the 2018 institutional reform merged it in, of its successor, the provincial
market regulation bureau; generated deterministically from domain vocabulary (no
placeholder text)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

PRODUCTS = [
    "电线电缆", "电动自行车", "儿童玩具", "燃气灶具", "建筑用钢筋", "复混肥料", "食品相关产品",
    "家用电器", "童装", "汽车轮胎", "安全帽", "通用硅酸盐水泥", "塑料管材", "陶瓷砖", "消防器材",
    "危险化学品包装物", "电动汽车充电桩", "学生用品", "纺织面料", "LED照明产品", "农用薄膜",
    "人造板", "锂离子电池", "防爆电气", "茶叶包装材料",
]  # fmt: skip
EQUIPMENT = [
    "电梯", "锅炉", "压力容器", "气瓶", "大型游乐设施", "客运索道", "起重机械",
    "场(厂)内专用机动车辆", "压力管道",
]  # fmt: skip
AREAS = {
    "quality": ("质量", "产品质量监督", "闽质监质"),
    "standard": ("标准化", "标准化", "闽质监标"),
    "metrology": ("计量", "计量监督", "闽质监计"),
    "special": ("特种设备", "特种设备安全监察", "闽质监特"),
    "cert": ("认证认可", "认证认可监督", "闽质监认"),
    "enforce": ("执法", "质量技术监督执法", "闽质监稽"),
    "office": ("政务", "政务公开", "闽质监"),
    "law": ("法规", "行政审批", "闽质监法"),
}
# 福建省质量技术监督局 was merged into 福建省市场监督管理局 in the 2018 reform; a
# document written from this day on is the successor's. [UNVERIFIED] the exact day
# the new bureau took over (it was set up in the autumn of 2018).
MERGED_ON = dt.date(2018, 11, 1)
PREDECESSOR = "福建省质量技术监督局"
SUCCESSOR = "福建省市场监督管理局"
CITIES = [
    "福州",
    "厦门",
    "漳州",
    "泉州",
    "三明",
    "莆田",
    "南平",
    "龙岩",
    "宁德",
    "平潭",
]
SALUTATION = (
    "各设区市质量技术监督局，平潭综合实验区市场监督管理局，省局各处室、直属各单位："
)
SUCCESSOR_SALUTATION = (
    "各设区市市场监督管理局，平潭综合实验区市场监督管理局，省局各处室、直属各单位："
)


def city_name(city: str) -> str:
    """平潭 is 平潭综合实验区, not a 市; the others are prefecture-level cities."""
    return "平潭综合实验区" if city == "平潭" else f"{city}市"


def quality_of(product: str) -> str:
    """“电线电缆产品质量”, but “食品相关产品质量” (not 产品产品质量)."""
    return f"{product}质量" if product.endswith("产品") else f"{product}产品质量"


def issuer_on(day: dt.date) -> str:
    """The bureau that issued a document written on ``day``."""
    return PREDECESSOR if day < MERGED_ON else SUCCESSOR


def agency_on(agency: str, day: dt.date) -> str:
    """The 机关代字 of the 文号: 闽质监… before the merger, 闽市监… after."""
    return agency if day < MERGED_ON else agency.replace("闽质监", "闽市监", 1)


BASIS = [
    "《中华人民共和国产品质量法》",
    "《中华人民共和国标准化法》",
    "《中华人民共和国计量法》",
    "《中华人民共和国特种设备安全法》",
    "《中华人民共和国政府信息公开条例》",
    "《中华人民共和国行政处罚法》",
    "《产品质量监督抽查管理办法》",
]


@dataclass
class DemoDocument:
    key: str
    title: str
    doc_number: str
    area: str
    genre: str  # Genre.code
    topic: str  # Topic.code
    written_on: dt.date
    published_on: dt.date
    summary: str
    keywords: str
    body: list[str]
    valid_until: dt.date | None = None
    needs_interpretation: bool = False
    issuer: str = PREDECESSOR


GENRES = [
    ("01", "决定"), ("02", "公告"), ("03", "通告"), ("04", "意见"), ("05", "通知"),
    ("06", "通报"), ("07", "报告"), ("08", "批复"), ("09", "函"), ("10", "办法"),
]  # fmt: skip
TOPICS = [
    ("zhzw", "综合政务"), ("cpzl", "产品质量监督"), ("bzh", "标准化"), ("jl", "计量"),
    ("tzsb", "特种设备安全"), ("rzrk", "认证认可"), ("zfjc", "执法稽查"),
    ("xzsp", "行政审批"), ("cwys", "财政预决算"),
]  # fmt: skip
AREA_TOPIC = {
    "quality": "cpzl", "standard": "bzh", "metrology": "jl", "special": "tzsb",
    "cert": "rzrk", "enforce": "zfjc", "office": "zhzw", "law": "xzsp",
}  # fmt: skip


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _items(rng: random.Random, subject: str, area_name: str, year: int) -> list[str]:
    pool = [
        ("提高思想认识", f"各单位要充分认识做好{subject}工作的重要意义，把{area_name}工作摆上重要议事日程，"
         "主要负责同志亲自部署，分管负责同志具体抓，确保各项任务落到实处。"),
        ("明确工作重点", f"重点围绕{rng.choice(PRODUCTS)}、{rng.choice(PRODUCTS)}等社会关注度高、"
         f"涉及人身健康和财产安全的领域，结合本地区产业特点，制定{year}年度工作方案，做到问题早发现、早处置。"),
        ("规范工作程序", "严格执行随机抽取检查对象、随机选派执法检查人员的要求，抽查过程全程留痕，"
         "检查结果依法在门户网站公开，接受社会监督。"),
        ("加强信息公开", "按照“谁制作、谁公开”的原则，除涉及国家秘密、商业秘密和个人隐私的信息外，"
         "工作依据、程序和结果应当自形成之日起二十个工作日内主动公开。"),
        ("强化协作配合", f"加强与公安、商务、海关等部门的沟通协作，建立线索通报和联合执法机制，"
         f"对{rng.choice(CITIES)}等地发现的区域性质量问题开展联合整治。"),
        ("严格督促检查", "省局将适时组织督查，对工作推进不力、问题整改不到位的单位予以通报，"
         "督查结果纳入年度绩效考核。"),
        ("做好宣传引导", "通过门户网站、政务微博微信等渠道及时发布工作进展和典型案例，"
         "主动做好政策解读和舆情回应工作，营造全社会关注质量的良好氛围。"),
    ]  # fmt: skip
    chosen = rng.sample(pool, k=rng.randint(3, 5))
    numerals = "一二三四五六七"
    return [f"{numerals[i]}、{head}。{text}" for i, (head, text) in enumerate(chosen)]


def generate(
    *, count: int, first_year: int, today: dt.date, seed: int = 2017
) -> list[DemoDocument]:
    """``count`` documents written between ``first_year`` and ``today``, newest last."""
    rng = random.Random(seed)  # noqa: S311 - demonstration text, not security
    span = (today - dt.date(first_year, 1, 1)).days - 20
    sequences: dict[tuple[str, int], int] = {}
    out: list[DemoDocument] = []
    seen: set[str] = set()
    n = 0
    while len(out) < count and n < count * 20:
        n += 1
        written = dt.date(first_year, 1, 1) + dt.timedelta(days=rng.randint(0, span))
        year = written.year
        product, equipment = rng.choice(PRODUCTS), rng.choice(EQUIPMENT)
        batch = rng.randint(1, 4)
        city = rng.choice(CITIES)
        templates = [
            ("quality", "05", f"关于开展{year}年{quality_of(product)}监督抽查工作的通知", f"{product}质量监督抽查"),
            ("quality", "03", f"关于公布{year}年第{batch}批{quality_of(product)}监督抽查结果的通告", f"{product}抽查结果"),
            ("office", "05", f"关于做好{year}年政务公开工作的通知", "政务公开"),
            ("special", "04", f"关于进一步加强{equipment}安全监察工作的意见", f"{equipment}安全监察"),
            ("standard", "02", f"关于发布《{product}生产企业质量管理规范》等{batch + 2}项福建省地方标准的公告", "地方标准发布"),
            ("enforce", "06", f"关于{year}年{city_name(city)}{product}专项整治情况的通报", f"{product}专项整治"),
            ("enforce", "05", f"关于开展“质检利剑”{product}专项打假行动的通知", f"{product}打假"),
            ("quality", "02", f"关于公布{year}年福建名牌产品名单的公告", "福建名牌产品"),
            ("cert", "10", f"福建省检验检测机构监督管理办法（试行）（{year}年修订）", "检验检测机构监督管理"),
            ("law", "01", f"关于调整{year}年度行政许可事项目录的决定", "行政许可事项调整"),
            ("quality", "06", f"关于{year}年缺陷{product}召回情况的通报", f"缺陷{product}召回"),
            ("metrology", "05", f"关于开展{year}年计量器具强制检定专项检查的通知", "计量器具强制检定"),
        ]  # fmt: skip
        area, genre, title, subject = rng.choice(templates)
        area_name, dept_name, agency = AREAS[area]
        if title in seen:
            continue
        seen.add(title)
        basis = "、".join(rng.sample(BASIS, k=2))
        published = min(today, written + dt.timedelta(days=rng.randint(1, 18)))
        issuer = issuer_on(written)
        body = [
            SALUTATION if issuer == PREDECESSOR else SUCCESSOR_SALUTATION,
            f"为贯彻落实{basis}等法律法规，进一步做好{subject}工作，"
            f"切实保障人民群众生命财产安全，现就有关事项{'通知' if genre == '05' else '明确'}如下：",
            *_items(rng, subject, area_name, year),
            f"请各单位于{_cn_date(written + dt.timedelta(days=30))}前将工作开展情况书面报送省局{dept_name}处。",
            issuer,
            _cn_date(written),
            "（此件主动公开）",
        ]
        trial = "试行" in title
        out.append(
            DemoDocument(
                key=f"demo-{seed}-{n}",
                title=title,
                doc_number=agency_on(agency, written),  # numbered below
                area=area,
                genre=genre,
                topic=AREA_TOPIC[area],
                written_on=written,
                published_on=published,
                summary=f"{dept_name}：{subject}的工作要求和时间安排。",
                keywords=f"{subject} {area_name}",
                body=body,
                valid_until=written.replace(year=year + 2)
                if trial and written.month != 2
                else None,
                needs_interpretation=genre in ("04", "10"),
                issuer=issuer,
            )
        )
    # 文号 sequence numbers follow the writing dates within each agency and year.
    out.sort(key=lambda d: (d.written_on, d.key))
    for doc in out:
        agency, year = doc.doc_number, doc.written_on.year
        sequences[(agency, year)] = sequences.get((agency, year), 0) + rng.randint(1, 6)
        doc.doc_number = f"{agency}〔{year}〕{sequences[(agency, year)]}号"
    return sorted(out, key=lambda d: (d.published_on, d.key))

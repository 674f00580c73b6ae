"""Names of administrative divisions (GB/T 2260) and industries (GB/T 4754) that the
public pages show in place of their codes.

Only the codes this bureau's registries use are listed (Fujian's prefecture-level
cities and the districts of Fuzhou and Xiamen, and the 杭州 districts of the public
draw vector); an unknown code is shown as it is. The list is data: a deployment in
another province extends ``REGIONS``.
"""

from __future__ import annotations

# GB/T 2260 (民政部 2023 年行政区划代码).
REGIONS: dict[str, str] = {
    "350000": "福建省",
    "350100": "福州市",
    "350102": "福州市鼓楼区",
    "350103": "福州市台江区",
    "350104": "福州市仓山区",
    "350105": "福州市马尾区",
    "350111": "福州市晋安区",
    "350112": "福州市长乐区",
    "350121": "闽侯县",
    "350128": "平潭综合实验区",  # 平潭县, administered by the experimental zone
    "350181": "福清市",
    "350200": "厦门市",
    "350203": "厦门市思明区",
    "350205": "厦门市海沧区",
    "350206": "厦门市湖里区",
    "350211": "厦门市集美区",
    "350212": "厦门市同安区",
    "350213": "厦门市翔安区",
    "350300": "莆田市",
    "350400": "三明市",
    "350500": "泉州市",
    "350600": "漳州市",
    "350700": "南平市",
    "350800": "龙岩市",
    "350900": "宁德市",
    "330102": "杭州市上城区",
    "330105": "杭州市拱墅区",
    "330106": "杭州市西湖区",
    "330108": "杭州市滨江区",
    "330109": "杭州市萧山区",
    "330110": "杭州市余杭区",
}

# GB/T 4754-2017 (国民经济行业分类), the divisions the registries use.
INDUSTRIES: dict[str, str] = {
    "C13": "农副食品加工业",
    "C14": "食品制造业",
    "C15": "酒、饮料和精制茶制造业",
    "C38": "电气机械和器材制造业",
    "C39": "计算机、通信和其他电子设备制造业",
    "F52": "零售业",
    "H62": "餐饮业",
}


def region_name(code: str) -> str:
    """The division's name, or the code itself when it is not listed."""
    return REGIONS.get(code, code)


def industry_name(code: str) -> str:
    """The industry's name, or the code itself when it is not listed."""
    return INDUSTRIES.get(code, code)

"""Chinese names of the cities, counties and districts the catalogue records carry in pinyin (``city``,
``county``), so a Chinese page reads 晋城 · 阳城 rather than Jincheng · Yangcheng. Single-syllable counties keep
their 县 (祁县, 隰县, 应县): a lone character would not read as a place."""

from __future__ import annotations

from itineraries.catalogue.display import chinese

AREAS_ZH = {
    "Changzhi": "长治",
    "Changzi": "长子",
    "Chengqu": "城区",
    "Datong": "大同",
    "Gaoping": "高平",
    "Hunyuan": "浑源",
    "Jiexiu": "介休",
    "Jincheng": "晋城",
    "Jinyuan": "晋源",
    "Jinzhong": "晋中",
    "Linfen": "临汾",
    "Lingchuan": "陵川",
    "Lingshi": "灵石",
    "Pingcheng": "平城",
    "Pingyao": "平遥",
    "Qi": "祁县",
    "Qinshui": "沁水",
    "Shuozhou": "朔州",
    "Taigu": "太谷",
    "Taiyuan": "太原",
    "Wutai": "五台",
    "Xi": "隰县",
    "Xinzhou": "忻州",
    "Xiyang": "昔阳",
    "Yangcheng": "阳城",
    "Ying": "应县",
    "Yingze": "迎泽",
    "Yongji": "永济",
    "Yuci": "榆次",
    "Yuncheng": "运城",
    "Yungang": "云冈",
    "Zezhou": "泽州",
    "Zuoquan": "左权",
}


def area_name(name: str) -> str:
    """A city or county in the page's language (an unknown one as it is stored)."""
    return AREAS_ZH.get(name, name) if chinese() else name


def area_line(city: str, county: str) -> str:
    return " · ".join(area_name(part) for part in (city, county) if part)

"""Path converters shared by the URLconfs; importing this module registers them.

``<year:year>``: a calendar year from 2008 — the year the Regulations on the
Disclosure of Government Information took effect (条例 2007 年 国务院令第492号，
2008 年 5 月 1 日施行), so the first year with an annual report or a statutory
clock — to 9998 (the day after 31 December of 9999 is not a date), written
without leading zeros (one address per year). Anything else is no page: 404,
never a calendar overflow.
"""

from __future__ import annotations

import argparse

from django.urls import register_converter
from django.utils.translation import gettext as _

FIRST_YEAR = 2008
LAST_YEAR = 9998


class YearConverter:
    regex = "[0-9]{1,16}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR or value != str(year):
            raise ValueError(value)  # the resolver answers: no such page
        return year

    def to_url(self, value: int) -> str:
        return str(int(value))


register_converter(YearConverter, "year")


def year_argument(value: str) -> int:
    """The same range for a command's year argument (argparse ``type``)."""
    try:
        return YearConverter().to_python(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("年份应为 %(first)d 至 %(last)d 之间的整数：%(value)s")
            % {"first": FIRST_YEAR, "last": LAST_YEAR, "value": value}
        ) from None

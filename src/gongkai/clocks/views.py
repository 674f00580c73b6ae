"""Workbench pages for the holiday table: years in force, one year's days, import."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_configure
from gongkai.common.errors import GongkaiError, PermissionDeniedError

from .forms import CalendarImportForm
from .importing import parse_calendar_text
from .models import CalendarYear, HolidayDay
from .recompute import calendar_year_set
from .selectors import work_calendar


@staff_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    """Announced years, and (administrators) the import of a new notice."""
    form = CalendarImportForm()
    if request.method == "POST":
        if not can_configure(request.user):
            raise PermissionDeniedError()
        form = CalendarImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read().decode("utf-8-sig")
                by_year, source = parse_calendar_text(
                    text, json_format=upload.name.lower().endswith(".json")
                )
                if not by_year:
                    raise ValueError(_("文件中没有任何日期。"))
                for year, rows in sorted(by_year.items()):
                    calendar_year_set(
                        year=year,
                        days=rows,
                        by=request.user,
                        source=form.cleaned_data["source"] or source or upload.name,
                    )
            except UnicodeDecodeError:
                form.add_error("file", _("文件必须是 UTF-8 编码。"))
            except ValueError as exc:
                form.add_error("file", str(exc))
            except GongkaiError as exc:
                form.add_error("file", str(exc.message))
            else:
                messages.success(
                    request,
                    _("已导入 %(years)s 年的节假日安排，所有未结束的时限已重新计算。")
                    % {"years": "、".join(str(y) for y in sorted(by_year))},
                )
                return redirect("clocks:calendar")
    calendar = work_calendar()
    this_year = timezone.localdate().year
    years = [
        {
            "year": y,
            "known": calendar.is_known(dt.date(y, 1, 1)),
            "entry": CalendarYear.objects.filter(year=y).first(),
        }
        for y in range(this_year - 1, this_year + 2)
    ]
    return render(
        request,
        "clocks/calendar_list.html",
        {
            "years": years,
            "form": form,
            "can_import": can_configure(request.user),
            "entries": CalendarYear.objects.all(),
        },
    )


@staff_required
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    """Every day of ``year`` that differs from Monday-to-Friday working."""
    calendar = work_calendar()
    days = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        working = calendar.is_working_day(day)
        if working == (day.weekday() >= 5):
            days.append(
                {"day": day, "working": working, "name": calendar.day_name(day)}
            )
        day += dt.timedelta(days=1)
    return render(
        request,
        "clocks/calendar_year.html",
        {
            "year": year,
            "days": days,
            "known": calendar.is_known(dt.date(year, 1, 1)),
            "table_rows": HolidayDay.objects.filter(day__year=year).count(),
        },
    )

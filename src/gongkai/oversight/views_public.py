"""Public pages of oversight: the reading rooms, the leading group and its division
of work, training sessions (闽质监〔2017〕126号 三(一): 及时对外发布小组成员及工作分工)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.publishing.pagecache import public_page

from .models import GroupMember, ReadingRoom, TrainingSession


@public_page
def organisation(request: HttpRequest) -> HttpResponse:
    context = {
        "members": GroupMember.objects.all(),
        "training": TrainingSession.objects.filter(public=True)[:50],
        "rooms": ReadingRoom.objects.all(),
    }
    return render(request, "oversight/organisation.html", context)


@public_page
def reading_rooms(request: HttpRequest) -> HttpResponse:
    return render(
        request, "oversight/reading_rooms.html", {"rooms": ReadingRoom.objects.all()}
    )

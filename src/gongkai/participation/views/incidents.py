"""Pages of incidents: the public list and one incident with its releases in order;
the workbench list, registration, and releases (each stops its clock)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.decorators import staff_required
from gongkai.common.errors import GongkaiError, NotFoundError
from gongkai.publishing.pagecache import public_page

from ..mailbox_forms import IncidentForm, ReleaseForm
from ..presenters import incident_record
from ..selectors.mailbox import (
    clock_rows,
    incident_list_public,
    incident_visible_to_staff,
)
from ..services.incidents import (
    can_handle_incident,
    incident_create,
    incident_release_add,
)


@public_page
def incident_list(request: HttpRequest) -> HttpResponse:
    rows = [
        incident_record(i)
        for i in incident_list_public().select_related("department")[:200]
    ]
    return render(request, "participation/incidents/incident_list.html", {"rows": rows})


@public_page
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_list_public().select_related("department").filter(pk=pk).first()
    if incident is None:
        raise NotFoundError()
    return render(
        request,
        "participation/incidents/incident_detail.html",
        {"i": incident_record(incident)},
    )


@staff_required
def staff_incident_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/incidents/staff_list.html",
        {"incidents": incident_visible_to_staff(request.user)[:300]},
    )


@staff_required
def staff_incident_create(request: HttpRequest) -> HttpResponse:
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = incident_create(
                title=data["title"],
                kind=data["kind"],
                occurred_at=data["occurred_at"],
                department=data["department"],
                summary=data["summary"],
                is_public=data["is_public"],
                by=request.user,  # type: ignore[arg-type]
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect("participation-staff:incident-detail", pk=incident.pk)
    return render(request, "participation/incidents/staff_form.html", {"form": form})


@staff_required
def staff_incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_visible_to_staff(request.user).filter(pk=pk).first()
    if incident is None:
        raise Http404
    form = ReleaseForm(request.POST or None, initial={"at": timezone.localtime()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident_release_add(
                incident=incident,
                kind=data["kind"],
                title=data["title"],
                at=data["at"],
                url=data["url"],
                body=data["body"],
                by=request.user,  # type: ignore[arg-type]
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect("participation-staff:incident-detail", pk=pk)
    return render(
        request,
        "participation/incidents/staff_detail.html",
        {
            "incident": incident,
            "releases": incident.releases.all(),
            "clocks": clock_rows(incident, now=timezone.now()),
            "can_handle": can_handle_incident(request.user, incident.department_id),
            "form": form,
        },
    )

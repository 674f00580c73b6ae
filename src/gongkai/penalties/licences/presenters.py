"""What the public sees of a licensing decision: the 双公示 items, a natural person's
identifiers masked (RULES §3.3: ID number first 6 and last 4 characters, name by
core.ids.mask_name unless already masked by hand). Every public page, API response,
feed and search entry is built from here."""

from __future__ import annotations

from typing import Any

from gongkai.core.ids import mask_id_number, mask_name

from . import rules
from .models import LicenceDecision


def _masked(name: str) -> bool:
    return any(c in "某*＊" for c in name[1:])


def public_name(lic: LicenceDecision) -> str:
    name = lic.party_name
    if not lic.is_natural_person or _masked(name.strip()):
        return name
    return mask_name(name)


def public_text(lic: LicenceDecision, text: str) -> str:
    name = lic.party_name.strip()
    if not lic.is_natural_person or len(name) < 2 or _masked(name) or not text:
        return text
    return text.replace(name, mask_name(name))


def valid_until_text(lic: LicenceDecision) -> str:
    return "长期" if lic.valid_until == rules.LONG_TERM else lic.valid_until.isoformat()


def public_list_record(lic: LicenceDecision) -> dict[str, Any]:
    """The fields of the public list, its downloads and the feed."""
    natural = lic.is_natural_person
    return {
        "id": lic.pk,
        "decision_number": lic.decision_number,
        "document_name": public_text(lic, lic.document_name),
        "party_name": public_name(lic),
        "party_category": lic.get_party_category_display(),
        "uscc": "" if natural else lic.uscc,
        "licence_category": lic.get_licence_category_display(),
        "certificate_name": lic.certificate_name,
        "certificate_number": lic.certificate_number,
        "content": public_text(lic, lic.content),
        "decided_on": lic.decided_on.isoformat(),
        "valid_from": lic.valid_from.isoformat(),
        "valid_until": valid_until_text(lic),
        "authority": lic.authority,
        "url": lic.get_absolute_url(),
    }


def public_record(lic: LicenceDecision) -> dict[str, Any]:
    """One decision's public fields, masked."""
    natural = lic.is_natural_person
    out = public_list_record(lic)
    out.update(
        legal_rep="" if natural else lic.legal_rep,
        party_id_type=lic.get_party_id_type_display() if natural else "",
        party_id_number=mask_id_number(lic.party_id_number)
        if natural and lic.party_id_number
        else "",
        authority_uscc=lic.authority_uscc,
        source_unit=lic.source_unit,
        remarks=public_text(lic, lic.remarks),
    )
    return out

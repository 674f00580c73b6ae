"""What the public sees of a penalty: the summary of 总局令第45号 (文号, party, violation
type, content, authority and date) with natural persons' data masked (RULES §3.3).

Natural persons' ID numbers, phone numbers and addresses never leave through these
functions: the ID number is masked (first 6 and last 4 characters), a natural
person's address is left out, and the legal representative's ID number is masked.
A natural person's name is masked by the platform's one name rule
(core.ids.mask_name, 张三 -> 张*), in the summary and wherever the published texts
repeat it, so staff need not type 王某某 (总局令第45号 第六条: 个人信息 is processed
before publication; RULES §3.3). Every public page, API response, feed, download and
search entry is built from here.
"""

from __future__ import annotations

from typing import Any

from gongkai.core.ids import mask_id_number, mask_name

from .models import Penalty


def _money(value: Any) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def _masked(name: str) -> bool:
    # Already masked by hand (王某某, 李*): kept as typed.
    return any(c in "某*＊" for c in name[1:])


def public_name(p: Penalty) -> str:
    """The party's name as published: a natural person's masked."""
    name = p.party_name
    if not p.is_natural_person or _masked(name.strip()):
        return name
    return mask_name(name)


def public_text(p: Penalty, text: str) -> str:
    """A published text of ``p`` with a natural person's full name masked."""
    name = p.party_name.strip()
    if not p.is_natural_person or len(name) < 2 or _masked(name) or not text:
        return text
    return text.replace(name, mask_name(name))


def public_record(p: Penalty) -> dict[str, Any]:
    """The public fields of one penalty, masked, keyed by stable English names."""
    natural = p.is_natural_person
    return {
        "id": p.pk,
        "decision_number": p.decision_number,
        "party_name": public_name(p),
        "party_category": p.get_party_category_display(),
        "uscc": "" if natural else p.uscc,
        "legal_rep": "" if natural else p.legal_rep,
        "party_id_number": mask_id_number(p.party_id_number)
        if natural and p.party_id_number
        else "",
        "party_address": "" if natural else p.party_address,
        "violation_type": public_text(p, p.violation_type),
        "penalty_types": "、".join(p.type_labels()),
        "content": public_text(p, p.content),
        "fine_amount": _money(p.fine_amount),
        "confiscated_amount": _money(p.confiscated_amount),
        "decided_on": p.decided_on.isoformat(),
        "publicity_until": p.publicity_until.isoformat(),
        "authority": p.authority,
        "url": p.get_absolute_url(),
        "decision_text": public_text(p, p.decision_text),
        "facts": public_text(p, p.facts),
        "basis": p.basis,
    }


def public_list_record(p: Penalty) -> dict[str, Any]:
    """The fields of the public list and its downloads (no decision text)."""
    natural = p.is_natural_person
    return {
        "id": p.pk,
        "decision_number": p.decision_number,
        "party_name": public_name(p),
        "party_category": p.get_party_category_display(),
        "uscc": "" if natural else p.uscc,
        "violation_type": public_text(p, p.violation_type),
        "penalty_types": "、".join(p.type_labels()),
        "content": public_text(p, p.content),
        "fine_amount": _money(p.fine_amount),
        "decided_on": p.decided_on.isoformat(),
        "publicity_until": p.publicity_until.isoformat(),
        "authority": p.authority,
        "url": p.get_absolute_url(),
    }

"""From models to dsr-draw/1 documents: parameters P, snapshots, inputs, bundles.

Reads only; the services store what these functions build. The snapshot records
follow DRAW.md §4 exactly; the public bundle holds what §12.1 allows to publish.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from gongkai.core.draw import PROTOCOL
from gongkai.core.draw.drand import KNOWN_CHAINS, DrandChain

from .models import Conflict, Draw, Inspector, Target, Task


def pinned_drand_chain(chain_hash: str) -> DrandChain | None:
    """The drand network with this chain hash whose public key is pinned (§7.1).

    The League of Entropy mainnets are built in; ``GONGKAI_DRAND_CHAINS`` may pin
    more (chain hash → name, public_key, scheme, genesis, period).
    """
    extra = getattr(settings, "GONGKAI_DRAND_CHAINS", {}) or {}
    if chain_hash in extra:
        return DrandChain(**extra[chain_hash])
    return KNOWN_CHAINS.get(chain_hash)


def beacon_object(
    task: Task, *, drand_round: int | None = None, lottery_draws: Any = None
) -> dict[str, Any]:
    """The §6.3 beacon object of a task (or of a restart / follow-up with its own)."""
    if task.beacon_type == "drand":
        return {
            "type": "drand",
            "chain_hash": task.drand_chain_hash,
            "round": drand_round if drand_round is not None else task.drand_round,
        }
    draws = lottery_draws if lottery_draws is not None else task.lottery_draws
    return {
        "type": "lottery",
        "draws": [{"game": d["game"], "issue": d["issue"]} for d in draws],
    }


def task_params(
    task: Task,
    *,
    beacon: dict[str, Any],
    reveal_deadline: str,
    supersedes: dict[str, str] | None = None,
    follows: Draw | None = None,
    risks: list[str] | None = None,
    target_count: int | None = None,
) -> dict[str, Any]:
    """P (§5) with every field explicit; a follow-up per §12.3 (weights 1, no cutoff)."""
    meta: dict[str, Any] = {
        "department": task.department.name,
        "items": [item.code for item in task.items.all()],
        "title": task.title,
        "reveal_deadline": reveal_deadline,
    }
    if task.plan_id:
        meta["plan"] = task.plan.title if task.plan else ""
    params: dict[str, Any] = {
        "protocol": PROTOCOL,
        "task_id": task.code,
        "hash_alg": task.hash_alg,
        "mode": task.mode,
        "target_count": task.target_count,
        "risk_weights": dict(task.risk_weights),
        "stratify_by": list(task.stratify_by),
        "exclude_inspected_on_or_after": task.cutoff.isoformat()
        if task.cutoff
        else None,
        "reserve_per_stratum": task.reserve_per_stratum,
        "team_size": task.team_size,
        "capacity_slack": task.capacity_slack,
        "max_probes": task.max_probes,
        "beacon": beacon,
        "supersedes": supersedes,
        "meta": meta,
    }
    if follows is not None:
        # DRAW.md §12.3: all of them selected, weight 1, no cutoff, names the commit.
        params.update(
            {
                "task_id": f"{task.code}-F{follows.number}",
                "target_count": target_count or 0,
                "risk_weights": dict.fromkeys(risks or [], 1),
                "stratify_by": ["risk"],
                "exclude_inspected_on_or_after": None,
                "reserve_per_stratum": 0,
            }
        )
        meta["follows_commit_hash"] = follows.commit_hash
    return params


def target_record(t: Target) -> dict[str, Any]:
    return {
        "uscc": t.uscc,
        "region": t.region,
        "industry": t.industry,
        "risk": t.risk,
        "last_inspected": t.last_inspected.isoformat() if t.last_inspected else None,
        "status": t.status,
    }


def inspector_record(i: Inspector) -> dict[str, Any]:
    return {
        "id": i.code,
        "home_region": i.home_region,
        "quals": list(i.quals),
        "available": i.available,
    }


def snapshot_for(
    task: Task, *, followup_usccs: list[str] | None = None, source: Draw | None = None
) -> dict[str, Any]:
    """Freeze the registries as §4 records (a follow-up: exactly the unstaffed targets)."""
    if followup_usccs is not None and source is not None:
        wanted = set(followup_usccs)
        targets = [r for r in source.snapshot["targets"] if r["uscc"] in wanted]
        inspectors = Inspector.objects.all()
        departments = list(task.followup_departments.all())
        if departments:
            inspectors = inspectors.filter(department__in=departments)
    else:
        qs = Target.objects.all()
        if task.industries:
            qs = qs.filter(industry__in=task.industries)
        targets = [
            target_record(t) for t in qs.order_by("uscc").iterator(chunk_size=5000)
        ]
        inspectors = Inspector.objects.all()
    coi = [
        list(pair)
        for pair in Conflict.objects.order_by("inspector__code", "uscc").values_list(
            "inspector__code", "uscc"
        )
    ]
    return {
        "targets": targets,
        "inspectors": [inspector_record(i) for i in inspectors.order_by("code")],
        "coi": coi,
    }


def draw_input(
    draw: Draw, *, with_beacon: bool = True, with_snapshot: bool = True
) -> dict[str, Any]:
    """The §14 input of a draw (with its secret): for the engine and auditors only."""
    doc: dict[str, Any] = {
        "task": draw.params,
        "secret_hex": draw.secret_hex or None,
        "contributions": [
            {
                "id": c.contributor_id,
                "value_hex": c.value_hex or None,
                "commitment_hex": c.commitment,
            }
            # An invited contributor that handed in no commitment is not in C (§6.4).
            for c in (draw.contributions.exclude(commitment="") if draw.pk else [])
        ],
    }
    if with_beacon:
        doc["beacon_randomness_hex"] = draw.beacon_randomness_hex
    if with_snapshot:
        for key in ("targets", "inspectors", "coi"):
            doc[key] = draw.snapshot[key]
    return doc


def is_output_public(draw: Draw) -> bool:
    """§12.1: the full output is public in public mode after the draw, in
    confidential mode from the publication of the task."""
    return draw.output is not None and (
        draw.params["mode"] == "public" or draw.published_at is not None
    )


def is_secret_public(draw: Draw) -> bool:
    """§12.1 / §12.2: published with the task, or when a restart supersedes the draw."""
    if draw.params["mode"] != "confidential":
        return False
    if draw.published_at is not None:
        return True
    return Draw.objects.filter(supersedes=draw).exclude(commit_hash="").exists()


def public_output(draw: Draw) -> dict[str, Any] | None:
    """The output as published: without inspector names unless the task allows (§12.1)."""
    if not is_output_public(draw):
        return None
    out = draw.output
    assert out is not None
    if draw.task.publish_inspectors:
        return out
    result = dict(out["result"])
    result["teams"] = [{"team": t["team"], "load": t["load"]} for t in result["teams"]]
    return {**out, "result": result}


def public_bundle(draw: Draw) -> dict[str, Any]:
    """What anyone may download (§12.1), checked by ``python -m gongkai.core.draw.bundle``."""
    bundle: dict[str, Any] = {
        "format": "gongkai public bundle / dsr-draw/1",
        "task": draw.params,
        "commit": draw.commit,
        "commit_log_hash": draw.commit_log_hash,
        "secret_hex": draw.secret_hex if is_secret_public(draw) else None,
        "beacon_randomness_hex": draw.beacon_randomness_hex or None,
        "beacon_evidence": draw.beacon_evidence or None,
        "output": public_output(draw),
    }
    if bundle["output"] is None and draw.output is not None:
        # Confidential, before publication: result_root fixes the result (§12.1).
        bundle["result_root"] = draw.result_root
        bundle["output_log_hash"] = draw.output_log_hash
    return bundle

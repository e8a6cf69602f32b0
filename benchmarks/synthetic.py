"""Synthetic organisation models of the seed's family, at any scale (deterministic).

Each activity has one responsible role of its own, two assisting roles, a first monitor
(a manager role) and another monitor (a department), two reporting lines, an output, a
parent area and an interface department: ten relationships per activity, plus one
BELONGS_TO per role.  ``synthetic_model(95_000)`` states about one million relationships.

:func:`shuffled_seed` is text rather than a model: the bundled document's clauses
shuffled to any size, for extraction's scaling and limits.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from kg.model import (
    Activity,
    Department,
    Model,
    Monitor,
    Output,
    Provenance,
    Report,
    Role,
    Source,
)
from loaders.text import PAGE_MARKER

SEED = Path(__file__).resolve().parents[1] / "data" / "huawei-marketing-model-v1.txt"


def _prov(i: int, text: str) -> Provenance:
    return Provenance(page=i // 50 + 1, start=i * 100, end=i * 100 + len(text), text=text)


def synthetic_model(activities: int, *, source_id: str = "bench:synthetic") -> Model:
    n = max(activities, 3)
    managers = max(n // 20, 1)
    depts = max(n // 50, 1) + 1
    areas = max(n // 1000, 1)
    departments = [
        Department(id=f"dept:部门{d}", name=f"部门{d}", name_original=f"部門{d}", name_en=f"Department {d}")
        for d in range(depts)
    ]
    roles = [
        Role(
            id=f"role:岗位{i}",
            name=f"岗位{i}",
            name_original=f"崗位{i}",
            name_en=f"Role {i}",
            department=f"dept:部门{i % depts}",
            provenance=_prov(i, f"崗位{i}直接歸屬部門{i % depts}管理"),
        )
        for i in range(n)
    ] + [
        Role(id=f"role:经理{m}", name=f"经理{m}", name_en=f"Manager {m}", department=f"dept:部门{m % depts}")
        for m in range(managers)
    ]
    outputs = [Output(id=f"output:报告{i}", name=f"报告{i}", name_en=f"Report {i}") for i in range(n)]
    acts = [
        Activity(id=f"activity:业务{a}", code=str(a + 1), name=f"业务{a}", kind="area")
        for a in range(areas)
    ]
    for i in range(n):
        role, nxt, nxt2 = f"role:岗位{i}", f"role:岗位{(i + 1) % n}", f"role:岗位{(i + 2) % n}"
        manager = f"role:经理{i % managers}"
        acts.append(
            Activity(
                id=f"activity:活动{i}",
                code=f"{i % areas + 1}.{i}",
                name=f"活动{i}",
                name_original=f"活動{i}",
                name_en=f"Activity {i}",
                kind="activity",
                parent=f"activity:业务{i % areas}",
                description=f"活动{i}的业务描述",
                outputs=[f"output:报告{i}"],
                responsible=[role],
                assists=[nxt, nxt2],
                monitors=[
                    Monitor(id=manager, rank="first"),
                    Monitor(id=f"dept:部门{i % depts}", rank="other"),
                ],
                reports=[Report(**{"from": role, "to": manager}), Report(**{"from": nxt, "to": role})],
                interface_departments=[f"dept:部门{(i + 7) % depts}"],
                provenance=_prov(i, f"A.活動{i}"),
                evidence={
                    "responsible": _prov(i, f"主要責任人:崗位{i}"),
                    "assists": _prov(i, f"協助人:崗位{(i + 1) % n},崗位{(i + 2) % n}"),
                    "monitors": _prov(i, f"管理者:第一監控人為經理{i % managers}"),
                    "reports": _prov(i, f"匯報關系:崗位{i}向經理{i % managers}匯報"),
                    "outputs": _prov(i, f"業務輸出:報告{i}"),
                },
            )
        )
    return Model(
        source=Source(id=source_id, title=f"synthetic model, {n} activities", version="1"),
        departments=departments,
        roles=roles,
        outputs=outputs,
        activities=acts,
    )


# --------------------------------------------------------------------------- organisation
def synthetic_org(roles: int, *, source_id: str = "bench:org", branching: int = 2) -> Model:
    """An organisation of ``roles`` roles for query benchmarks (deterministic).

    - a reporting hierarchy: role ``i`` reports to role ``(i - 1) // branching`` (the
      default 2 makes 100,000 roles 17 levels deep), each line stated in the context of
      the activity the role is responsible for;
    - matrix reporting: every tenth role also reports to a second superior, in the context
      of another activity;
    - nested departments: a company, divisions, departments and teams (PART_OF three levels
      deep); each role belongs to the team of its place in the hierarchy;
    - one activity per role (its RACI: responsible, two assistants, its superior as first
      monitor, its team as other monitor; one output; an interface department), grouped
      into business areas and groups (PART_OF two levels).

    About ten relationships per role: ``synthetic_org(100_000)`` states about one million.
    """
    n = max(roles, 4)
    teams = max(n // 100, 1)
    divisions = max(teams // 100, 1)
    middles = max(teams // 10, 1)
    departments = [Department(id="dept:公司", name="公司", name_en="Company")]
    departments += [
        Department(id=f"dept:事业部{d}", name=f"事业部{d}", name_en=f"Division {d}", parent="dept:公司")
        for d in range(divisions)
    ]
    departments += [
        Department(id=f"dept:部门{m}", name=f"部门{m}", name_en=f"Department {m}", parent=f"dept:事业部{m % divisions}")
        for m in range(middles)
    ]
    departments += [
        Department(id=f"dept:团队{t}", name=f"团队{t}", name_en=f"Team {t}", parent=f"dept:部门{t % middles}")
        for t in range(teams)
    ]
    team_of = [(i * teams) // n for i in range(n)]
    role_list = [
        Role(
            id=f"role:岗位{i}", name=f"岗位{i}", name_original=f"崗位{i}", name_en=f"Position {i}",
            department=f"dept:团队{team_of[i]}",
            provenance=_prov(i, f"崗位{i}直接歸屬團隊{team_of[i]}管理"),
        )
        for i in range(n)
    ]
    areas = max(n // 10_000, 1)
    groups = max(n // 500, 1)
    acts = [
        Activity(id=f"activity:领域{a}", code=str(a + 1), name=f"领域{a}", name_en=f"Area {a}", kind="area")
        for a in range(areas)
    ]
    acts += [
        Activity(
            id=f"activity:业务组{g}", code=f"{g % areas + 1}.{g}", name=f"业务组{g}", name_en=f"Group {g}",
            kind="activity", parent=f"activity:领域{g % areas}",
        )
        for g in range(groups)
    ]
    outputs = [Output(id=f"output:成果{i}", name=f"成果{i}", name_en=f"Deliverable {i}") for i in range(n)]
    for i in range(n):
        me = f"role:岗位{i}"
        boss = f"role:岗位{(i - 1) // branching}" if i else None
        reports = [Report(**{"from": me, "to": boss})] if boss else []
        # matrix reporting: a dotted line to a role of another branch, in this activity
        if i % 10 == 5:
            reports.append(Report(**{"from": me, "to": f"role:岗位{(i * 7 + 3) % max(i, 1)}"}))
        assists = [f"role:岗位{(i + 1) % n}", f"role:岗位{(i + 2) % n}"]
        group = i % groups
        acts.append(
            Activity(
                id=f"activity:活动{i}", code=f"{group % areas + 1}.{group}.{i}", name=f"活动{i}",
                name_original=f"活動{i}", name_en=f"Activity {i}", kind="activity",
                parent=f"activity:业务组{group}", description=f"活动{i}的业务描述",
                outputs=[f"output:成果{i}"], responsible=[me], assists=assists,
                monitors=[
                    Monitor(id=boss or me, rank="first"),
                    Monitor(id=f"dept:团队{team_of[i]}", rank="other"),
                ],
                reports=reports,
                interface_departments=[f"dept:部门{(i + 3) % middles}"],
                provenance=_prov(i, f"A.活動{i}"),
            )
        )
    return Model(
        source=Source(id=source_id, title=f"synthetic organisation, {n} roles", version="1"),
        departments=departments, roles=role_list, outputs=outputs, activities=acts,
    )


def shuffled_seed(size: int, seed: int = 0) -> str:
    """About ``size`` bytes made of the seed's own clauses, shuffled, with page markers."""
    raw = SEED.read_text(encoding="utf-8")
    body = "".join(PAGE_MARKER.sub("", line, count=1) for line in raw.split("\n")[1:] if line)
    pieces = [p for p in re.split(r"(?<=[,。:;、])", body) if p]
    rnd = random.Random(seed)
    pages: list[str] = []
    page: list[str] = []
    total = 0
    while total < size:
        piece = rnd.choice(pieces)
        page.append(piece)
        total += len(piece.encode())
        if sum(map(len, page)) > 3000:
            pages.append("".join(page))
            page = []
    pages.append("".join(page))
    return "header\n" + "\n".join(f"{i}、{p}" for i, p in enumerate(pages, 1))

"""Synthetic organisation models of the seed's family, at any scale (deterministic).

Each activity has one responsible role of its own, two assisting roles, a first monitor
(a manager role) and another monitor (a department), two reporting lines, an output, a
parent area and an interface department: ten relationships per activity, plus one
BELONGS_TO per role.  ``synthetic_model(95_000)`` states about one million relationships.
"""

from __future__ import annotations

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

"""Validation rules over the loaded graph: gaps, conflicts and likely duplicates.

Each rule is a canned query ``cypher/validate-*.cypher`` whose header carries a
``// severity:`` (error, warning or info) and which returns ``ids, nodes, detail``, one
row per finding (the offending nodes' ids and names).  The rules:

- ``validate-leaf-without-responsible`` (error): a leaf activity nobody is responsible for;
- ``validate-leaf-without-first-monitor`` (error): a leaf activity without a first monitor;
- ``validate-multiple-first-monitors`` (error): more than one first monitor;
- ``validate-sod-conflict`` (error): a role responsible for an activity it also monitors;
- ``validate-reporting-cycle`` (error): reporting lines that lead back to their start;
- ``validate-isolated-role`` (warning): a role in no reporting line at all;
- ``validate-role-without-department`` (warning): a role that belongs to no department;
- ``validate-output-without-producer`` (warning): an output no activity produces;
- ``validate-likely-duplicate`` (warning): names that differ only in script or by an
  office prefix (办事处产品副主任 / 产品副主任);
- ``validate-conflicting-values`` (warning): two sources state different values for the
  same property of a node (the graph shows the value of the source whose id sorts first).

A parent activity whose sub-activities carry the assignments is not a finding, nor is a
business area, nor the top of a reporting chain (it is reported to).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from kg.db import Database
from kg.errors import QueryError
from kg.queries import SEVERITIES, CannedQuery, rules, run_query

SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(SEVERITIES)}
#: The order findings are reported in (rules not listed follow, by name).
RULE_ORDER = (
    "leaf-without-responsible",
    "leaf-without-first-monitor",
    "multiple-first-monitors",
    "sod-conflict",
    "reporting-cycle",
    "isolated-role",
    "role-without-department",
    "output-without-producer",
    "likely-duplicate",
    "conflicting-values",
)


@dataclass(frozen=True)
class Finding:
    rule: str  # the rule's name without the validate- prefix
    severity: str
    ids: tuple[str, ...]
    nodes: tuple[str, ...]
    detail: str

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ids"], data["nodes"] = list(self.ids), list(self.nodes)
        return data


@dataclass
class ValidationReport:
    findings: list[Finding] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def has_errors(self) -> bool:
        return self.count("error") > 0

    def summary(self) -> dict[str, int]:
        return {
            "rules": len(self.rules),
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "info": self.count("info"),
        }

    def summary_line(self) -> str:
        s = self.summary()
        return (
            f"{s['errors']} error(s), {s['warnings']} warning(s), {s['info']} info "
            f"from {s['rules']} rules"
        )

    def as_dict(self) -> dict[str, Any]:
        return {"summary": self.summary(), "findings": [f.as_dict() for f in self.findings]}


def short_name(rule: CannedQuery) -> str:
    return rule.name.removeprefix("validate-")


def select_rules(names: Iterable[str] | None = None) -> list[CannedQuery]:
    """All rules, or those named (with or without the ``validate-`` prefix)."""
    rank = {name: i for i, name in enumerate(RULE_ORDER)}
    ordered = sorted(rules(), key=lambda r: (rank.get(short_name(r), len(rank)), r.name))
    available = {short_name(r): r for r in ordered}
    if not names:
        return list(available.values())
    chosen = []
    for name in names:
        rule = available.get(name.removeprefix("validate-"))
        if rule is None:
            raise QueryError(f"unknown rule {name!r}; the rules are: {', '.join(available)}")
        chosen.append(rule)
    return chosen


def validate(
    db: Database, rule_names: Iterable[str] | None = None
) -> ValidationReport:
    """Run the rules (all, or those named) and collect their findings, errors first."""
    report = ValidationReport()
    for rule in select_rules(rule_names):
        assert rule.severity is not None
        report.rules.append(short_name(rule))
        for row in run_query(db, rule.name).dicts():
            report.findings.append(
                Finding(
                    rule=short_name(rule),
                    severity=rule.severity,
                    ids=tuple(row["ids"]),
                    nodes=tuple(row["nodes"]),
                    detail=row["detail"],
                )
            )
    report.findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])  # stable: rule order kept
    return report


__all__ = ["Finding", "ValidationReport", "select_rules", "short_name", "validate"]

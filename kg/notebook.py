"""A thin layer for analysts' notebooks: DataFrames, a styled RACI matrix, inline views,
and what-if comparisons — all built on the public library (kg.queries, kg.raci,
kg.validate, kg.viz).

    from kg.notebook import connect, query, raci_frame, what_if_remove
    g = connect()              # the library handle (kg.api.Graph): NEO4J_* / .env, as the CLI
    query(g, "workload")       # a canned query as a DataFrame

What-ifs never change the graph: the change and the measurements after it run in one
transaction that is rolled back (the "scratch copy" is that transaction's view).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from neo4j import Transaction

from kg import api, statements
from kg.api import Graph
from kg.db import Database
from kg.queries import coerce_params, get_query, resolve_node, run_query
from kg.raci import build_matrix
from kg.validate import Finding, select_rules, short_name
from kg.viz import View

#: The bundled seed document (in a source checkout).
SEED = Path(__file__).resolve().parent.parent / "data" / "huawei-marketing-model-v1.txt"
RACI_COLOURS = {
    "R": "background-color:#f4c7c3;color:#7a1c12;font-weight:600",
    "S": "background-color:#fde3c4;color:#7a4308",
    "A": "background-color:#dccbee;color:#4b2a73;font-weight:600",
    "C": "background-color:#efe6f7;color:#5b4470",
}


def connect(**overrides: Any) -> Graph:
    """The library handle (flags-like ``overrides`` > environment > .env), as ``kg.connect``."""
    return api.connect(**overrides)


def query(db: Database, name: str, **params: Any) -> pd.DataFrame:
    """A canned query's answer as a DataFrame (parameters by name, e.g. ``role='客户经理'``)."""
    return run_query(db, name, params).to_dataframe()


def raci_frame(db: Database) -> pd.DataFrame:
    """The RACI matrix: one row per activity (indexed by area and activity), one column per
    role or department, cells the letters (R, S, A, C; empty when none)."""
    matrix = build_matrix(db)
    rows = []
    for row in matrix.rows:
        cells = {p.name: matrix.cell(row, p) for p in matrix.parties}
        rows.append({"area": row.area or "", "activity": ("  " * row.depth) + row.name, **cells})
    frame = pd.DataFrame(rows, columns=["area", "activity", *[p.name for p in matrix.parties]])
    return frame.set_index(["area", "activity"])


def style_raci(frame: pd.DataFrame) -> Any:
    """The matrix as a pandas Styler: each letter in its colour (R red, S orange, A dark
    violet, C light violet), as in the views' legend."""

    def colour(value: Any) -> str:
        letters = str(value or "").split("/")
        return next((RACI_COLOURS[x] for x in letters if x in RACI_COLOURS), "")

    return (
        frame.style.map(colour)
        .set_properties(**{"text-align": "center", "min-width": "3em"})
        .set_table_styles([{"selector": "th", "props": [("font-weight", "normal")]}])
    )


def show(view: View, height: int = 640) -> Any:
    """A view for inline display (an IPython HTML object holding the self-contained page)."""
    from IPython.display import HTML

    return HTML(view._repr_html_().replace("height:640px", f"height:{height}px"))


# --------------------------------------------------------------------------- what-if


@dataclass
class WhatIf:
    """Workload and validation findings before and after a change that was rolled back."""

    change: str
    workload_before: pd.DataFrame
    workload_after: pd.DataFrame
    findings_before: list[Finding]
    findings_after: list[Finding]

    def workload(self) -> pd.DataFrame:
        """Per role: total activities before, after, and the difference."""
        before = self.workload_before.set_index("role")["total"].rename("before")
        after = self.workload_after.set_index("role")["total"].rename("after")
        out = pd.concat([before, after], axis=1).fillna(0).astype(int)
        out["change"] = out["after"] - out["before"]
        return out.sort_values(["change", "after"], ascending=[False, False])

    def findings(self) -> pd.DataFrame:
        """Per rule: findings before, after, and the difference."""
        def count(findings: list[Finding]) -> pd.Series:
            counts: dict[tuple[str, str], int] = {}
            for f in findings:
                counts[(f.rule, f.severity)] = counts.get((f.rule, f.severity), 0) + 1
            return pd.Series(counts, dtype=int)

        out = pd.concat(
            [count(self.findings_before).rename("before"), count(self.findings_after).rename("after")],
            axis=1,
        ).fillna(0).astype(int)
        out.index.names = ["rule", "severity"]
        out["change"] = out["after"] - out["before"]
        return out.sort_index()

    def new_findings(self) -> pd.DataFrame:
        """The findings the change introduces (rule, severity, nodes, detail)."""
        before = set(self.findings_before)
        rows = [f.as_dict() for f in self.findings_after if f not in before]
        return pd.DataFrame(rows, columns=["rule", "severity", "ids", "nodes", "detail"])


def _measure(tx: Transaction) -> tuple[pd.DataFrame, list[Finding]]:
    workload = tx.run(get_query("workload").text)
    frame = pd.DataFrame([r.data() for r in workload], columns=list(workload.keys()))
    findings: list[Finding] = []
    for rule in select_rules():
        for row in tx.run(rule.text, coerce_params(rule, {})):  # the rule's defaults
            findings.append(
                Finding(short_name(rule), rule.severity or "info", tuple(row["ids"]),
                        tuple(row["nodes"]), row["detail"])
            )
    return frame, findings


def _what_if(
    db: Database, change: str, statement: str, params: dict[str, Any]
) -> WhatIf:
    with db.session() as session:
        tx = session.begin_transaction()
        try:
            workload_before, findings_before = _measure(tx)
            tx.run(statements.read(statement, "whatif"), params).consume()
            workload_after, findings_after = _measure(tx)
        finally:
            tx.rollback()  # the graph is left exactly as it was
    return WhatIf(change, workload_before, workload_after, findings_before, findings_after)


def what_if_remove(db: Database, role: str) -> WhatIf:
    """What if ``role`` (id or any of its names) disappeared?"""
    role_id = resolve_node(db, "role", role, param="role")
    return _what_if(db, f"remove {role_id}", "remove-role", {"role": role_id})


def what_if_merge(db: Database, role: str, into: str) -> WhatIf:
    """What if ``role`` were merged into ``into`` (which takes over all its relationships)?"""
    role_id = resolve_node(db, "role", role, param="role")
    into_id = resolve_node(db, "role", into, param="into")
    return _what_if(
        db, f"merge {role_id} into {into_id}", "merge-roles",
        {"role": role_id, "into": into_id},
    )


__all__ = [
    "SEED",
    "WhatIf",
    "connect",
    "query",
    "raci_frame",
    "show",
    "style_raci",
    "what_if_merge",
    "what_if_remove",
]

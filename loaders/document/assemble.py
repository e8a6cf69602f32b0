"""Assembling what a grammar found into :class:`kg.model.Model`: the last stage of every
extraction, whether it read a text (:mod:`.extraction`) or blocks (:mod:`.grammar`).

The model lists entities in order of first mention, and activities under their areas
(areas in the order the grammar found them, each followed by its activities in document
order); every name gets its English name from the glossary (:mod:`loaders.glossary`), and
the names it lacks are reported as untranslated.  The source is named by the document's
title (``doc:<title>``), else the file's name, else the text's hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import (
    Activity,
    Department,
    Model,
    Monitor,
    Output,
    Report,
    Role,
    Source,
    apply_aliases,
)
from loaders.document.quality import Quality, measure
from loaders.document.state import DocumentWarning, _Act, _Entity, _State
from loaders.glossary import english, kept_aliases


@dataclass
class Extraction:
    """The extracted model, the warnings, and the names the glossary cannot translate."""

    model: Model
    warnings: list[DocumentWarning] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    #: what the extraction measured of itself (:mod:`.quality`)
    quality: Quality | None = None


def finish(
    p: _State,
    source: Source,
    warnings: list[DocumentWarning],
    text: str,
    path: str | None,
    source_id: str | None,
    sha256: str | None,
) -> Extraction:
    """The model of what ``p`` found, its source named and hashed, aliases applied."""
    title = p.title_simple
    source.id = source_id or (
        f"doc:{title}"
        if title
        else f"doc:{Path(path).stem}"
        if path
        else f"doc:{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    )
    source.path = path
    source.sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    model = _model(p, source)
    model = apply_aliases(model, kept_aliases(), "loaders/aliases.yaml")
    for item in (*model.departments, *model.roles, *model.outputs, *model.activities):
        if item.name_en is None:
            item.name_en = english(item.name)  # a canonical name the alias led to
    named = [*model.departments, *model.roles, *model.outputs, *model.activities]
    untranslated = sorted({x.name for x in named if x.name_en is None})
    quality = measure(model, warnings, len(p.ct.simple))
    return Extraction(model=model, warnings=warnings, untranslated=untranslated, quality=quality)




def _model(p: _State, source: Source) -> Model:
    """Assemble the model: entities in order of first mention, activities by area."""

    def ordered(table: dict[str, _Entity]) -> list[_Entity]:
        return sorted(table.values(), key=lambda e: (e.prov.start, e.id))

    depts = [
        Department(
            id=e.id,
            name=e.name,
            name_original=e.name_original,
            name_en=english(e.name),
            provenance=e.prov,
            parent=None,
        )
        for e in ordered(p.depts)
    ]
    roles = [
        Role(
            id=e.id,
            name=e.name,
            name_original=e.name_original,
            name_en=english(e.name),
            provenance=e.prov,
            department=e.department,
            evidence={"department": e.membership} if e.membership else {},
        )
        for e in ordered(p.roles)
    ]
    outputs = [
        Output(
            id=e.id,
            name=e.name,
            name_original=e.name_original,
            name_en=english(e.name),
            provenance=e.prov,
        )
        for e in ordered(p.outputs)
    ]
    # areas in the overview's order, each followed by its activities in document order
    children: dict[str | None, list[_Act]] = {}
    for act in p.acts:
        children.setdefault(act.parent, []).append(act)
    acts: list[_Act] = []

    def walk(parent: str | None) -> None:
        for act in children.get(parent, []):
            acts.append(act)
            walk(act.id)

    walk(None)
    activities = [
        Activity(
            id=a.id,
            code=a.code,
            name=a.name,
            name_original=a.name_original,
            name_en=english(a.name),
            provenance=a.prov,
            kind=a.kind,  # type: ignore[arg-type]
            parent=a.parent,
            description=a.description,
            outputs=a.outputs,
            responsible=a.responsible,
            assists=a.assists,
            monitors=[Monitor(id=i, rank=r) for i, r in a.monitors],  # type: ignore[arg-type]
            reports=[Report(**{"from": f, "to": t}) for f, t in a.reports],
            interface_departments=a.interface,
            evidence=a.evidence,
        )
        for a in acts
    ]
    return Model(
        source=source, departments=depts, roles=roles, outputs=outputs, activities=activities
    )


__all__ = ["Extraction", "finish"]

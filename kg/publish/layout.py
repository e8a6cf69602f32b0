"""House styles: a model laid out as the blocks of a business-model document.

A style turns a :class:`kg.model.Model` into a flat list of :class:`Block` s (title,
heading with its level, paragraph, table, page break); :mod:`kg.publish.word` and
:mod:`kg.publish.web` render the same blocks as Word and HTML, so the two formats of one
style say the same thing.  Names are written in Simplified script (the model's ``name``,
from which kg derives ids), so a document read back names the same nodes.

Every style starts with the same front matter: the issuer, ``签发人:`` with the signatory,
the title with its version (``…业务模型(Ver1.0)``; a model without a version is written
``Ver1.0``, without a title ``业务模型``: the family's title line has both), the purpose
(目的), the overview that
names the areas (``…分为三大业务:采购,生产,质量。``) and one membership statement per
department (``采购专员、采购部经理直接归属采购部管理。``).  Then every business area starts
on a new page:

- ``site``: the family of the bundled document.  ``一、目的:…`` and ``二、<title>`` chapters,
  ``1.<title>分为…`` overview; areas numbered from 2 (``2.采购工作``), activities lettered
  ``A.``, sub-activities ``a.``, sub-items bulleted ``•`` (directly under an ``A.`` too,
  when the model numbers them so: ``2.D.1``); fields as labelled paragraphs
  (``业务描述:`` ``业务输出:`` ``主要责任人:`` ``协助人:`` (``无`` = none) ``管理者:``
  (``第一监控人为X,其他监控人为Y、Z``) ``汇报关系:`` (``X向Y汇报,Z向W汇报``) ``接口部门:``).
  Four levels at most (area, ``A.``, ``a.``, bullet) and 26 letters a level: a model that
  needs more is refused (use ``decimal``).
- ``decimal``: headings numbered as typed text, ``1 目的``, ``2 概述``, then areas ``3 采购``,
  ``3.1 供应商管理``, ``3.1.2 …`` to any depth (Word heading styles 1, 2, 3, …); fields as
  labelled paragraphs with full-width punctuation (``主要责任人：``,
  ``第一监控人：X；其他监控人：Y、Z``).
- ``table``: the decimal front matter; each area a heading and one matrix table, one row
  per activity: a number column (``3.1.2``, which gives the nesting), the name, and one
  column per field label (a ``接口部门`` column only when the model states one).  A row
  with a name and no fields is a group of the rows numbered beneath it.

Numbers are the document's, not the model's codes: areas, activities and sub-activities
are numbered in order, siblings in the order of their codes when all have one (``2.B``
before ``2.J``, ``9`` before ``10``), else in model order.  An area with no activity and no
field is named by the overview but gets no section (as in the bundled document).  Lists of
names are joined with ``、``; monitors and report lines keep the model's order.  Area
fields (rare) follow the area's heading as labelled paragraphs in every style (the site
grammar reads no field before an area's first activity: it warns and leaves them out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from kg.errors import KgError
from kg.model import Activity, Model

STYLES = ("site", "decimal", "table")
BlockKind = Literal["title", "heading", "paragraph", "table", "page-break"]

#: Field labels in the order a document writes them, with the model field each states.
FIELD_LABELS: tuple[tuple[str, str], ...] = (
    ("业务描述", "description"),
    ("业务输出", "outputs"),
    ("主要责任人", "responsible"),
    ("协助人", "assists"),
    ("管理者", "monitors"),
    ("汇报关系", "reports"),
    ("接口部门", "interface_departments"),
)
#: The table style's first two columns.
NUMBER_HEADER, NAME_HEADER = "编号", "业务"
#: What ``协助人`` says when nobody assists.
NOBODY = "无"
BULLET = "•"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NUMERALS = "零一二三四五六七八九"


class StyleError(KgError):
    """A model the chosen house style cannot write (too deep, too many activities, an
    activity outside every business area)."""

    exit_code = 1


@dataclass
class Block:
    """One block of a document: ``level`` is a heading's (1 = an area in every style);
    a table's ``rows`` start with its header row."""

    kind: BlockKind
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class _Punct:
    """The punctuation of a style: the colon after a label, between clauses, of a list."""

    colon: str
    comma: str
    semicolon: str
    monitors: tuple[str, str]  # first, other: what precedes each list


_SITE = _Punct(":", ",", ",", ("第一监控人为", "其他监控人为"))
_DECIMAL = _Punct("：", "，", "；", ("第一监控人：", "其他监控人："))


class _Names:
    """Each id of the model to the name a document writes (Simplified: ids derive from it)."""

    def __init__(self, model: Model) -> None:
        self.names: dict[str, str] = {}
        for items in (model.departments, model.roles, model.outputs, model.activities):
            for item in items:
                self.names.setdefault(item.id, item.name)

    def __call__(self, ref: str) -> str:
        return self.names.get(ref) or ref.partition(":")[2] or ref

    def join(self, refs: Iterable[str]) -> str:
        return "、".join(self(r) for r in refs)


def _numeral(n: int) -> str:
    """A count in Chinese numerals (一 … 九十九), else digits."""
    if n < 10:
        return _NUMERALS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _NUMERALS[tens]) + "十" + (_NUMERALS[ones] if ones else "")
    return str(n)


# --------------------------------------------------------------------------- fields
def field_values(act: Activity, names: _Names, p: _Punct) -> list[tuple[str, str]]:
    """An activity's fields as (label, value), in :data:`FIELD_LABELS` order; a field the
    model leaves empty is not written, but for ``协助人: 无`` under a responsible role."""
    out: list[tuple[str, str]] = []
    for label, attr in FIELD_LABELS:
        value = ""
        if attr == "description":
            value = act.description or ""
        elif attr == "assists":
            value = names.join(act.assists) or (NOBODY if act.responsible else "")
        elif attr == "monitors":
            clauses = []
            for rank, lead in zip(("first", "other"), p.monitors, strict=True):
                ids = [m.id for m in act.monitors if m.rank == rank]
                if ids:
                    clauses.append(lead + names.join(ids))
            value = p.semicolon.join(clauses)
        elif attr == "reports":
            targets: dict[str, list[str]] = {}  # each subject once, in order
            for r in act.reports:
                targets.setdefault(r.from_, []).append(r.to)
            value = p.comma.join(f"{names(s)}向{names.join(t)}汇报" for s, t in targets.items())
        else:
            value = names.join(getattr(act, attr))
        if value:
            out.append((label, value))
    return out


# --------------------------------------------------------------------------- the tree
def _tree(model: Model) -> tuple[list[Activity], dict[str, list[Activity]]]:
    """The business areas and each activity's children, in order (:func:`_by_code`)."""
    ids = {a.id for a in model.activities}
    children: dict[str, list[Activity]] = {}
    areas: list[Activity] = []
    for act in model.activities:
        if act.parent is not None and act.parent in ids:
            children.setdefault(act.parent, []).append(act)
        elif act.kind == "area":
            areas.append(act)
        else:
            raise StyleError(
                f"activity {act.name!r} is outside every business area: a business-model "
                "document writes each activity under an area (give it a parent)"
            )
    if not areas:
        raise StyleError("the model has no business area (an activity of kind 'area') to write")
    return _by_code(areas), {k: _by_code(v) for k, v in children.items()}


def _by_code(siblings: list[Activity]) -> list[Activity]:
    """Siblings in the order of their codes (``2.B`` before ``2.J``, ``9`` before ``10``)
    when all have one, else in model order."""
    if not all(s.code for s in siblings):
        return siblings

    def key(act: Activity) -> list[tuple[int, int, str]]:
        return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in (act.code or "").split(".")]

    return sorted(siblings, key=key)


def _written(areas: list[Activity], children: dict[str, list[Activity]]) -> list[Activity]:
    """The areas that get a section: those with activities or fields (the overview names
    every area; one that states nothing has no section, as in the bundled document)."""
    return [a for a in areas if children.get(a.id) or a.description or a.outputs or a.responsible
            or a.assists or a.monitors or a.reports or a.interface_departments]


def _bulleted(kids: list[Activity], children: dict[str, list[Activity]]) -> bool:
    """Whether the site style writes an activity's sub-activities as bullets rather than
    ``a.``: when each is numbered as a sub-item (``2.D.1``) and none has sub-items of its
    own (a bullet has none)."""
    return all(
        k.code and k.code.rpartition(".")[2].isdigit() and not children.get(k.id) for k in kids
    )


def _front(model: Model, names: _Names, areas: list[Activity], site: bool) -> list[Block]:
    """Issuer, signatory, title and version, purpose, overview, memberships."""
    src = model.source
    title = src.title or "业务模型"
    version = src.version or "Ver1.0"
    blocks: list[Block] = []
    if src.issuer:
        blocks.append(Block("paragraph", src.issuer))
    if src.signatory:
        blocks.append(Block("paragraph", f"签发人:{src.signatory}"))
    blocks.append(Block("title", f"{title}({version})"))
    area_list = ",".join(a.name for a in areas)
    overview = f"{title}分为{_numeral(len(areas))}大业务:{area_list}。"
    by_dept: dict[str, list[str]] = {}
    for role in model.roles:
        if role.department:
            by_dept.setdefault(role.department, []).append(role.id)
    members = [f"{names.join(roles)}直接归属{names(dept)}管理。" for dept, roles in by_dept.items()]
    chapter = 1
    if site:
        if src.purpose:
            blocks.append(Block("paragraph", f"一、目的:{src.purpose}"))
            chapter = 2
        blocks.append(Block("paragraph", f"{_numeral(chapter)}、{title}"))
        blocks.append(Block("paragraph", f"1.{overview}"))
    else:
        if src.purpose:
            blocks += [Block("heading", "1 目的", 1), Block("paragraph", src.purpose)]
            chapter = 2
        blocks += [Block("heading", f"{chapter} 概述", 1), Block("paragraph", overview)]
    blocks += [Block("paragraph", m) for m in members]
    return blocks


def _area_fields(area: Activity, names: _Names, p: _Punct) -> list[Block]:
    return [Block("paragraph", f"{k}{p.colon}{v}") for k, v in field_values(area, names, p)]


# --------------------------------------------------------------------------- styles
def site(model: Model) -> list[Block]:
    """The bundled document's family (see the module docstring)."""
    names = _Names(model)
    areas, children = _tree(model)
    blocks = _front(model, names, areas, site=True)

    def walk(act: Activity, depth: int, mark: str) -> None:
        if depth <= 2:
            blocks.append(Block("heading", f"{mark}.{act.name}", depth + 1))
        else:
            blocks.append(Block("paragraph", f"{BULLET}{act.name}"))
        blocks.extend(Block("paragraph", f"{k}:{v}") for k, v in field_values(act, names, _SITE))
        kids = children.get(act.id, [])
        if kids and depth == 3:
            raise StyleError(
                f"{act.name!r} has sub-activities below the fourth level, deeper than the "
                "site style writes (area, A., a., bullet): use --style decimal"
            )
        if depth < 3 and len(kids) > len(_LETTERS):
            raise StyleError(
                f"{act.name!r} has {len(kids)} sub-activities, more than the site style's 26 "
                "letters: use --style decimal"
            )
        bullets = depth == 1 and _bulleted(kids, children)
        for k, kid in enumerate(kids):
            walk(kid, 3 if bullets else depth + 1, _LETTERS[k % len(_LETTERS)].lower())

    for number, area in enumerate(_written(areas, children), start=2):
        blocks.append(Block("page-break"))
        heading = area.name if area.name.endswith(("工作", "业务")) else f"{area.name}工作"
        blocks.append(Block("heading", f"{number}.{heading}", 1))
        blocks += _area_fields(area, names, _SITE)
        kids = children.get(area.id, [])
        if len(kids) > len(_LETTERS):
            raise StyleError(
                f"area {area.name!r} has {len(kids)} activities, more than the site style's "
                "26 letters: use --style decimal"
            )
        for k, kid in enumerate(kids):
            walk(kid, 1, _LETTERS[k])
    return blocks


def _numbered(
    model: Model, row: Callable[[str, Activity, int, _Names], list[Block]]
) -> list[Block]:
    """The decimal front matter, then each area and its activities numbered 3, 3.1, 3.1.2;
    ``row`` lays out one activity (its number, itself, its depth)."""
    names = _Names(model)
    areas, children = _tree(model)
    blocks = _front(model, names, areas, site=False)
    first = 3 if model.source.purpose else 2

    def walk(act: Activity, number: str, depth: int) -> None:
        blocks.extend(row(number, act, depth, names))
        for k, kid in enumerate(children.get(act.id, []), start=1):
            walk(kid, f"{number}.{k}", depth + 1)

    for n, area in enumerate(_written(areas, children), start=first):
        blocks.append(Block("page-break"))
        blocks.append(Block("heading", f"{n} {area.name}", 1))
        blocks += _area_fields(area, names, _DECIMAL)
        for k, kid in enumerate(children.get(area.id, []), start=1):
            walk(kid, f"{n}.{k}", 2)
    return blocks


def decimal(model: Model) -> list[Block]:
    """Decimal outline numbers as typed text, fields as labelled paragraphs."""

    def row(number: str, act: Activity, depth: int, names: _Names) -> list[Block]:
        fields = field_values(act, names, _DECIMAL)
        return [Block("heading", f"{number} {act.name}", depth)] + [
            Block("paragraph", f"{k}{_DECIMAL.colon}{v}") for k, v in fields
        ]

    return _numbered(model, row)


def table(model: Model) -> list[Block]:
    """Each area one matrix table: a row per activity, a column per field label."""
    labels = [label for label, attr in FIELD_LABELS if attr != "interface_departments"]
    if any(a.interface_departments for a in model.activities):
        labels.append("接口部门")

    def row(number: str, act: Activity, depth: int, names: _Names) -> list[Block]:
        fields = dict(field_values(act, names, _DECIMAL))
        cells = [number, act.name, *(fields.get(k, "") for k in labels)]
        return [Block("table", rows=[[NUMBER_HEADER, NAME_HEADER, *labels], cells])]

    blocks: list[Block] = []
    for block in _numbered(model, row):  # an area's rows join the table its first opened
        if block.kind == "table" and blocks and blocks[-1].kind == "table":
            blocks[-1].rows.append(block.rows[1])
        else:
            blocks.append(block)
    return blocks


LAYOUTS: dict[str, Callable[[Model], list[Block]]] = {"site": site, "decimal": decimal, "table": table}


def layout(model: Model, style: str) -> list[Block]:
    """The model as the blocks of a document in ``style`` (one of :data:`STYLES`)."""
    if style not in LAYOUTS:
        raise StyleError(f"unknown style {style!r} (one of {', '.join(STYLES)})", exit_code=2)
    return LAYOUTS[style](model)

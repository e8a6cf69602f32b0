"""The quality of an extraction: the model measures itself, and is refused below thresholds.

A parser that misses a heading, a label or a separator does not fail: it hands back a
plausible model that is wrong (every activity of an area merged into one, a role named
``客户经理、产品经理``, an activity named after a field label).  What such a model looks like
can be measured from the model and the parser's warnings, without knowing the document:

* **coverage** — of the leaf activities (activities without sub-activities: where the
  fields are), the share with a responsible role, with monitors, with report lines;
* **suspicious names** — an activity, role, department or output whose name holds a field
  label (``主要责任人客户经理``; a role may end with one that names a person, ``项目责任人``,
  an output with ``交付件``), an outline number (``3.1``, ``A.``,
  ``一、``, ``(1)``, ``①``), or a list separator between names of other entities
  (``客户经理、产品经理`` where both are roles; a role or department name never holds
  ``、`` ``,`` ``;``);
* **fields stated twice** — one activity with two statements of one field: the heading
  between them was missed (the warning "a second '业务描述' statement: kept both");
* **unplaced text** — the share of the document's text that warnings leave out.

:func:`measure` computes :class:`Quality`; :meth:`Quality.reasons` compares it with
:class:`Thresholds` and names what fails, most telling first.  ``kg extract`` prints
:meth:`Quality.line`; :func:`judge` refuses a model that fails (:class:`QualityError`, its
own exit code) or, when the user accepts it anyway, records that in its source.

The thresholds (:class:`Thresholds`, each overridable by an environment variable) and why
they are where they are: see the constants below.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from kg.errors import ConfigError, QualityError
from kg.model import Model, Named
from loaders.document.fields import FIELDS, RANKED_MONITORS
from loaders.document.state import FIELD_TWICE, UNPLACED, DocumentWarning

# --------------------------------------------------------------------------- thresholds
# The documents the project holds, measured (leaf activities with a responsible role /
# monitors / report lines; text not placed): the bundled one 9/9/9 of 9, 3.5% (two prose
# sentences of its overview); tests/data/logistics 7/7/7 of 7, 0%; production 6/6/6, 2.4%;
# service 5/5/5, 2.8%.  None has a suspicious name or a field stated twice.  The bars are
# set well below those numbers, so that an author who leaves a field out is not refused,
# and well above what a document read in a layout the parser missed gives (one activity
# swallowing an area: a field stated twice; labels missed: nobody responsible).

#: At least this share of leaf activities names a responsible role (the field every
#: activity of the family states; a document where most have nobody was not read).
MIN_RESPONSIBLE = 0.8
#: At least this share names monitors: lower, a house style may leave them to the area.
MIN_MONITORS = 0.5
#: At least this share states report lines: lower still, many styles state few.
MIN_REPORTS = 0.3
#: At most this many suspicious names: none.  Each one is a parse error the user would
#: otherwise load.
MAX_SUSPICIOUS = 0
#: At most this many fields stated twice: none (each is a missed heading).
MAX_FIELDS_TWICE = 0
#: At most this share of the text left out of the model: about three times the most any
#: document of the project leaves (3.5%); a tenth of the text unread is a layout missed.
MAX_UNPLACED = 0.10

_ENV = {
    "min_responsible": "KG_QUALITY_MIN_RESPONSIBLE",
    "min_monitors": "KG_QUALITY_MIN_MONITORS",
    "min_reports": "KG_QUALITY_MIN_REPORTS",
    "max_suspicious": "KG_QUALITY_MAX_SUSPICIOUS",
    "max_fields_twice": "KG_QUALITY_MAX_FIELDS_TWICE",
    "max_unplaced": "KG_QUALITY_MAX_UNPLACED",
}
#: Thresholds given as a percentage (the others are counts).
_PERCENT = {"min_responsible", "min_monitors", "min_reports", "max_unplaced"}


@dataclass(frozen=True)
class Thresholds:
    """What an extraction must reach to be handed back (shares as fractions, 0..1)."""

    min_responsible: float = MIN_RESPONSIBLE
    min_monitors: float = MIN_MONITORS
    min_reports: float = MIN_REPORTS
    max_suspicious: int = MAX_SUSPICIOUS
    max_fields_twice: int = MAX_FIELDS_TWICE
    max_unplaced: float = MAX_UNPLACED

    @classmethod
    def from_env(cls) -> Thresholds:
        """The defaults, each replaced by its environment variable when set: shares as a
        whole percentage (``KG_QUALITY_MIN_RESPONSIBLE=60``), the others as a count."""
        values: dict[str, Any] = {}
        for key, var in _ENV.items():
            raw = os.environ.get(var, "").strip()
            if not raw:
                continue
            if not raw.isdigit() or (key in _PERCENT and int(raw) > 100):
                kind = "a whole percentage, 0 to 100" if key in _PERCENT else "a whole number"
                raise ConfigError(f"{var}={raw!r}: expected {kind}")
            values[key] = int(raw) / 100 if key in _PERCENT else int(raw)
        return cls(**values)


# --------------------------------------------------------------------------- names
#: Labels that name a field whatever surrounds them (two-character ones such as 描述, 输出
#: or 汇报 are ordinary words in names: 需求描述编写, 汇报材料).
_LABELS = sorted((x for x in (*FIELDS, *RANKED_MONITORS) if len(x) >= 3), key=len, reverse=True)
_LABEL_INSIDE = re.compile("|".join(map(re.escape, _LABELS)))
#: A label may end a name of a kind when it is that kind's head noun: a role ``项目责任人``,
#: ``系统管理者``; an output ``项目交付件``.
_HEAD_ENDINGS = {"role": ("人", "者"), "output": ("件", "成果")}
#: Outline numbers inside a name: ``3.1`` ``3.``+Han ``A.``+Han ``一、`` ``(1)`` ``(一)`` ``①``.
_OUTLINE = re.compile(
    r"(?<![A-Za-z0-9.])\d+(?:\.\d+)+\.?"
    r"|(?<![A-Za-z0-9.])(?:\d+|[A-Za-z])\.(?=[A-Za-z0-9]*[\u4e00-\u9fff])"
    r"|(?<![\u4e00-\u9fff])[一二三四五六七八九十]+、"  # not 统一、 唯一、
    r"|\((?:\d{1,2}|[一二三四五六七八九十]{1,3})\)"
    r"|[\u2460-\u2473\u2776-\u277f]"
)
#: List separators; and the conjunctions that join two names.
_LIST_SEP = re.compile(r"[、,;/]")
_JOIN = re.compile(r"[、,;/]|和|及|与")


@dataclass(frozen=True)
class Suspicious:
    """A name that looks like a parse error, and why."""

    kind: str  # activity | role | department | output
    id: str
    name: str
    page: int | None
    reason: str

    def __str__(self) -> str:
        where = f" (page {self.page})" if self.page is not None else ""
        return f"{self.kind} {self.name!r}{where} {self.reason}"


@dataclass
class Quality:
    """What an extraction measured of itself (see the module docstring)."""

    leaves: int
    with_responsible: int
    with_monitors: int
    with_reports: int
    suspicious: list[Suspicious] = field(default_factory=list)
    fields_twice: list[DocumentWarning] = field(default_factory=list)
    unplaced_chars: int = 0
    text_chars: int = 0
    #: leaf activities without a responsible role / monitors / report lines: (name, page)
    missing: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)

    @property
    def unplaced_share(self) -> float:
        return self.unplaced_chars / self.text_chars if self.text_chars else 0.0

    def line(self) -> str:
        """The one line ``kg extract`` prints."""
        n = self.leaves
        return (
            f"quality: {self.with_responsible}/{n} leaf activities with a responsible role, "
            f"{self.with_monitors}/{n} with monitors, {self.with_reports}/{n} with report "
            f"lines; {len(self.suspicious)} suspicious names; {len(self.fields_twice)} fields "
            f"stated twice; {self.unplaced_share:.1%} of the text not placed"
        )

    def reasons(self, t: Thresholds) -> list[str]:
        """Why the extraction fails ``t``, most telling first: one reason of every failed
        check (fields stated twice, suspicious names, then coverage, then unplaced text),
        then the further instances.  Empty: it passes."""
        checks: list[list[str]] = []
        if len(self.fields_twice) > t.max_fields_twice:
            checks.append(
                [f"page {w.page}: {w.message} (a heading was missed)" for w in self.fields_twice]
            )
        if len(self.suspicious) > t.max_suspicious:
            checks.append([str(s) for s in self.suspicious])
        for key, what, least in (
            ("responsible", "a responsible role", t.min_responsible),
            ("monitors", "monitors", t.min_monitors),
            ("reports", "report lines", t.min_reports),
        ):
            have = getattr(self, f"with_{key}")
            if self.leaves and have < least * self.leaves:
                lacking = self.missing.get(key, [])
                shown = ", ".join(
                    f"{name}" + (f" (page {page})" if page is not None else "")
                    for name, page in lacking[:3]
                )
                more = ", …" if len(lacking) > 3 else ""
                without = f"; without: {shown}{more}" if lacking else ""
                checks.append(
                    [
                        f"only {have}/{self.leaves} leaf activities with {what} (at least "
                        f"{least:.0%} expected){without}"
                    ]
                )
        if self.unplaced_share > t.max_unplaced:
            checks.append(
                [
                    f"{self.unplaced_share:.0%} of the text not placed in the model (at most "
                    f"{t.max_unplaced:.0%} expected): see the warnings"
                ]
            )
        firsts = [c[0] for c in checks]
        rest = [r for c in checks for r in c[1:]]
        return firsts + rest

    def as_dict(self, t: Thresholds | None = None) -> dict[str, Any]:
        """Plain data for JSON output (with ``t``: whether it passes, and why not)."""
        data: dict[str, Any] = {
            "leaf_activities": self.leaves,
            "with_responsible": self.with_responsible,
            "with_monitors": self.with_monitors,
            "with_reports": self.with_reports,
            "suspicious_names": [
                {"kind": s.kind, "id": s.id, "name": s.name, "page": s.page, "reason": s.reason}
                for s in self.suspicious
            ],
            "fields_stated_twice": [{"page": w.page, "message": w.message} for w in self.fields_twice],
            "unplaced_share": round(self.unplaced_share, 4),
        }
        if t is not None:
            reasons = self.reasons(t)
            data["passed"] = not reasons
            data["reasons"] = reasons
        return data


# --------------------------------------------------------------------------- measure
def _page(item: Named) -> int | None:
    return item.provenance.page if item.provenance is not None else None


def _suspicious(model: Model) -> list[Suspicious]:
    found: list[Suspicious] = []
    parties = {e.name for e in (*model.roles, *model.departments)}
    kinds: list[tuple[str, list[Any]]] = [
        ("activity", model.activities),
        ("role", model.roles),
        ("department", model.departments),
        ("output", model.outputs),
    ]
    for kind, items in kinds:
        same = {e.name for e in items}
        for e in items:
            name = e.name
            heads = _HEAD_ENDINGS.get(kind, ())
            label = next(
                (
                    m
                    for m in _LABEL_INSIDE.finditer(name)
                    if m.end() < len(name) or not m.group().endswith(heads)
                ),
                None,
            )
            outline = _OUTLINE.search(name)
            reason: str | None = None
            if label is not None:
                reason = f"holds the field label {label.group()!r}"
            elif outline is not None:
                reason = f"holds the outline number {outline.group()!r}"
            elif kind in ("role", "department") and _LIST_SEP.search(name):
                parts = [p for p in _JOIN.split(name) if p]
                reason = "joins several names: " + " / ".join(parts)
            else:
                parts = [p for p in _JOIN.split(name) if p]
                known = [p for p in parts if p in parties or (p in same and p != name)]
                if len(parts) > 1 and len(known) == len(parts):
                    reason = "joins the names " + " / ".join(parts)
            if reason is not None:
                found.append(Suspicious(kind, e.id, e.name_original or name, _page(e), reason))
    return found


def measure(model: Model, warnings: list[DocumentWarning], text_chars: int) -> Quality:
    """The quality of ``model``, extracted from ``text_chars`` characters of clean text
    with ``warnings`` (pure)."""
    parents = {a.parent for a in model.activities if a.parent}
    leaves = [a for a in model.activities if a.kind == "activity" and a.id not in parents]
    missing: dict[str, list[tuple[str, int | None]]] = {"responsible": [], "monitors": [], "reports": []}
    for a in leaves:
        for key in missing:
            if not getattr(a, key):
                missing[key].append((a.name_original or a.name, _page(a)))
    return Quality(
        leaves=len(leaves),
        with_responsible=len(leaves) - len(missing["responsible"]),
        with_monitors=len(leaves) - len(missing["monitors"]),
        with_reports=len(leaves) - len(missing["reports"]),
        suspicious=_suspicious(model),
        fields_twice=[w for w in warnings if w.kind == FIELD_TWICE],
        unplaced_chars=sum(w.chars for w in warnings if w.kind == UNPLACED),
        text_chars=text_chars,
        missing=missing,
    )


def judge(
    model: Model,
    quality: Quality,
    where: str,
    thresholds: Thresholds | None = None,
    accept_partial: bool = False,
) -> Model:
    """``model`` if its ``quality`` reaches the thresholds; else a :class:`QualityError`
    naming the three most telling reasons, or, with ``accept_partial``, the model with its
    source marked ``accepted_partial`` (the quality line)."""
    t = thresholds or Thresholds.from_env()
    reasons = quality.reasons(t)
    if not reasons:
        return model
    if accept_partial:
        source = model.source.model_copy(update={"accepted_partial": quality.line()})
        return model.model_copy(update={"source": source})
    shown = reasons[:3]
    more = len(reasons) - len(shown)
    details = [*shown]
    if more:
        details.append(f"(and {more} more)")
    details.append(
        f"{quality.line()}. Nothing was written; to take the model anyway: --accept-partial "
        "(recorded in the source)"
    )
    raise QualityError(
        f"{where}: refused: the extracted model looks wrong (below the quality thresholds)",
        details,
    )

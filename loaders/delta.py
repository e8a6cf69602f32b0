"""An edit: a model file read against the model its source was last loaded from.

kg keeps each source's last model as a chunked snapshot (:mod:`loaders.snapshot`). A new
version of a large model file changes a few items; read as an edit, it costs what the
edit costs, not what the model costs:

1. the file is parsed (orjson), not validated as a whole;
2. its lists are cut into chunks as the snapshot's are, where an item's id hashes to a
   boundary (:func:`loaders.snapshot.cuts`): a chunk whose JSON hashes to one of the
   snapshot's holds the same items, validated when they were loaded, wherever it now
   stands (an item inserted, removed or moved changes only the chunks around it);
3. the other chunks are validated and compared item by item with the snapshot's; the
   items that differ or are new are the edit;
4. the edited items' references, and the parent cycles they could close, are checked
   against every id the file declares.

A file that cannot be read as an edit (no usable snapshot, an item removed or turned
into another kind, aliases to apply, anything invalid) gives None: it is then read
whole, which also says what is wrong with it.

:meth:`Edit.models` gives the two versions of the edited items together with the items
the refresh needs beside them; compared fact by fact (:mod:`loaders.facts`) and in
:mod:`kg.changes`'s report, they give what the whole models would. What may state a
relationship is the item at one of its ends or, for a reporting line, the activity it is
stated for (its context, which the graph keeps).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson
from pydantic import TypeAdapter, ValidationError

from kg.model import SCHEMA, Model, Named, Source, alias_table, reference_errors, statements
from loaders.facts import LABEL_OF_KIND, RelKey
from loaders.snapshot import (
    LISTS,
    LOADER_VERSION,
    Chunk,
    Kept,
    Layout,
    adapter,
    cuts,
    digest,
    dump_items,
)

#: list name -> node label
LABEL_OF_LIST = {kind: LABEL_OF_KIND[cls.__name__.lower()] for kind, cls in LISTS.items()}


class Baseline(Protocol):
    """Where the snapshots are: the graph (``loaders.refresh``)."""

    def kept(self, source: str) -> Kept | None: ...

    def chunks(self, source: str, slots: Iterable[int]) -> dict[int, bytes]:
        """The bytes of the snapshot's chunks kept in ``slots``, by slot."""
        ...

    def stated(self, source: str, ids: Mapping[str, list[str]]) -> list[tuple[RelKey, set[str]]]:
        """The relationships ``source`` states that touch these nodes (label -> ids), with
        the activities a reporting line is stated for."""
        ...


#: (type, from id, to id, rank) of reporting lines -> the activities they are stated for
Contexts = Callable[[list[RelKey]], dict[RelKey, set[str]]]


@dataclass
class Edit:
    """A model file as an edit of the model loaded before (``base``)."""

    path: Path
    source: Source
    base: Kept  # the snapshot edited: its content hash is what the graph holds
    old_source: Source
    layout: Layout  # the new model's; the chunks that changed carry their bytes
    content_hash: str
    #: id -> the new version of every item edited or added, and the old one of the edited
    new: dict[str, Named] = field(default_factory=dict)
    old: dict[str, Named] = field(default_factory=dict)
    #: every id of the new model -> its list, its place there, its item as parsed (a
    #: dict) or read whole (the item)
    kind_of: dict[str, str] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: id -> the old version, list and place of every item removed
    removed: dict[str, tuple[str, int, Named]] = field(default_factory=dict)

    @property
    def labels(self) -> dict[str, str]:
        """Every id, removed ones too -> its node label (the relationships' ends, see
        loaders.facts)."""
        out = {i: LABEL_OF_LIST[k] for i, k in self.kind_of.items()}
        out.update((i, LABEL_OF_LIST[kind]) for i, (kind, _at, _item) in self.removed.items())
        return out

    def models(self, contexts: Contexts) -> tuple[Model, Model]:
        """(before, after): the old and new versions of the edited items (the removed
        ones before only, the added ones after only), each with the items that state a
        relationship beside them or name them (unchanged, the same on both sides) and the
        edited activities' ancestors (their areas), in the new model's order (the removed
        ones at their old places). ``contexts`` gives the activities the graph says a
        reporting line is stated for."""
        gone = {i: item for i, (_kind, _at, item) in self.removed.items()}
        edited = self._model(self.old_source, {**self.old, **gone})
        edits = self._model(self.source, self.new)
        keep = set(self.new) | set(gone)
        lines: list[RelKey] = []
        for st in (*statements(edited), *statements(edits)):
            keep.update((st.start, st.end))
            if st.context is not None:
                lines.append((st.type, st.start, st.end, st.rank or ""))
                keep.add(st.context)
        for stated_for in contexts(sorted(set(lines))).values():
            keep.update(stated_for)
        todo = [i for i in keep if self._kind(i) == "activities" and (i in self.new or i in gone)]
        seen = set(todo)
        while todo:  # the ancestors, through every version of each
            for parent in self._parents(todo.pop()):
                if parent not in seen:
                    seen.add(parent)
                    keep.add(parent)
                    todo.append(parent)
        same = self._validated(i for i in keep if i not in self.new and i not in gone)
        before = {**same, **self.old, **gone}
        after = {**same, **self.new}
        return self._model(self.old_source, before), self._model(self.source, after)

    def _kind(self, item_id: str) -> str | None:
        if item_id in self.kind_of:
            return self.kind_of[item_id]
        return self.removed[item_id][0] if item_id in self.removed else None

    def _parents(self, item_id: str) -> set[str]:
        versions: list[Any] = [self.new.get(item_id), self.old.get(item_id)]
        if item_id in self.removed:
            versions.append(self.removed[item_id][2])
        elif item_id in self.raw and item_id not in self.new:
            versions.append(self.raw[item_id])
        out = set()
        for v in versions:
            parent = v.get("parent") if isinstance(v, dict) else getattr(v, "parent", None)
            if isinstance(parent, str) and self._kind(parent) is not None:
                out.add(parent)
        return out

    def _model(self, source: Source, items: Mapping[str, Named]) -> Model:
        """A model of ``items``, in their order in the new model (a removed item at its
        old place)."""
        def place(item_id: str) -> int:
            return self.position[item_id] if item_id in self.position else self.removed[item_id][1]

        out: dict[str, list[Any]] = {kind: [] for kind in LISTS}
        for item_id in sorted(items, key=place):
            kind = self._kind(item_id)
            assert kind is not None
            out[kind].append(items[item_id])
        return Model(
            source=source,
            departments=out["departments"],
            roles=out["roles"],
            outputs=out["outputs"],
            activities=out["activities"],
        )

    def _validated(self, ids: Iterable[str]) -> dict[str, Named]:
        """Unchanged items, from the file (they validated when they were loaded)."""
        by_kind: dict[str, list[str]] = {}
        for item_id in ids:
            if item_id in self.kind_of:
                by_kind.setdefault(self.kind_of[item_id], []).append(item_id)
        out: dict[str, Named] = {}
        for kind, id_list in by_kind.items():
            items = adapter(kind).validate_python([self.raw[i] for i in id_list])
            out.update(zip(id_list, items, strict=True))
        return out


def read_edit(
    path: Path,
    raw: bytes,
    baseline: Baseline,
    *,
    source_id: str | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Edit | None:
    """``raw``, the bytes of the model file ``path``, as an edit of the model its source
    was last loaded from, or None (then read it whole: see the module docstring).
    ``source_id`` replaces the file's source id; ``aliases`` (kg's own list) make it None
    when one names an id the file declares."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or data.get("aliases"):
        return None
    lists: dict[str, list[Any]] = {}
    for kind in LISTS:
        items = data.get(kind, [])
        if not isinstance(items, list) or not all(
            isinstance(d, dict) and isinstance(d.get("id"), str) for d in items
        ):
            return None
        lists[kind] = items
    head = {k: v for k, v in data.items() if k not in LISTS}
    if source_id and isinstance(head.get("source"), dict):
        head["source"] = {**head["source"], "id": source_id}
    try:
        source = Model.model_validate(head).source
    except ValidationError:
        return None
    def dump(kind: str, part: list[Any]) -> bytes:
        return orjson.dumps(part)[1:-1]

    def validate(kind: str, part: list[Any]) -> list[Named] | None:
        try:
            return adapter(kind).validate_python(part)
        except ValidationError:
            return None

    edit = _against(path, source, lists, baseline, lambda d: d["id"], dump, validate)
    if edit is None or (aliases and alias_table(dict(aliases)).keys() & edit.kind_of.keys()):
        return None
    if edit.new:
        part_model = edit._model(source, edit.new)
        parents = {kind: {d["id"]: d.get("parent") for d in lists[kind]} for kind in ("activities", "departments")}
        if reference_errors(part_model, edit.kind_of, parents):
            return None
    return edit


def edit_of(path: Path, model: Model, baseline: Baseline) -> Edit | None:
    """``model`` (read and checked whole: a document's, a RACI matrix's) as an edit of
    the model its source was last loaded from, or None (see the module docstring)."""
    lists: dict[str, list[Any]] = {kind: getattr(model, kind) for kind in LISTS}
    aliases = TypeAdapter(dict[str, str]).dump_json(model.aliases) if model.aliases else None
    return _against(
        path, model.source, lists, baseline, lambda item: item.id, dump_items, lambda _k, part: part,
        aliases=aliases, whole=True,
    )


def _against(
    path: Path,
    source: Source,
    lists: dict[str, list[Any]],
    baseline: Baseline,
    id_of: Callable[[Any], str],
    dump: Callable[[str, list[Any]], bytes],
    validate: Callable[[str, list[Any]], list[Named] | None],
    *,
    aliases: bytes | None = None,
    whole: bool = False,
) -> Edit | None:
    """The items of ``lists`` (parsed, or validated) against the snapshot of ``source``:
    chunks are ``dump``-ed and hashed; the items of those that differ are ``validate``-d
    and compared one by one with the snapshot's. ``whole``: a model read whole, whose
    ``aliases`` (their canonical JSON) are applied already; a file read as an edit may not
    follow a model that applied some (its ids would be rewritten)."""
    base = baseline.kept(source.id)
    if base is None or base.layout is None or base.loader != LOADER_VERSION:
        return None
    if not whole and base.layout.aliases is not None:
        return None

    edit = Edit(path, source, base, Source.model_validate_json(base.layout.source), Layout(
        source.model_dump_json().encode(), aliases
    ), "")
    for kind, items in lists.items():
        for i, d in enumerate(items):
            item_id = id_of(d)
            if item_id in edit.kind_of:
                return None  # a duplicate id: reading the file whole says where
            edit.kind_of[item_id] = kind
            edit.position[item_id] = i
            edit.raw[item_id] = d

    # the chunks: one of the snapshot's (by content, wherever it was), or to compare item
    # by item
    old_of: dict[tuple[str, str, int], int] = {}
    for j, chunk in enumerate(base.layout.chunks):
        old_of.setdefault((chunk.kind, chunk.hash, chunk.size), j)
    same: dict[int, bytes] = {}  # the new layout's unchanged chunks' bytes (to hash)
    differ: list[tuple[int, str, list[Any], bytes]] = []  # (position, list, items, their JSON)
    matched: set[int] = set()
    for kind, items in lists.items():
        for start, end in cuts(id_of(d) for d in items):
            part = items[start:end]
            data_bytes = dump(kind, part)
            h = digest(data_bytes)
            at = old_of.get((kind, h, len(part)))
            position = len(edit.layout.chunks)
            if at is not None and at not in matched:
                matched.add(at)
                same[position] = data_bytes
                edit.layout.chunks.append(Chunk(kind, len(part), h, None, base.layout.chunks[at].slot))
            else:
                differ.append((position, kind, part, data_bytes))
                edit.layout.chunks.append(Chunk(kind, len(part), ""))
    unread = [j for j in range(len(base.layout.chunks)) if j not in matched]
    offset, counted = {}, {kind: 0 for kind in LISTS}
    for j, chunk in enumerate(base.layout.chunks):
        offset[j] = counted[chunk.kind]
        counted[chunk.kind] += chunk.size
    old_items: dict[str, tuple[str, int, Named]] = {}
    by_slot = baseline.chunks(source.id, [base.layout.chunks[j].slot for j in unread])
    for j in unread:
        kind = base.layout.chunks[j].kind
        body = by_slot[base.layout.chunks[j].slot]
        for k, item in enumerate(adapter(kind).validate_json(b"[" + body + b"]")):
            old_items[item.id] = (kind, offset[j] + k, item)
    # the changed chunks take the slots the unread ones leave, then new ones
    free = sorted(base.layout.chunks[j].slot for j in unread)
    beyond = max((c.slot for c in base.layout.chunks), default=-1) + 1
    seen: set[str] = set()
    for position, kind, part, data_bytes in differ:
        checked = validate(kind, part)
        if checked is None:
            return None
        for item in checked:
            seen.add(item.id)
            before = old_items.get(item.id)
            if before is None:
                edit.new[item.id] = item
            elif before[0] != kind:
                return None  # another kind than before
            elif before[2] != item:
                edit.new[item.id] = item
                edit.old[item.id] = before[2]
        body = data_bytes if checked is part else dump_items(kind, checked)
        if free:
            slot = free.pop(0)
        else:
            slot, beyond = beyond, beyond + 1
        edit.layout.chunks[position] = Chunk(kind, len(checked), digest(body), body, slot)
    edit.removed = {i: old for i, old in old_items.items() if i not in seen}
    if edit.removed.keys() & edit.kind_of.keys() or _still_named(edit, baseline):
        return None  # moved where it was not looked for, or still named: read whole
    edit.content_hash = edit.layout.content_hash(same)
    return edit


def _still_named(edit: Edit, baseline: Baseline) -> bool:
    """Whether an item the edit leaves alone still names one it removed: every reference
    is a relationship the referring item states (kg.model.statements), so the
    relationships stated around the removed items say who could (their other ends, and
    the activities a reporting line is stated for)."""
    if not edit.removed:
        return False
    by_label: dict[str, list[str]] = {}
    for item_id, (kind, _at, _item) in edit.removed.items():
        by_label.setdefault(LABEL_OF_LIST[kind], []).append(item_id)
    suspects: dict[str, set[RelKey]] = {}
    for key, stated_for in baseline.stated(edit.source.id, by_label):
        for item_id in {key[1], key[2], *stated_for}:
            if item_id not in edit.removed and item_id not in edit.new and item_id in edit.kind_of:
                suspects.setdefault(item_id, set()).add(key)
    for item_id, item in edit._validated(suspects).items():
        alone = edit._model(edit.source, {item_id: item})
        if any((st.type, st.start, st.end, st.rank or "") in suspects[item_id] for st in statements(alone)):
            return True
    return False

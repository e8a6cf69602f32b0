"""A model file read as an edit of the model loaded before (loaders/delta.py) gives the
same diff and the same change report as the two whole models, for random models and
random edits; what it cannot read as an edit gives None.  No database: the snapshot is
kept in memory (loaders/snapshot.py's layout)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

import loaders.delta as delta
import loaders.snapshot as snapshot
from kg import changes
from kg.errors import ModelFileError
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
    parse_model,
    reference_errors,
)
from loaders.facts import Diff, RelKey, diff, to_facts
from loaders.snapshot import LOADER_VERSION, Chunk, Kept, Layout, layout


class Memory:
    """The snapshot of ``model``, kept in memory as the graph would keep it."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.layout = layout(model)
        self.hash = model.content_hash()
        self.read: list[int] = []

    def kept(self, source: str) -> Kept | None:
        chunks = [Chunk(c.kind, c.size, c.hash, None, c.slot) for c in self.layout.chunks]
        return Kept(self.hash, LOADER_VERSION, Layout(self.layout.source, self.layout.aliases, chunks))

    def chunks(self, source: str, slots: Iterable[int]) -> dict[int, bytes]:
        wanted = list(slots)
        self.read += wanted
        by_slot = {c.slot: c.data or b"" for c in self.layout.chunks}
        return {i: by_slot[i] for i in wanted}

    def stated(self, source: str, ids: Mapping[str, list[str]]) -> list[tuple[RelKey, set[str]]]:
        wanted = {i for some in ids.values() for i in some}
        return [(k, set(r.contexts)) for k, r in to_facts(self.model).rels.items() if {k[1], k[2]} & wanted]


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "CHUNK", 4)


# --------------------------------------------------------------------------- random models
def _prov(rng: random.Random) -> Provenance | None:
    if rng.random() < 0.2:
        return None
    start = rng.randrange(0, 5000)
    return Provenance(page=rng.randrange(1, 9), start=start, end=start + 9, text=f"句子{rng.randrange(40)}")


def random_model(rng: random.Random) -> Model:
    depts = [Department(id=f"dept:部{i}", name=f"部{i}", provenance=_prov(rng)) for i in range(rng.randrange(2, 6))]
    for i, d in enumerate(depts[1:], 1):
        if rng.random() < 0.5:
            d.parent = depts[rng.randrange(i)].id
    roles = [
        Role(id=f"role:岗{i}", name=f"岗{i}", name_en=f"Role {i}", provenance=_prov(rng),
             department=rng.choice([None, *(d.id for d in depts)]))
        for i in range(rng.randrange(4, 14))
    ]
    outputs = [Output(id=f"output:件{i}", name=f"件{i}") for i in range(rng.randrange(0, 4))]
    pool = [(rng.choice(roles).id, rng.choice([*roles, *depts]).id) for _ in range(4)]
    activities: list[Activity] = []
    for i in range(rng.randrange(3, 22)):
        a = Activity(
            id=f"activity:事{i}", name=f"事{i}", code=f"{i}", provenance=_prov(rng),
            kind="area" if i == 0 or rng.random() < 0.1 else "activity",
            description=rng.choice([None, f"描述{i}"]),
        )
        if a.kind == "activity" and activities:
            a.parent = rng.choice(activities).id
        a.responsible = rng.sample([r.id for r in roles], rng.randrange(0, 3))
        a.assists = rng.sample([r.id for r in roles], rng.randrange(0, 3))
        a.monitors = [Monitor(id=rng.choice([*roles, *depts]).id, rank=rng.choice(["first", "other"]))
                      for _ in range(rng.randrange(0, 2))]
        a.reports = [Report(**{"from": f, "to": t}) for f, t in rng.sample(pool, rng.randrange(0, 3)) if f != t]
        a.outputs = rng.sample([o.id for o in outputs], min(len(outputs), rng.randrange(0, 2)))
        a.interface_departments = rng.sample([d.id for d in depts], rng.randrange(0, 2))
        if rng.random() < 0.4:
            prov = _prov(rng)
            if prov is not None:
                a.evidence = {"reports": prov}
        activities.append(a)
    return Model(source=Source(id="doc:随机", version="1"), departments=depts, roles=roles,
                 outputs=outputs, activities=activities)


def random_edit(rng: random.Random, model: Model) -> Model:
    """One to three edits; some make the model invalid (a removed role still named, a
    parent cycle): then the file is no edit."""
    new = model.model_copy(deep=True)
    acts, roles = new.activities, new.roles
    for _ in range(rng.randrange(1, 4)):
        what = rng.randrange(13)
        a = rng.choice(acts)
        if what == 0:
            a.description = f"新描述{rng.randrange(99)}"
        elif what == 1:
            a.assists = a.assists[1:] if a.assists else [rng.choice(roles).id]
        elif what == 2:  # a reporting line that other activities may state too
            other = rng.choice(acts)
            extra = [r for r in other.reports if all((r.from_, r.to) != (x.from_, x.to) for x in a.reports)]
            a.reports = a.reports[1:] + extra[:1]
        elif what == 3:
            r = rng.choice(roles)
            r.department = rng.choice([None, *(d.id for d in new.departments)])
        elif what == 4:  # a new activity, somewhere
            b = Activity(id=f"activity:新{rng.randrange(10**6)}", name="新事", code=f"9{rng.randrange(99)}",
                         parent=rng.choice(acts).id, responsible=[rng.choice(roles).id],
                         reports=[Report(**{"from": roles[0].id, "to": roles[-1].id})] if roles[0] != roles[-1] else [])
            acts.insert(rng.randrange(len(acts) + 1), b)
        elif what == 5:
            roles.append(Role(id=f"role:新{rng.randrange(10**6)}", name="新岗",
                              department=new.departments[0].id))
        elif what == 6:  # the same items in another order
            i, j = rng.randrange(len(acts)), rng.randrange(len(acts))
            acts[i], acts[j] = acts[j], acts[i]
        elif what == 7:
            a.provenance = _prov(rng)
        elif what == 8:
            a.monitors = [Monitor(id=m.id, rank="other" if m.rank == "first" else "first") for m in a.monitors]
        elif what == 9:  # a new name: facts and the report's names change
            a.name = f"{a.name}改"
        elif what == 10:  # moved under another activity (which may close a cycle)
            a.parent, a.kind = rng.choice(acts).id, "activity"
        elif what == 11:  # an activity removed (its children's parent then names nothing)
            if len(acts) > 1:
                acts.remove(a)
        elif len(roles) > 1:  # a role removed (it may be named still)
            roles.remove(rng.choice(roles))
    return new


def _file(tmp: Path, model: Model, name: str = "m.json") -> tuple[Path, bytes]:
    path = tmp / name
    text = model.to_text("json")
    path.write_text(text, encoding="utf-8")
    return path, text.encode()


def _contexts(old: Model) -> delta.Contexts:
    rels = to_facts(old).rels

    def contexts(lines: list[RelKey]) -> dict[RelKey, set[str]]:
        return {k: set(rels[k].contexts) for k in lines if k in rels}

    return contexts


def _plain(d: Diff) -> dict[str, Any]:
    def node(f: Any) -> tuple[Any, ...]:
        return (f.label, f.id, json.dumps(f.props, sort_keys=True), sorted(f.statements))

    def rel(f: Any) -> tuple[Any, ...]:
        return (f.key, f.from_label, f.to_label, sorted(f.statements), sorted(f.contexts))

    return {
        "counts": d.counts,
        "changes": sorted(d.changes),
        "upsert_nodes": sorted(map(node, d.upsert_nodes)),
        "retract_nodes": sorted(map(node, d.retract_nodes)),
        "upsert_rels": sorted(map(rel, d.upsert_rels)),
        "retract_rels": sorted(map(rel, d.retract_rels)),
    }


# --------------------------------------------------------------------------- the tests
def test_layout_pieces_are_the_canonical_json() -> None:
    rng = random.Random(1)
    for _ in range(20):
        model = random_model(rng)
        lay = layout(model)
        assert b"".join(lay.pieces()) == model.canonical_json()
        assert lay.content_hash() == model.content_hash()
        # cut after each id that hashes to a boundary (one in 4 here), wherever it is
        ends = [n for n, r in enumerate(model.roles, 1) if snapshot.boundary(r.id)]
        if not ends or ends[-1] != len(model.roles):
            ends.append(len(model.roles))
        assert [c.size for c in lay.chunks if c.kind == "roles"] == [
            end - start for start, end in zip([0, *ends], ends, strict=False) if end > start
        ]
        assert [c.slot for c in lay.chunks] == list(range(len(lay.chunks)))
    odd = Model(
        source=Source(id="s", title='引号"\\/ \u2028 \x00 😀'),
        roles=[Role(id="role:x", name="x\n\t\x7f")],
        aliases={"y": "role:x"},
    )
    assert b"".join(layout(odd).pieces()) == odd.canonical_json()


@pytest.mark.parametrize("seed", range(200))
@pytest.mark.parametrize("read", ["file", "model"])
def test_an_edit_gives_what_the_whole_models_give(seed: int, read: str, tmp_path: Path) -> None:
    """``file``: a JSON model file read as an edit; ``model``: a model read whole (a
    document's, a RACI matrix's) taken as one."""
    rng = random.Random(seed)
    old = random_model(rng)
    new = random_edit(rng, old)
    path, raw = _file(tmp_path, new)
    if read == "model":
        if reference_errors(new):
            return  # no such model: reading it whole refuses it
        if seed % 2:  # aliases it applied, before and after
            old.aliases = {"岗甲": "role:岗0"}
            new.aliases = {"岗甲": "role:岗0", "岗乙": "role:岗1"} if seed % 4 == 1 else dict(old.aliases)
        edit = delta.edit_of(path, new, Memory(old))
    else:
        edit = delta.read_edit(path, raw, Memory(old))
    if reference_errors(new):  # read whole, it says what is wrong
        assert edit is None
        return
    assert edit is not None
    assert edit.content_hash == new.content_hash()
    before, after = edit.models(_contexts(old))
    labels = edit.labels
    assert _plain(diff(to_facts(after, labels), to_facts(before, labels))) == _plain(diff(to_facts(new), to_facts(old)))
    whole = changes.compare(old, new)
    part = changes.compare(before, after)
    assert changes.to_data(part) == changes.to_data(whole)
    assert changes.party_lines(part, before, after) == changes.party_lines(whole, old, new)


def _long(seed: int = 5) -> Model:
    """A random model with 40 more activities: about ten chunks of them (4 a chunk)."""
    model = random_model(random.Random(seed))
    model.activities += [Activity(id=f"activity:补{i}", name=f"补{i}") for i in range(40)]
    return model


def _slot_of(memory: Memory, item_id: str) -> int:
    """The slot of the snapshot chunk that holds ``item_id``."""
    at = {kind: 0 for kind in snapshot.LISTS}
    for chunk in memory.layout.chunks:
        items = getattr(memory.model, chunk.kind)[at[chunk.kind] : at[chunk.kind] + chunk.size]
        at[chunk.kind] += chunk.size
        if any(item.id == item_id for item in items):
            return chunk.slot
    raise AssertionError(item_id)


def _an_id(boundary: bool) -> str:
    return next(i for k in range(1000) if snapshot.boundary(i := f"activity:插{k}") == boundary)


def _read_as_edit(tmp_path: Path, old: Model, new: Model) -> tuple[Memory, delta.Edit]:
    """``new`` read as an edit of ``old``: what it gives is what the whole models give,
    and its layout joins into ``new``'s canonical JSON."""
    memory = Memory(old)
    edit = delta.read_edit(*_file(tmp_path, new), memory)
    assert edit is not None
    assert edit.content_hash == new.content_hash()
    before, after = edit.models(_contexts(old))
    assert _plain(diff(to_facts(after, edit.labels), to_facts(before, edit.labels))) == _plain(
        diff(to_facts(new), to_facts(old))
    )
    assert changes.to_data(changes.compare(before, after)) == changes.to_data(changes.compare(old, new))
    kept = {c.slot: c.data or b"" for c in memory.layout.chunks}
    data = {i: kept[c.slot] for i, c in enumerate(edit.layout.chunks) if c.data is None}
    assert b"".join(edit.layout.pieces(data)) == new.canonical_json()
    slots = [c.slot for c in edit.layout.chunks]
    assert len(set(slots)) == len(slots)
    return memory, edit


def _written(edit: delta.Edit) -> list[int]:
    return [c.slot for c in edit.layout.chunks if c.data is not None]


def test_only_the_chunks_that_differ_are_read_and_rewritten(tmp_path: Path) -> None:
    old = _long()
    new = old.model_copy(deep=True)
    middle = new.activities[len(new.activities) // 2]
    middle.description = "改过的描述"
    memory, edit = _read_as_edit(tmp_path, old, new)
    slot = _slot_of(memory, middle.id)
    assert memory.read == [slot]
    assert _written(edit) == [slot]  # in the slot it had
    assert set(edit.new) == set(edit.old) == {middle.id}


@pytest.mark.parametrize("boundary", [False, True])
def test_an_insertion_reads_and_writes_the_chunk_it_lands_in(boundary: bool, tmp_path: Path) -> None:
    """Not every later chunk, as chunks cut by position would: an id that is no boundary
    joins the chunk of the item after it; one that is splits that chunk in two."""
    old = _long()
    new = old.model_copy(deep=True)
    at = len(new.activities) // 2
    added = Activity(id=_an_id(boundary), name="插入", parent=new.activities[0].id)
    new.activities.insert(at, added)
    memory, edit = _read_as_edit(tmp_path, old, new)
    slot = _slot_of(memory, old.activities[at].id)
    assert memory.read == [slot]
    fresh = max(c.slot for c in memory.layout.chunks) + 1
    assert sorted(_written(edit)) == ([slot, fresh] if boundary else [slot])
    assert set(edit.new) == {added.id} and edit.old == {} and edit.removed == {}


@pytest.mark.parametrize("boundary", [False, True])
def test_a_deletion_reads_the_chunk_it_leaves(boundary: bool, tmp_path: Path) -> None:
    """An id that is no boundary leaves its chunk shorter; one that is merges its chunk
    with the next (both read, one written, one slot emptied)."""
    old = _long()
    extra = old.activities[-40:]
    gone = next(a for a in extra[5:-5] if snapshot.boundary(a.id) == boundary)
    new = old.model_copy(deep=True)
    new.activities = [a for a in new.activities if a.id != gone.id]
    memory, edit = _read_as_edit(tmp_path, old, new)
    slot = _slot_of(memory, gone.id)
    after = old.activities[old.activities.index(gone) + 1]
    assert sorted(memory.read) == sorted({slot, _slot_of(memory, after.id)})
    assert len(memory.read) == (2 if boundary else 1)
    assert _written(edit) == [min(memory.read)]
    assert set(edit.removed) == {gone.id} and edit.new == {}


def test_a_move_reads_the_chunks_it_leaves_and_lands_in(tmp_path: Path) -> None:
    old = _long()
    extra = [a for a in old.activities[-40:] if not snapshot.boundary(a.id)]
    moved, before = extra[3], extra[-3]
    new = old.model_copy(deep=True)
    item = next(a for a in new.activities if a.id == moved.id)
    new.activities.remove(item)
    new.activities.insert(next(i for i, a in enumerate(new.activities) if a.id == before.id), item)
    memory, edit = _read_as_edit(tmp_path, old, new)
    left, landed = _slot_of(memory, moved.id), _slot_of(memory, before.id)
    assert left != landed
    assert sorted(memory.read) == sorted([left, landed])
    assert sorted(_written(edit)) == sorted([left, landed])
    assert edit.new == edit.old == {} and edit.removed == {}  # the same item elsewhere


def test_a_positional_snapshot_still_reads_as_an_edit(tmp_path: Path) -> None:
    """Format 2 cut its chunks every CHUNK items and kept them in the slots of their
    positions: an edit of it reads every chunk once and gives the new layout its slots."""
    old = _long()
    memory = Memory(old)
    positional = Layout(memory.layout.source, memory.layout.aliases)
    for kind in snapshot.LISTS:
        items = getattr(old, kind)
        for start in range(0, len(items), 4):
            body = snapshot.dump_items(kind, items[start : start + 4])
            positional.chunks.append(Chunk(kind, len(items[start : start + 4]), snapshot.digest(body), body,
                                           len(positional.chunks)))
    memory.layout = positional
    new = old.model_copy(deep=True)
    new.activities[3].description = "改过的描述"
    edit = delta.read_edit(*_file(tmp_path, new), memory)
    assert edit is not None and edit.content_hash == new.content_hash()
    assert set(edit.new) == {new.activities[3].id}
    assert sorted(memory.read) == [c.slot for c in positional.chunks if c.hash not in
                                   {d.hash for d in layout(new).chunks}]
    slots = [c.slot for c in edit.layout.chunks]
    assert len(set(slots)) == len(slots)
    kept = {c.slot: c.data or b"" for c in positional.chunks}
    unread = {i: kept[c.slot] for i, c in enumerate(edit.layout.chunks) if c.data is None}
    assert all(edit.layout.chunks[i].slot not in memory.read for i in unread)
    assert b"".join(edit.layout.pieces(unread)) == new.canonical_json()


def test_a_file_that_states_the_same_content_otherwise_is_unchanged(tmp_path: Path) -> None:
    old = random_model(random.Random(9))
    data = json.loads(old.to_text("json"))
    for item in data["roles"]:  # keys in another order, defaults left out
        item.pop("name_original")
        item["id"], item["name"] = item.pop("id"), item.pop("name")
    raw = json.dumps(data, ensure_ascii=False).encode()
    (tmp_path / "m.json").write_bytes(raw)
    edit = delta.read_edit(tmp_path / "m.json", raw, Memory(old))
    assert edit is not None
    assert edit.new == {}
    assert edit.content_hash == old.content_hash()


def _edited(old: Model, change: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(old.to_text("json"))
    change(data)
    return data


CANNOT = {
    "a role removed that is named": lambda d: d["roles"].pop(next(
        i for i, r in enumerate(d["roles"]) if any(r["id"] in a["responsible"] for a in d["activities"]))),
    "a role turned into a department": lambda d: d["departments"].append(d["roles"].pop(0) | {"parent": None}),
    "a duplicate id": lambda d: d["roles"].append(dict(d["roles"][0])),
    "an invalid value": lambda d: d["activities"][0].update(provenance={"page": 0, "start": 0, "end": 1, "text": "x"}),
    "an unknown field": lambda d: d["roles"][0].update(colour="red"),
    "an unknown reference": lambda d: d["activities"][0].update(responsible=["role:无此岗"]),
    "a reference of the wrong kind": lambda d: d["activities"][0].update(outputs=[d["roles"][0]["id"]]),
    "a parent cycle": lambda d: d["activities"][0].update(parent=d["activities"][-1]["id"], kind="activity"),
    "aliases of its own": lambda d: d.update(aliases={"岗0": "role:岗1"}),
    "another schema": lambda d: d.update(schema="kg-org-model/9"),
    "a list that is not one": lambda d: d.update(roles={"id": "role:x"}),
}


@pytest.mark.parametrize("case", sorted(CANNOT))
def test_what_is_not_an_edit_is_read_whole(case: str, tmp_path: Path) -> None:
    old = random_model(random.Random(3))
    old.activities[-1].parent = old.activities[0].id  # the cycle case closes one
    data = _edited(old, CANNOT[case])
    raw = json.dumps(data, ensure_ascii=False).encode()
    (tmp_path / "m.json").write_bytes(raw)
    assert delta.read_edit(tmp_path / "m.json", raw, Memory(old)) is None
    valid = ("aliases of its own",)  # the others are wrong: the whole read says so
    if case in valid:
        assert parse_model(data).source.id == old.source.id
    else:
        with pytest.raises(ModelFileError):  # read whole, it says what is wrong
            parse_model(data)


def test_no_usable_snapshot_is_no_edit(tmp_path: Path) -> None:
    old = random_model(random.Random(4))
    path, raw = _file(tmp_path, old)

    class Older(Memory):
        def kept(self, source: str) -> Kept | None:
            kept = super().kept(source)
            assert kept is not None
            return Kept(kept.content_hash, "kg 0.1 / kg-org-model/1", kept.layout)

    assert delta.read_edit(path, raw, Older(old)) is None
    assert delta.read_edit(path, b"{not json", Memory(old)) is None
    assert delta.read_edit(path, raw, Memory(old), aliases={"岗0": "role:岗1"}) is None
    assert delta.read_edit(path, raw, Memory(old), aliases={"无关": "role:岗1"}) is not None


def test_the_source_id_given_replaces_the_files(tmp_path: Path) -> None:
    old = random_model(random.Random(6))
    path, raw = _file(tmp_path, old)
    edit = delta.read_edit(path, raw, Memory(old), source_id="doc:别名")
    assert edit is not None and edit.source.id == "doc:别名"

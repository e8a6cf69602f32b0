"""Snapshots: the model each source was last loaded from, kept beside it in chunks.

A snapshot is the model's canonical JSON (:meth:`kg.model.Model.canonical_json`) cut
into pieces: the source (and the aliases the model applied) and, for each of its lists
(departments, roles, outputs, activities), chunks of consecutive items, each
zlib-compressed in a property of the source's ``:KgSnapshot`` node beside its sha256
(``chunk_hashes``).  Joined, the pieces are the canonical JSON byte for byte, so the
snapshot's content hash is the model's.

**Chunks are cut by identity, not by position** (content-defined chunking): a chunk ends
after an item whose id hashes to a boundary (:func:`boundary`: one id in :data:`CHUNK`,
so chunks hold about that many items; at most :data:`MAX_FACTOR` times as many).  An item inserted,
removed or moved therefore changes only the chunk it lands in and the one it left (two
when it is a boundary itself: they split or merge), never the chunks after it, as
fixed-size chunks would.

Each chunk lives in a numbered property, its *slot* (``c0``, ``c1``, …; ``chunk_slots``
lists them in layout order): a slot keeps its chunk while the chunk is unchanged, so an
edit rewrites only the slots of the chunks it changed (new chunks take the slots the
removed ones freed), and the property names stay few (Neo4j never frees a property
name).

A refresh of a model file compares the new file's chunks with these hashes, wherever
they are, and reads, validates and diffs only the chunks that differ
(:mod:`loaders.delta`); it rewrites only those.  A snapshot is written in the load's
transaction, so it is always what the graph holds from its source.

Older snapshots still read: format 2 (chunks of :data:`CHUNK` items cut by position, in
slots ``c0``…, numbered as laid out) as a layout whose slots are its positions (an edit
of one matches no chunk by chance, reads it all once and writes it in this format);
an unformatted one (one compressed ``data`` blob) whole (:func:`model_of`).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from neo4j import ManagedTransaction, Transaction
from pydantic import TypeAdapter, ValidationError

from kg.model import SCHEMA, Activity, Department, Model, Named, Output, Role
from kg.statements import statement
from kg.version import __version__

#: Recorded on each Source and snapshot: a file loaded by another kg version is parsed
#: again, and its snapshot is not trusted.
LOADER_VERSION = f"kg {__version__} / kg-org-model/1"
#: The chunked layout (3: cut by identity, in slots); 2 was cut by position (its slots
#: are its positions); a snapshot without one (an older kg's) is read whole from ``data``.
FORMAT = 3
FORMATS = (2, FORMAT)
#: Items per chunk, on average: one id in CHUNK is a boundary.
CHUNK = 1000
#: A chunk is cut after this many items whatever the ids (a run without a boundary that
#: long is rare: e**-8 of the chunks at CHUNK).
MAX_FACTOR = 8
#: The model's lists, in the canonical JSON's order, and the class of their items.
LISTS: dict[str, type[Named]] = {
    "departments": Department,
    "roles": Role,
    "outputs": Output,
    "activities": Activity,
}


@cache
def adapter(kind: str) -> TypeAdapter[list[Any]]:
    """Validates and serialises a list of ``kind``'s items exactly as the model does."""
    return TypeAdapter(list[LISTS[kind]])  # type: ignore[valid-type]


def dump_items(kind: str, items: Sequence[Named]) -> bytes:
    """The canonical JSON of ``items`` as they stand in the model's list, without the
    brackets: what a chunk keeps (and hashes)."""
    return adapter(kind).dump_json(list(items), by_alias=True)[1:-1]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def boundary(item_id: str) -> bool:
    """Whether a chunk ends after the item ``item_id`` (one id in :data:`CHUNK`): its
    CRC-32 (stable across processes and versions, unlike ``hash``; fast) is a multiple."""
    return zlib.crc32(item_id.encode()) % CHUNK == 0


def cuts(ids: Iterable[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each chunk of a list whose items have ``ids``, in order: a chunk
    ends after a :func:`boundary` id, or at ``CHUNK * MAX_FACTOR`` items."""
    start = n = 0
    longest = CHUNK * MAX_FACTOR
    for n, item_id in enumerate(ids, 1):
        if boundary(item_id) or n - start >= longest:
            yield start, n
            start = n
    if n > start:
        yield start, n


@dataclass
class Chunk:
    """Consecutive items of one list (see :func:`cuts`), as canonical JSON."""

    kind: str
    size: int
    hash: str
    data: bytes | None = None  # None: not read (unchanged; the graph keeps it)
    slot: int = -1  # the property c<slot> that keeps it (-1: none given yet)
    packed: bytes | None = None  # ``data`` compressed, once :meth:`Layout.pack` ran


@dataclass
class Layout:
    """A model as snapshot pieces: the source, the aliases, the chunks in order."""

    source: bytes  # the Source's canonical JSON
    aliases: bytes | None  # the aliases' canonical JSON; None when the model has none
    chunks: list[Chunk] = field(default_factory=list)

    def pieces(self, data: dict[int, bytes] | None = None) -> Iterator[bytes]:
        """The canonical JSON, piece by piece (``data``: chunk bytes by position, for the
        chunks that do not carry theirs)."""
        yield b'{"schema":"' + SCHEMA.encode() + b'","source":' + self.source
        by_kind: dict[str, list[int]] = {k: [] for k in LISTS}
        for i, chunk in enumerate(self.chunks):
            by_kind[chunk.kind].append(i)
        for kind, positions in by_kind.items():
            yield b',"' + kind.encode() + b'":['
            for n, i in enumerate(positions):
                chunk = self.chunks[i]
                body = chunk.data if chunk.data is not None else (data or {}).get(i)
                if body is None:
                    raise ValueError(f"chunk {i} of the snapshot is not read")
                yield body if n == 0 else b"," + body
            yield b"]"
        if self.aliases is not None:
            yield b',"aliases":' + self.aliases
        yield b"}"

    def pack(self) -> None:
        """Compress the chunks that carry their bytes (what :func:`write` keeps), ahead of
        the write: a load does it while the server stages its new nodes."""
        for chunk in self.chunks:
            if chunk.data is not None and chunk.packed is None:
                chunk.packed = zlib.compress(chunk.data, 1)

    def content_hash(self, data: dict[int, bytes] | None = None) -> str:
        """The model's content hash (:meth:`kg.model.Model.content_hash`), from the pieces."""
        h = hashlib.sha256()
        for piece in self.pieces(data):
            h.update(piece)
        return h.hexdigest()


def chunked(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """The chunks of a list of items (see :func:`cuts`)."""
    for start, end in cuts(item.id for item in items):
        yield items[start:end]


def layout(model: Model) -> Layout:
    """``model`` as snapshot pieces (every chunk's bytes carried, slots in order)."""
    out = Layout(
        source=model.source.model_dump_json().encode(),
        aliases=TypeAdapter(dict[str, str]).dump_json(model.aliases) if model.aliases else None,
    )
    for kind in LISTS:
        for items in chunked(getattr(model, kind)):
            data = dump_items(kind, items)
            out.chunks.append(Chunk(kind, len(items), digest(data), data, len(out.chunks)))
    return out


# --------------------------------------------------------------------------- in the graph
@dataclass
class Kept:
    """A snapshot as the graph keeps it: what it is of, and its layout (chunks not read)."""

    content_hash: str
    loader: str
    layout: Layout | None  # None: an older kg's snapshot (one ``data`` blob)
    whole: bytes | None = None  # that blob, compressed


def read(tx: Transaction | ManagedTransaction, source: str) -> Kept | None:
    """The snapshot kept with ``source`` (its layout; no chunk read), or None."""
    rec = tx.run(statement("read-snapshot"), source=source).single()
    if rec is None:
        return None
    if rec["format"] not in FORMATS:
        return Kept(rec["content_hash"], rec["loader"], None, rec["data"])
    kinds, sizes, hashes = rec["chunk_kinds"] or [], rec["chunk_sizes"] or [], rec["chunk_hashes"] or []
    # format 2 kept its chunks in the slots of their positions
    slots = rec["chunk_slots"] if rec["format"] == FORMAT else range(len(kinds))
    chunks = [Chunk(k, n, h, None, i) for k, n, h, i in zip(kinds, sizes, hashes, slots, strict=True)]
    return Kept(rec["content_hash"], rec["loader"], Layout(rec["source_data"], rec["aliases_data"], chunks))


def read_chunks(tx: Transaction | ManagedTransaction, source: str, slots: Iterable[int]) -> dict[int, bytes]:
    """The bytes of the chunks in ``slots`` (decompressed), by slot."""
    wanted = sorted(set(slots))
    if not wanted:
        return {}
    rec = tx.run(
        statement("read-snapshot-chunks"), source=source, keys=[f"c{i}" for i in wanted]
    ).single(strict=True)
    return {i: zlib.decompress(blob) for i, blob in zip(wanted, rec["chunks"], strict=True)}


def model_of(tx: Transaction | ManagedTransaction, source: str, kept: Kept) -> Model | None:
    """The whole model a snapshot keeps, checked against its content hash; None when it
    does not read back as that model."""
    try:
        if kept.layout is None:
            if kept.whole is None:
                return None
            canonical = zlib.decompress(kept.whole)
        else:
            chunks = kept.layout.chunks
            by_slot = read_chunks(tx, source, (c.slot for c in chunks))
            canonical = b"".join(kept.layout.pieces({i: by_slot[c.slot] for i, c in enumerate(chunks)}))
        if digest(canonical) != kept.content_hash:
            return None
        return Model.model_validate_json(canonical)
    except (zlib.error, ValidationError, TypeError, ValueError):
        return None


def write(
    tx: Transaction,
    source: str,
    new: Layout,
    content_hash: str,
    *,
    before: Layout | None = None,
) -> None:
    """Keep ``new`` as ``source``'s snapshot. Without ``before``, every chunk (each carries
    its bytes) and nothing else; after an edit of ``before``, the chunks that carry their
    bytes (the changed ones, in their slots) and the layout, and the slots no chunk
    keeps any more emptied."""
    props: dict[str, Any] = {
        "content_hash": content_hash,
        "loader": LOADER_VERSION,
        "format": FORMAT,
        "source_data": new.source,
        "aliases_data": new.aliases,
        "chunk_kinds": [c.kind for c in new.chunks],
        "chunk_sizes": [c.size for c in new.chunks],
        "chunk_hashes": [c.hash for c in new.chunks],
        "chunk_slots": [c.slot for c in new.chunks],
    }
    if len(set(props["chunk_slots"])) != len(new.chunks) or min(props["chunk_slots"], default=0) < 0:
        raise ValueError("every chunk needs a slot of its own")
    for i, chunk in enumerate(new.chunks):
        if chunk.data is not None:
            props[f"c{chunk.slot}"] = chunk.packed or zlib.compress(chunk.data, 1)
        elif before is None:
            raise ValueError(f"chunk {i} carries no bytes: a whole snapshot needs them all")
    if before is None:
        tx.run(statement("write-snapshot"), source=source, props=props).consume()
        return
    for slot in {c.slot for c in before.chunks} - set(props["chunk_slots"]):
        props[f"c{slot}"] = None
    tx.run(statement("edit-snapshot"), source=source, props=props).consume()

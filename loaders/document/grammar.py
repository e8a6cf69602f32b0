"""The grammar over blocks: a document read as blocks (:mod:`loaders.blocks`) → the model.

**Design.**  The block grammar builds the activity tree itself, from the document's own
structure, and hands every field's text to the one field grammar
(:meth:`loaders.document.fields._Fields.value`) — there is one parser of the values'
syntax (lists of people, ranked monitors, report lines), not two.  Blocks are not
flattened into the text form the text grammar reads: the tree comes from the blocks'
kinds, levels and numbers, so provenance stays exact.  The field grammar reads a
:class:`loaders.text.CleanText` made of :attr:`Document.text` itself (full-width
punctuation folded and whitespace made spaces, one character for one, and its
Simplified form), so every offset it records is an offset of ``Document.text``, on the
page of its block.

The passes:

1. **Structure** (one pass over the blocks, in order).  A heading of level 0 is the
   title (its ``(Ver1.0)`` the version).  A table is a matrix (:mod:`.layouts.matrix`: its
   rows become nodes under the heading before it) or a field table
   (:mod:`.layouts.field_table`: its fields belong to the heading before it, or to the
   activity it names itself).  A paragraph that starts with a field label states fields
   (:mod:`.layouts.paragraphs`); a label alone (nothing after its colon) takes the plain
   paragraphs after it as its value, one line each.  Any other block is a heading when
   it is a Word heading, or displays a number (Word's numbering) or starts with one
   (:mod:`.layouts.numbers`) and what follows is a name (no sentence punctuation, within
   the name limit); headings of every scheme nest by :mod:`.layouts.tree`'s rules.  But
   numbered paragraphs right after a description, numbered alike one after the other
   (``1.`` ``2.``), are a list in the description; a description goes on over such a
   list and over plain paragraphs after it.  Everything else is text no layout places.
2. **Activities.**  A heading is an activity when fields are stated under it or under a
   heading below it; the others (chapters such as a purpose, a figure's title) are left
   out, with a warning once activities have begun.  The top-level activities are the
   areas (``kind: area``); a single top heading without a number or fields of its own,
   whose kept children all have headings below them, is a chapter around the areas and
   is left out (when the document has no title, its text is the title); a numbered one
   is the document's one area.  Codes follow the outline
   from the areas down (``3.1.2``; Chinese and circled numbers as digits; a left-out
   chapter adds nothing).  Every field goes through the field grammar on its span.

A paragraph no layout places that states memberships (``X直接归属Y管理``, a verb of
:data:`loaders.document.overview.MEMBERSHIP`) is read by the text grammar's membership
rules, anywhere in the document, once every role is known; any other is a warning once
activities have begun.

The front matter: the title (above); the issuer (``…有限公司``) and the signatory
(``签发人：…``) in paragraphs before the title; the purpose in the paragraphs under a
chapter heading named 目的 or 宗旨 before the areas (the text grammar's words).

Not read yet: an overview that names the areas (the areas are the top headings); a
non-description value that goes on in the paragraphs after its label's line, or in list
items (a warning: unplaced text); a numbered list after a description that has one item
only (read as a heading).

**Which documents.**  :func:`reads_blocks` says whether this grammar reads a document:
when its headings use a scheme the text grammar of the scraped form does not know — a
nested decimal number (``3.1``), a Chinese one in parentheses, a parenthesised or circled
number, a Word heading with no number, a number Word's numbering displays (which the text
of a Word file does not hold; a bullet it does not need), or no decimal area number at
all (``一、`` areas with ``A.`` activities) — or it has a matrix table.  Documents in the
scraped form's own outline (decimal areas, lettered activities ``A.``/``a.``, bullets,
``1)``) keep the text grammar (:mod:`loaders.document.extraction`), which also reads
their overview and membership statements.  The choice is by structure, never by a
document's name or strings.
"""

from __future__ import annotations

import hashlib
import re

from kg.errors import DocumentError
from kg.model import Source
from kg.names import to_simplified
from loaders.blocks import Block, Document
from loaders.document.assemble import Extraction, finish
from loaders.document.fields import FIELDS
from loaders.document.frontmatter import ISSUER, SIGNATORY_LABEL, VERSION
from loaders.document.layouts import field_table, matrix, paragraphs
from loaders.document.layouts.numbers import Key, Number, parse_number
from loaders.document.layouts.tree import FieldSpan, Node, Tree
from loaders.document.limits import Limits
from loaders.document.outline import _Outline
from loaders.document.overview import _Overview
from loaders.document.state import EDGE_PUNCT, _Act
from loaders.text import CleanText, fold_width

#: Keys of the scraped form's outline, which the text grammar reads.
SITE_KEYS: frozenset[Key] = frozenset(
    {("decimal", 1), ("upper", 1), ("lower", 1), ("bullet", 1), ("digit-paren", 1), ("cn", 1)}
)
#: The name of the front matter's purpose chapter (as :data:`.frontmatter.PURPOSE`).
PURPOSE_NAME = re.compile(r"目的|宗旨")
#: A paragraph that may state a role's department (:data:`.overview.MEMBERSHIP`).
_MEMBERSHIP_VERB = re.compile(r"归属|隶属|属于")
#: Characters that end a sentence or a clause: a heading's name has none.
_SENTENCE = set("。;:,!?")
#: Whitespace made a space; a line break inside a block (a cell's paragraphs, a line
#: break in a paragraph) separates like a semicolon (one role a line).
_SPACES = str.maketrans({"\t": " ", "\n": ";", "\r": " ", "\f": " ", "\v": " "})


def clean_blocks(doc: Document) -> CleanText:
    """The document's text as the field grammar reads it: offsets are ``Document.text``'s
    (full-width folded, whitespace a space, a line break inside a block ``;``, a bullet
    that starts a line of a table's cell a space)."""
    folded = fold_width(doc.text)
    chars = list(folded.translate(_SPACES))
    for block in doc.blocks:  # the line break between two blocks is a space
        if block.end < len(chars) and chars[block.end] == ";":
            chars[block.end] = " "
        for row in block.rows:  # a bullet that starts a cell's line is no part of its value
            for cell in row:
                if cell is None:
                    continue
                at = cell.start
                while 0 <= at < cell.end:
                    number = parse_number(folded[at : cell.end])
                    if number is not None and number.scheme == "bullet":
                        chars[at : at + number.end] = " " * number.end
                    nl = folded.find("\n", at, cell.end)
                    at = nl + 1 if nl >= 0 else -1
    text = "".join(chars)
    pages: list[int] = []
    page = 1
    for block in doc.blocks:
        pages.extend([page] * (block.start - len(pages)))
        page = block.page
        pages.extend([page] * (block.end - len(pages)))
    pages.extend([page] * (len(text) - len(pages)))
    n = len(text)
    return CleanText(
        raw=doc.text,
        text=text,
        simple=to_simplified(text),
        starts=list(range(n)),
        ends=list(range(1, n + 1)),
        pages=pages,
    )


class _BlockParser(_Outline, _Overview):
    """The state of one pass over a document's blocks (the text grammar's tables, and
    its helpers: names, activities, the field grammar, membership statements)."""

    #: where the title block starts (front matter comes before it)
    title_at: int | None = None


def _heading(p: _BlockParser, block: Block) -> tuple[Key, Number | None, int] | None:
    """A block that is a heading: its key, number and where its name starts."""
    s = p.s
    if block.kind == "table":
        return None
    name_at = block.end - len(block.text)
    number: Number | None = None
    key: Key | None = None
    if block.number is not None:
        number = parse_number(fold_width(block.number).strip(), alone=True)
        key = number.key if number is not None else ("auto", block.level or 1)
    else:
        typed = parse_number(s[block.start : block.end])
        if typed is not None:
            number, key, name_at = typed, typed.key, block.start + typed.end
        elif block.kind == "heading":
            key = ("heading", block.level or 1)
    if key is None:
        return None
    a, b = p.trim(name_at, block.end)
    name = s[a:b]
    if (
        not name
        or (block.kind != "heading" or number is not None)
        and (any(c in _SENTENCE for c in name) or b - a > p.limits.max_name)
    ):
        return None
    return key, number, a


def reads_blocks(doc: Document, ct: CleanText | None = None) -> bool:
    """Whether the block grammar reads ``doc`` (see the module docstring); ``ct``: its
    :func:`clean_blocks`, when made already."""
    p = _BlockParser(ct or clean_blocks(doc))
    keys: set[Key] = set()
    for block in doc.blocks:
        if block.kind == "table":
            if matrix.is_matrix(p.s, block):
                return True
            continue
        if block.kind == "heading" and block.level == 0:
            continue
        if paragraphs.labelled(p.s, block.start, block.end):
            continue
        found = _heading(p, block)
        if found is None:
            continue
        if found[0] not in SITE_KEYS or (block.number is not None and found[0] != ("bullet", 1)):
            return True
        keys.add(found[0])
    # the scraped form's areas are decimal numbers: without them, its outline is not there
    return bool(keys) and ("decimal", 1) not in keys


def extract_blocks(
    doc: Document,
    *,
    path: str | None = None,
    source_id: str | None = None,
    sha256: str | None = None,
    limits: Limits | None = None,
    ct: CleanText | None = None,
) -> Extraction:
    """Extract the model of a document read as blocks (see the module docstring); ``ct``:
    its :func:`clean_blocks`, when made already."""
    where = path or doc.name
    limits = limits or Limits.from_env()
    limits.check_size(len(doc.text.encode("utf-8", errors="replace")), where)
    p = _BlockParser(ct or clean_blocks(doc), limits, where)
    try:
        source, tree, loose = _structure(p, doc)
        loose = _front(p, source, tree, loose)
        chapter = _activities(p, tree, loose)
        if source.title is None and chapter is not None:
            # the document's title set as its top heading, around the areas
            source.title, source.version = _title(p, chapter.head, max(chapter.stop, chapter.end))
        elif source.title is None:
            p.warn(0, "no title (a paragraph in Word's Title style) found")
    except DocumentError:
        raise
    except Exception as exc:  # a bug met on a strange document: still one line, with a page
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        raise DocumentError(
            f"{where}: page {p.page}: cannot read the document ({type(exc).__name__}: {first})"
        ) from exc
    if not any(a.kind == "activity" for a in p.acts):
        raise DocumentError(
            f"{where}: no recognisable activities (no headings followed by fields such as "
            "'业务描述:' or '主要责任人:')"
        )
    digest = sha256 or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    return finish(p, source, list(p.warnings), doc.text, path, source_id, digest)


def _structure(p: _BlockParser, doc: Document) -> tuple[Source, Tree, list[tuple[int, int]]]:
    """Pass 1: the title, the tree of headings with their fields, the unplaced spans."""
    s = p.s
    tree = Tree()
    title: tuple[str, str | None] | None = None
    loose: list[tuple[int, int]] = []
    #: a label alone on its paragraph: the paragraphs after it are its value
    open_field: tuple[Node, int] | None = None
    #: a description just stated: a numbered list right after it may be its text
    open_desc: tuple[Node, int] | None = None
    joins: list[int] = []
    listed = _description_lists(p, doc)
    for i, block in enumerate(doc.blocks):
        p.page = block.page
        if open_desc is not None and (i in listed or _plain(p, block)):
            node, k = open_desc
            f = node.fields[k]
            node.fields[k] = FieldSpan(f.label, f.at, f.label_end, f.start, block.end)
            continue
        open_desc = None
        if open_field is not None:
            node, k = open_field
            if _plain(p, block):
                f = node.fields[k]
                node.fields[k] = FieldSpan(f.label, f.at, f.label_end, f.start, block.end)
                if f.end < block.start:
                    joins.append(block.start - 1)
                continue
            open_field = None
        if block.kind == "heading" and block.level == 0 and title is None:
            title = _title(p, block.start, block.end)
            p.title_at = block.start
            continue
        if block.kind == "table":
            if matrix.is_matrix(s, block):
                under = tree.current
                for cell in matrix.read(s, block, tree, under):
                    loose.append((cell.start, cell.end))
                if under is not None:  # the table's rows close with it
                    del tree.stack[tree.stack.index(under) + 1 :]
                else:
                    tree.stack.clear()
                continue
            read = field_table.read(s, block)
            if read is None:
                loose.append((block.start, block.end))
                continue
            if read.name is not None:  # the table is an activity of its own
                _table_activity(p, tree, read)
            _attach(p, tree.current, read.fields)
            loose.extend((c.start, c.end) for c in read.unplaced)
            continue
        spans = paragraphs.labelled(s, block.start, block.end)
        if spans:
            _attach(p, tree.current, spans)
            last = spans[-1]
            if tree.current is not None and not s[last.start : last.end].strip(EDGE_PUNCT):
                open_field = (tree.current, len(tree.current.fields) - 1)
            elif tree.current is not None and FIELDS[last.label] == "description":
                open_desc = (tree.current, len(tree.current.fields) - 1)
            continue
        found = _heading(p, block)
        if found is not None:
            key, number, a = found
            _, b = p.trim(a, block.end)
            tree.add(key, number, block.start, a, b).stop = block.end
            continue
        loose.append((block.start, block.end))
    if joins:  # a value's paragraphs are separated like its lines
        _join(p, joins)
    source = Source(id="-", title=title[0], version=title[1]) if title else Source(id="-")
    return source, tree, loose


def _table_activity(p: _BlockParser, tree: Tree, table: field_table.FieldTable) -> None:
    """Open the activity a field table names (its number, if any, nests it)."""
    assert table.name is not None
    number = None
    if table.number is not None:
        number = parse_number(p.s[table.number.start : table.number.end].strip(), alone=True)
    key: Key = number.key if number is not None else ("field-table", 1)
    a, b = p.trim(table.name.start, table.name.end)
    tree.add(key, number, a, a, b).stop = table.name.end


def _plain(p: _BlockParser, block: Block) -> bool:
    """A paragraph that is neither a heading nor a field: text."""
    return (
        block.kind == "paragraph"
        and block.number is None
        and _heading(p, block) is None
        and not paragraphs.labelled(p.s, block.start, block.end)
    )


def _description_lists(p: _BlockParser, doc: Document) -> set[int]:
    """The blocks that are a numbered list inside a description, not headings: numbered
    paragraphs (typed or Word's, not a heading style) right after a labelled description
    whose next block is numbered the same way (``1.`` then ``2.``), and the ones that follow
    them numbered the same way.  A numbered paragraph followed by fields, or by a deeper
    number, stays a heading."""
    s = p.s
    keys: list[Key | None] = []
    desc: list[bool] = []
    for block in doc.blocks:
        spans = paragraphs.labelled(s, block.start, block.end) if block.kind != "table" else []
        desc.append(bool(spans) and FIELDS[spans[-1].label] == "description")
        found = _heading(p, block) if not spans and block.kind != "heading" else None
        keys.append(found[0] if found is not None else None)
    listed: set[int] = set()
    for i, key in enumerate(keys):
        if key is None:
            continue
        after_desc = i > 0 and desc[i - 1] and i + 1 < len(keys) and keys[i + 1] == key
        if after_desc or (i - 1 in listed and keys[i - 1] == key):
            listed.add(i)
    return listed


def _join(p: _BlockParser, at: list[int]) -> None:
    """Make the spaces at ``at`` separators (``;``) in the text the grammar reads."""
    text, simple = list(p.ct.text), list(p.ct.simple)
    for k in at:
        text[k] = simple[k] = ";"
    p.ct.text, p.ct.simple = "".join(text), "".join(simple)
    p.s = p.ct.simple


def _front(
    p: _BlockParser, source: Source, tree: Tree, loose: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The front matter: the issuer and signatory in the paragraphs before the title
    (``…有限公司…``, ``签发人：…``), the purpose in the paragraphs of a chapter named
    目的/宗旨 before the areas; returns the spans it did not take."""
    s, text = p.s, p.ct.text
    heads = sorted(n.head for n in tree.roots)
    first = heads[0] if heads else len(s)
    before_title = source.title is not None and p.title_at is not None
    rest: list[tuple[int, int]] = []
    for a, b in loose:
        x, y = p.trim(a, b)
        if before_title and y <= p.title_at and y > x:  # type: ignore[operator]
            sig = SIGNATORY_LABEL.match(s, x, y)
            if sig is not None and source.signatory is None:
                source.signatory = text[slice(*p.trim(sig.end(), y))] or None
                continue
            issuer = ISSUER.match(s[x:y])
            if issuer is not None and source.issuer is None:
                source.issuer = text[x : x + issuer.end("issuer")]
                continue
        rest.append((a, b))
    for node in tree.roots:
        if (
            node.head < first
            or node.has_fields()
            or not PURPOSE_NAME.fullmatch(s[node.start : node.end])
        ):
            continue
        end = next((h for h in heads if h > node.head), len(s))
        own = [(a, b) for a, b in rest if node.head < a < end]
        if own and source.purpose is None:
            source.purpose = "".join(text[a:b].strip() for a, b in own) or None
            rest = [span for span in rest if span not in own]
    return rest


def _title(p: _BlockParser, start: int, end: int) -> tuple[str, str | None]:
    """The title written at ``[start, end)`` and its version; its Simplified form names
    the source."""
    vm = VERSION.search(p.s, start, end)
    version = None
    a, b = p.trim(start, vm.start() if vm is not None else end)
    if vm is not None:
        version = vm["version"]
    p.title_simple = p.s[a:b]
    return p.ct.text[a:b], version


def _attach(p: _BlockParser, node: Node | None, spans: list[FieldSpan]) -> None:
    if node is None:
        for f in spans:
            p.warn(f.at, f"field {f.label!r} before any activity heading: ignored")
        return
    node.fields.extend(spans)


def _activities(p: _BlockParser, tree: Tree, loose: list[tuple[int, int]]) -> Node | None:
    """Pass 2: the activities, their fields, and warnings for what is left out; returns
    the outermost chapter left out around the areas, if any."""
    roots = [n for n in tree.roots if n.has_fields()]
    chapter: Node | None = None
    if len(roots) == 1 and not roots[0].fields and roots[0].key[0] == "heading":
        kept = [c for c in roots[0].children if c.has_fields()]
        if kept and all(any(g.has_fields() for g in c.children) for c in kept):
            chapter, roots = roots[0], kept
    begun = min((n.head for n in roots), default=len(p.s))

    def walk(node: Node, parent: _Act | None) -> None:
        if not node.has_fields():
            if node.head > begun:
                p.warn(
                    node.head,
                    f"heading without fields: {p.ct.text[node.head : node.end]!r}: left out",
                )
            return
        kind = "area" if parent is None else "activity"
        code = f"{parent.code}.{node.token}" if parent is not None else node.token
        act = p.add_activity(node.start, node.end, node.head, kind, code, parent)
        for f in node.fields:
            p.page = p.ct.page_at(f.at)
            p.value(act, f.label, f.at, f.start, f.end)
        for child in node.children:
            walk(child, act)

    for root in roots:
        walk(root, None)
    for a, b in loose:
        if _MEMBERSHIP_VERB.search(p.s, a, b):  # ``X直接归属Y管理``, wherever it is
            p.memberships(*p.trim(a, b))
            continue
        text = p.ct.text[a:b].strip()
        if text and a > begun:
            p.warn(a, f"unplaced text: {text[:60]!r}")
    return chapter


__all__ = ["SITE_KEYS", "clean_blocks", "extract_blocks", "reads_blocks"]

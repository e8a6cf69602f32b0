"""The layouts the block grammar (:mod:`loaders.document.grammar`) reads, one module each.

- :mod:`.numbers` — outline numbers in every common scheme;
- :mod:`.tree` — headings of mixed schemes nested into a tree;
- :mod:`.paragraphs` — fields as labelled paragraphs (``主要责任人：资金计划专员``);
- :mod:`.field_table` — a two-column label | value table per activity;
- :mod:`.matrix` — a table with one row per activity and the field labels as column
  headers (a number column gives the nesting; a row with only a name is a group).

A new layout is one more module here that turns blocks into nodes of the tree and
:class:`.tree.FieldSpan` s; the field values are read by the one field grammar
(:mod:`loaders.document.fields`).
"""

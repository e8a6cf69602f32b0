"""The document parser: raw text of a business-model document → :class:`kg.model.Model`.

A document of this family is a title block (issuer, signatory, title, version), an overview
that names the business areas (``…分为四大业务:客户关系,市场,销售和服务``), membership
statements (``客户经理直接归属办事处管理``), and one numbered section per detailed area
(``2.客户关系工作``).  A section holds lettered activities (``A.``), lower-case
sub-activities (``a.``) and bulleted sub-items, each followed by labelled fields
(``业务描述:`` ``业务输出:`` ``主要责任人:`` ``协助人:`` ``管理者:`` ``汇报关系:``).

The general rules (none names a string of a particular document):

* Parsing works on the clean text in Simplified script (:mod:`loaders.text`); names keep
  their original form too.  Ids come from the Simplified name: ``role:客户经理``.
* Each part of the grammar has its module, and its rules in the module's docstring:

  - :mod:`.frontmatter` — title, version, issuer, signatory, purpose;
  - :mod:`.overview` — the overview naming the areas, and membership statements;
  - :mod:`.outline` — numbered areas, lettered activities, sub-activities, bullets; where
    a field's value ends;
  - :mod:`.fields` — the activity fields and the grammar of their values (lists of
    people and outputs, ranked monitors, report lines, interface departments);
  - :mod:`.naming` — canonical names and ids of roles, departments and outputs,
    department and company prefixes;
  - :mod:`.encoding` — bytes that are not UTF-8 (GBK, Big5), and the warnings of
    mojibake repair;
  - :mod:`.state` — what the grammar parts share: the parser's state, spans, warnings;
  - :mod:`.extraction` — the whole pass: :func:`extract_text`, :func:`extract_file`.

Text it cannot place becomes a warning with its page number; nothing is dropped silently.
"""

from __future__ import annotations

from loaders.document.encoding import decode_document, legacy_encoding
from loaders.document.extraction import Extraction, extract_file, extract_text
from loaders.document.state import DocumentWarning

__all__ = [
    "DocumentWarning",
    "Extraction",
    "decode_document",
    "extract_file",
    "extract_text",
    "legacy_encoding",
]

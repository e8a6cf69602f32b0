"""The front matter: issuer, signatory, title, version and purpose.

A document starts with a title block (``深圳市华为技术有限公司公司文件…签发人:任正非以客户为
中心的营销业务模型(Ver1.0)``) and a purpose chapter (``一、目的:…``).  The title is not delimited:
it is the longest end of the text before the version that the document repeats later (its
headings do), and what comes between the signatory label and the title is the signatory.
The title names the source (``doc:<title>``), so a guessed start is a warning.
"""

from __future__ import annotations

import re

from kg.model import Source
from loaders.document.overview import OVERVIEW
from loaders.document.state import _State

#: Version in parentheses after the title: ``(Ver1.0)``, ``(V2.1)``, ``(版本1.0)``.
VERSION = re.compile(r"\((?P<version>(?:[Vv]er|V|v|版本)\s?\d+(?:\.\d+)*)\)")
#: The signatory label: ``签发人:``.
SIGNATORY_LABEL = re.compile(r"签发人?:")
#: The issuer: the title block's first words up to a company-type ending.
ISSUER = re.compile(r"^(?P<issuer>.{2,40}?(?:有限公司|有限责任公司|集团|公司))")
#: The purpose chapter of the front matter: ``一、目的:…`` up to the next ``二、`` chapter.
PURPOSE = re.compile(
    r"[一二三四五六七八九十]+、(?:目的|宗旨)\s*:?\s*(?P<text>.+?)\s*(?=[一二三四五六七八九十]+、|$)"
)


class _FrontMatter(_State):
    """The title block and the purpose chapter."""

    def front(self) -> tuple[Source, int]:
        """Title, version, issuer, signatory, purpose; and where the front matter ends."""
        s, t = self.s, self.ct.text
        title = version = issuer = signatory = None
        end = 0
        vm = VERSION.search(s)
        sm = SIGNATORY_LABEL.search(s, 0, vm.start() if vm else len(s))
        if vm:
            version, end = vm["version"], vm.end()
            a = sm.end() if sm else 0
            pre = s[a : vm.start()]
            # The title is the longest end of the text before the version that the document
            # repeats later (in its headings); what comes before it is the signatory.
            cut = next(
                (k for k in range(len(pre) - 4 + 1) if pre[k:] in s[vm.end() :]),
                None,
            )
            if cut is None:
                cut = 3 if sm else 0
                self.warn(a, "title not repeated in the text: its start is a guess")
            if sm:
                signatory = t[a : a + cut] or None
            title = t[a + cut : vm.start()] or None
            self.title_simple = s[a + cut : vm.start()]
        im = ISSUER.search(s, 0, sm.start() if sm else (vm.start() if vm else 0))
        if im:
            issuer = t[: im.end()]
        if title is None:
            self.title_simple = ""
            self.warn(0, "no title with a version like '(Ver1.0)' found")
        purpose = None
        pm = PURPOSE.search(s, end)
        if pm and not OVERVIEW.search(s, end, pm.start()):  # in the front matter only
            purpose = t[pm.start("text") : pm.end("text")] or None
        source = Source(
            id="-",
            title=title,
            version=version,
            issuer=issuer,
            signatory=signatory,
            purpose=purpose,
        )
        return source, end

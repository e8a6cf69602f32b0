"""loaders.document.encoding: decoding a document's bytes, legacy encodings, repair warnings."""

from __future__ import annotations

import pytest

from kg.errors import DocumentError
from loaders.document.encoding import decode_document, legacy_encoding, repair_warnings
from loaders.text import Repair, clean

DOC = "1、業務描述:對客戶關係進行分析主要責任人:客戶經理"


@pytest.mark.parametrize(
    "data",
    [
        DOC.encode("utf-8"),
        ("\ufeff" + DOC).encode("utf-8"),  # a byte-order mark
        DOC.encode("utf-16"),  # UTF-16 with its byte-order mark, either byte order
        b"\xfe\xff" + DOC.encode("utf-16-be"),
    ],
)
def test_decodes_utf8_and_utf16_with_a_bom(data: bytes) -> None:
    assert decode_document(data, "d.txt") == DOC


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "d.txt: the document is empty"),
        (b"  \n\t", "d.txt: the document is empty"),
        (bytes(range(256)), "d.txt: a binary file, not a text document"),
        (b"abc\x00def", "d.txt: a binary file, not a text document"),
        (
            DOC.encode("gb18030"),
            "d.txt: not UTF-8; it looks like GBK-encoded Chinese text. "
            "Convert it with: iconv -f GBK -t UTF-8 d.txt > converted.txt",
        ),
        (
            DOC.encode("big5"),
            "d.txt: not UTF-8; it looks like BIG5-encoded Chinese text. "
            "Convert it with: iconv -f BIG5 -t UTF-8 d.txt > converted.txt",
        ),
        (b"caf\xe9 " * 5, "d.txt: not UTF-8 text (invalid continuation byte at byte 3)"),
    ],
)
def test_what_cannot_be_decoded_is_one_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as err:
        decode_document(data, "d.txt")
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (DOC.encode("gb18030"), "GBK"),
        ("简体中文的业务模型".encode("gbk"), "GBK"),
        (DOC.encode("big5"), "BIG5"),
        (b"caf\xe9 cr\xe8me", None),
        (b"plain ascii", None),
    ],
)
def test_legacy_encoding(data: bytes, encoding: str | None) -> None:
    assert legacy_encoding(data) == encoding


def test_repair_warnings_name_the_page_the_run_and_what_stays_lost() -> None:
    ct = clean("1、甲乙\n2、丙丁戊己")
    repairs = [
        Repair(start=2, end=4, garbled="厝谫", replacement="融資", unresolved=0),
        Repair(start=4, end=6, garbled="??蛻艚", replacement="?客戶", unresolved=1),
    ]
    assert [str(w) for w in repair_warnings(ct, repairs)] == [
        "page 2: garbled text '厝谫' repaired as '融資'",
        "page 2: garbled text '??蛻艚' repaired as '?客戶'; 1 character(s) could not be restored",
    ]
    assert repair_warnings(ct, []) == []

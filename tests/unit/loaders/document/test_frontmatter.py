"""loaders.document.frontmatter: title, version, issuer, signatory and purpose."""

from __future__ import annotations

import pytest

from kg.model import Source
from loaders.document.frontmatter import _FrontMatter
from loaders.text import clean


def front(text: str) -> tuple[Source, int, list[str]]:
    """The front matter of a one-page document, where it ends, and the warnings."""
    part = _FrontMatter(clean("1、" + text))
    source, end = part.front()
    return source, end, [str(w) for w in part.warnings]


def test_title_block_and_purpose() -> None:
    source, end, warnings = front(
        "深圳市某某技术有限公司公司文件某司发【2024】1号签发人:李四客户服务业务模型(V2.1)"
        "一、目的:明确客户服务的各项业务。二、客户服务业务模型1.客户服务业务模型分为两大业务:受理和回访"
    )
    assert source == Source(
        id="-",
        title="客户服务业务模型",
        version="V2.1",
        issuer="深圳市某某技术有限公司",
        signatory="李四",
        purpose="明确客户服务的各项业务。",
    )
    # the front matter ends after the version
    assert end == len("深圳市某某技术有限公司公司文件某司发【2024】1号签发人:李四客户服务业务模型(V2.1)")
    assert warnings == []


def test_title_keeps_its_original_script() -> None:
    source, _, _ = front("某某有限公司簽發人:張三測試業務模型(Ver1.0)二、測試業務模型")
    assert (source.title, source.signatory, source.issuer) == ("測試業務模型", "張三", "某某有限公司")


@pytest.mark.parametrize(
    ("written", "version"),
    [("(Ver1.0)", "Ver1.0"), ("(V2.1)", "V2.1"), ("(V3)", "V3"), ("(版本3.0.1)", "版本3.0.1")],
)
def test_version_forms(written: str, version: str) -> None:
    source, _, warnings = front(f"签发人:王五物流模型{written}二、物流模型")
    assert (source.version, source.title, source.signatory) == (version, "物流模型", "王五")
    assert warnings == []


def test_purpose_chapter_may_be_called_zongzhi() -> None:
    source, _, _ = front("签发:王五物流模型(版本3.0)一、宗旨:规范物流。二、物流模型")
    assert source.purpose == "规范物流。"
    assert source.issuer is None  # '某集团' would need two characters before '集团'


def test_title_not_repeated_is_a_guess_with_a_warning() -> None:
    source, _, warnings = front("某公司物流模型(Ver1.0)正文没有重复标题")
    assert source.title == "某公司物流模型"  # no signatory: the whole text before the version
    assert source.signatory is None
    assert warnings == ["page 1: title not repeated in the text: its start is a guess"]


def test_title_not_repeated_after_a_signatory_keeps_three_characters_for_the_name() -> None:
    source, _, warnings = front("签发人:任正非营销模型(Ver1.0)正文")
    assert (source.signatory, source.title) == ("任正非", "营销模型")
    assert warnings == ["page 1: title not repeated in the text: its start is a guess"]


def test_no_version_means_no_title() -> None:
    source, end, warnings = front("某公司没有版本的文件一、目的:测试")
    assert (source.title, source.version, source.signatory) == (None, None, None)
    assert source.purpose == "测试"
    assert end == 0
    assert warnings == ["page 1: no title with a version like '(Ver1.0)' found"]


def test_purpose_only_in_the_front_matter() -> None:
    # a 目的 chapter after the overview belongs to the body, not to the front matter
    source, _, _ = front("签发人:张三测试模型(Ver1.0)二、测试模型1.测试模型分为两大业务:甲和乙一、目的:太晚了")
    assert source.purpose is None

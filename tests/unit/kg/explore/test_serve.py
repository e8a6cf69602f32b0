"""Where `kg explore` listens: loopback by default, elsewhere only with a long token."""

from __future__ import annotations

import pytest

from kg.errors import ConfigError
from kg.explore import plan
from kg.explore.serve import is_loopback

TOKEN = "s3cret-token-for-the-tests"


def test_listening_beyond_loopback_needs_a_long_token() -> None:
    assert plan().url == "http://127.0.0.1:8765/"
    with pytest.raises(ConfigError, match="listens beyond this machine only with a token"):
        plan("0.0.0.0", 8765)
    with pytest.raises(ConfigError, match="at least 16 characters"):
        plan("0.0.0.0", 8765, "short")
    assert plan("0.0.0.0", 9000, TOKEN).url == f"http://127.0.0.1:9000/?token={TOKEN}"
    assert plan("::1", 9000).url == "http://[::1]:9000/"


def test_loopback_addresses() -> None:
    assert [is_loopback(h) for h in ("127.0.0.1", "127.5.0.1", "::1", "localhost")] == [True] * 4
    assert [is_loopback(h) for h in ("0.0.0.0", "::", "192.0.2.7", "example.org")] == [False] * 4

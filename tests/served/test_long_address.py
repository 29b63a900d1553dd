"""A search of 5,000 characters on the real server reaches our own 414 page: gunicorn's
request-line limit is raised so that its bare page never answers an address that long."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest


def test_a_long_search_on_the_real_server_gets_our_page(direct_url: str) -> None:
    address = f"{direct_url}/exercises/?q=" + "plank+" * 850
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(address, timeout=10)
    assert answer.value.code == 414
    page = answer.value.read().decode()
    assert "That address is too long" in page and "Back to the start" in page

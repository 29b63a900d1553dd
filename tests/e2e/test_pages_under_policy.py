"""Pages that load scripts of their own still work under the Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_the_api_docs_render_under_the_policy(page: Any, server_url: str) -> None:
    response = page.goto(f"{server_url}/api/v1/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .info")
    assert page.get_by_text("backstride API").first.is_visible()

"""A first pass through the API: sign up, get a token, store a profile, read the plan."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import profile_data

pytestmark = pytest.mark.django_db


def test_signup_token_profile_plan() -> None:
    client = Client()
    made = client.post(
        "/api/v1/auth/signup",
        {"email": "a@example.com", "password": "long enough pass 42"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    token = client.post(
        "/api/v1/auth/token",
        {"email": "a@example.com", "password": "long enough pass 42"},
        content_type="application/json",
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    put = client.put("/api/v1/me/profile", profile_data(), content_type="application/json", **auth)
    assert put.status_code == 200, put.content
    plan = client.get("/api/v1/me/plan?today=2026-11-21", **auth)
    assert plan.status_code == 200
    assert len(plan.json()["plan"]["strength"]["exercises"]) == 4
    bad = client.put(
        "/api/v1/me/profile", profile_data(age=7), content_type="application/json", **auth
    )
    assert bad.status_code == 422
    assert bad.json()["detail"] == [{"field": "age", "message": "must be at least 12"}]

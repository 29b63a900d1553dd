"""The API against the OpenAPI schema it serves (schemathesis): no request is answered with a
server error, and every answer's status, media type and body are ones the schema lists."""

from __future__ import annotations

import json
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.test import Client
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from backstride.web.accounts.models import ApiToken, User
from backstride.web.wsgi import application
from tests.factories import profile_data

# Bounded and repeatable: the examples and coverage phases follow from the schema, the fuzzing
# phase stops at max_examples below, and a fixed seed, derandomised generation and no example
# database make every run send the same requests, so CI cannot flake on a new random draw.
CONFIG = SchemathesisConfig.from_dict(
    {"seed": 20261121, "generation": {"deterministic": True, "database": "none"}}
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The account of the schema's own example credentials, so that example signs in.
EMAIL, PASSWORD = "runner@example.com", "a long passphrase"
HISTORY = {
    "sessions": [
        {
            "date": "2026-11-20",
            "sets": [{"exercise": "dead_bug", "reps": 10, "pain": 1, "form": "good"}],
        }
    ],
    "checkins": [{"date": "2026-11-20", "morning_pain": 2, "red_flags": []}],
    "runs": [{"date": "2026-11-19", "km": 8.5, "minutes": 50.0, "pain_during": 1}],
}


@pytest.fixture
def token(transactional_db: None, settings: Any) -> str:
    """A runner with a profile and a little history, so reads answer with real content.
    Requests go through the WSGI application itself, which (unlike Django's test client)
    checks and closes database connections around each request as in production: so the
    test commits for real (a transactional test) rather than inside one rolled-back block."""
    # Every token request hashes a password; Argon2's cost is not what this test is about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    token = ApiToken.issue(User.objects.create_user(email=EMAIL, password=PASSWORD))
    body = {"schema_version": 1, "profile": profile_data(), "history": HISTORY}
    seeded = Client().post(
        "/api/v1/me/import",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert seeded.status_code == 200, seeded.content
    return token


# One runner per operation, shared by its examples on purpose: what one request stores, the
# next one reads (hence the suppressed health check about function-scoped fixtures).
@schema.parametrize()
@hypothesis.settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
def test_every_answer_is_in_the_schema_and_none_is_a_server_error(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

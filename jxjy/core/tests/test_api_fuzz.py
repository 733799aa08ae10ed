"""Property-based fuzzing of the whole JSON API (schemathesis): every operation, as four roles, with
data that fits the schema and data that does not. No answer may be a server error (5xx), and every
documented answer must match its documented schema. Deterministic (derandomized) and bounded in time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from jxjy.core.testing import World

ROLES = ["hr_fuzhou", "unit_gl_hospital", "provider_fz", "pro_gl_doctor"]
# Examples per operation, role and mode; JXJY_FUZZ_EXAMPLES raises it for a longer run by hand.
EXAMPLES = int(os.environ.get("JXJY_FUZZ_EXAMPLES", "3"))
CSRF_TOKEN = "f" * 32


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django's WSGI application, kept on the test's connection (as the test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _session_cookie(world: World, name: str) -> str:
    from django.test import Client

    client = Client()
    client.force_login(world.users[name])
    return client.cookies["sessionid"].value


@pytest.mark.django_db(transaction=False)
def test_no_operation_answers_a_server_error_or_breaks_its_schema(world: World, wsgi_app: WSGIHandler) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 60
    problems: list[str] = []
    for role in ROLES:
        cookies = {"sessionid": _session_cookie(world, role), "csrftoken": CSRF_TOKEN}
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                problem = _fuzz(operation, mode, cookies)
                if problem:
                    problems.append(f"{role} {mode.value} {operation.label}: {problem}")
    assert not problems, "\n\n".join(problems)


def _fuzz(operation: Any, mode: GenerationMode, cookies: dict[str, str]) -> str | None:
    try:
        strategy = operation.as_strategy(generation_mode=mode)
    except Exception as exc:  # an operation with nothing to negate
        return None if mode is GenerationMode.NEGATIVE else f"no strategy: {exc}"

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case: Any) -> None:
        case.call_and_validate(headers={"X-CSRFToken": CSRF_TOKEN}, cookies=cookies,
                               checks=[not_a_server_error, response_schema_conformance])

    try:
        run()
    except Unsatisfiable:  # nothing to make invalid (no parameters, no body)
        return None
    except (Exception, BaseExceptionGroup) as exc:  # schemathesis reports failures as a BaseExceptionGroup
        return str(exc)[:3000]
    return None

"""Shared fixtures: the real Presidio analyzer and redactor, built once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def analyzer():
    from pseudonymisation.freetext.analyzer import build_analyzer

    return build_analyzer()


@pytest.fixture(scope="session")
def redactor(analyzer):
    from pseudonymisation.freetext.redact import FreeTextRedactor

    return FreeTextRedactor(analyzer)

"""Shared fixtures: the repository's contracts, and an isolated hub home per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from csphub.config import REPO_ROOT, Settings
from csphub.contracts.registry import ContractRegistry


@pytest.fixture(scope="session")
def registry() -> ContractRegistry:
    return ContractRegistry.load(REPO_ROOT / "contracts", REPO_ROOT / "schemas")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded stack in a fresh folder (no servers)."""
    return Settings(home=tmp_path / "hub", stack="embedded")

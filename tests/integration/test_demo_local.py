"""`csphub demo --stack local` publishes exactly what the embedded run publishes (real SeaweedFS + Kafka)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from csphub.config import Settings
from csphub.demo import run_demo
from csphub.hub import Hub
from csphub.lake import Lake
from csphub.stack import StackConfig
from tests.integration.conftest import hub_store

pytestmark = pytest.mark.integration
MONTH, SEED, SCALE = "2026-08", 5, 0.02


def _rows(settings: Settings) -> dict[tuple[str, str], list[str]]:
    with Hub.open(settings) as hub:
        lake = Lake(hub.settings, hub.store)
        return {t: sorted(repr(r) for r in lake.read(*t).to_pylist()) for t in lake.tables()}


def test_local_stack_demo_matches_embedded(
    hub_settings: Settings, stack: StackConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only configuration differs between the embedded defaults and the real services: same files,
    same outcomes, same board tables row for row (one master key for both, so tokens are comparable)."""
    monkeypatch.setenv("CSPHUB_MASTER_KEY", base64.b64encode(os.urandom(32)).decode())
    admin = hub_store(stack)
    for obj in list(admin.list("landing")):
        admin.delete("landing", obj.key)
    embedded = Settings(home=tmp_path / "embedded", stack="embedded", key_provider="env")
    local = hub_settings.model_copy(update={"key_provider": "env"})

    a = run_demo(embedded, month=MONTH, seed=SEED, scale=SCALE)
    b = run_demo(local, month=MONTH, seed=SEED, scale=SCALE)

    def outcomes(report):  # type: ignore[no-untyped-def]
        return sorted((f.key, f.status, f.rows_in, f.rows_published, f.rows_quarantined) for f in report.files)

    assert outcomes(a) == outcomes(b)
    assert sorted((d.board, d.dataset, d.rows) for d in a.datasets) == sorted(
        (d.board, d.dataset, d.rows) for d in b.datasets
    )
    tables_a, tables_b = _rows(embedded), _rows(local)
    assert tables_a.keys() == tables_b.keys()
    assert len(tables_a) >= 10
    for table, rows in tables_a.items():
        assert rows == tables_b[table], table
    with Hub.open(local) as hub:
        lake = Lake(hub.settings, hub.store)
        for t in tables_b:
            info = lake.info(*t)
            assert info is not None
            assert info.location.startswith(f"s3://lake/{t[0]}/"), info.location  # the board's own prefix

"""Ingest behaviour a user relies on: reconciliation, quarantine reasons, exactly-once, crash safety."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from csphub.config import REPO_ROOT, Settings
from csphub.events.topics import outcomes_topic, published_topic
from csphub.hub import Hub
from csphub.lake import Lake
from csphub.pipeline.land import land_file
from csphub.pipeline.run import run_pending
from tests.unit.pipeline.police_rows import csv_bytes, row

NAME = "wmp_crime_202609.csv"


def _rows(n: int = 40) -> list[dict[str, str]]:
    rows = [
        row(MO_Summary=f"Jane Smith was assaulted by John Brown at 14 Soho Road, B19 1AA (call {i}).") for i in range(n)
    ]
    rows[3] = row(Committed_From="31/09/2026 10:00")
    rows[7] = row(Ward_Code="E05999999")
    rows[9] = row(Offence_Class="NOT_A_CLASS")
    return rows


def test_every_row_is_published_or_quarantined_with_file_row_field_rule(settings: Settings) -> None:
    """rows in = published + quarantined, and each quarantined row's finding names file, row, field, rule."""
    with Hub.open(settings) as hub:
        land_file(hub, "police", "crime_records", NAME, csv_bytes(_rows()))
        report = run_pending(hub)
        (f,) = report.files
        assert (f.status, f.rows_in, f.rows_published, f.rows_quarantined) == ("validated", 40, 37, 3)
        findings = list(
            csv.DictReader(io.StringIO(hub.store.get("quarantine", f.quarantine_key + "findings.csv").decode()))
        )
        got = {(r["file"], r["row"], r["field"], r["rule"]) for r in findings}
        key = f"police/crime_records/{NAME}"
        assert got == {
            (key, "4", "committed_at", "date_format"),
            (key, "8", "ward_code", "in_reference"),
            (key, "10", "offence_class", "enum"),
        }
        raw_rows = list(
            csv.DictReader(io.StringIO(hub.store.get("quarantine", f.quarantine_key + "rows.csv").decode()))
        )
        assert [r["row"] for r in raw_rows] == ["4", "8", "10"]  # the raw rows are kept, nothing lost
        trusted = pq.read_table(io.BytesIO(hub.store.get("trusted", f.trusted_key)))
        assert trusted.num_rows == 37
        assert sorted(set(range(1, 41)) - set(trusted.column("_row").to_pylist())) == [4, 8, 10]


def test_same_content_under_another_name_is_processed_once(settings: Settings) -> None:
    """A re-sent file (new name, same bytes) is a duplicate: one ledger entry, one trusted object."""
    data = csv_bytes(_rows())
    with Hub.open(settings) as hub:
        land_file(hub, "police", "crime_records", NAME, data)
        land_file(hub, "police", "crime_records", "wmp_crime_202609_resend.csv", data)
        report = run_pending(hub)
        assert sorted(f.status for f in report.files) == ["duplicate", "validated"]
        assert len(hub.ledger.files()) == 1
        assert len(list(hub.store.list("trusted"))) == 1
        again = run_pending(hub)
        assert again.files == []
        assert {d.status for d in again.datasets} == {"unchanged"}
        lake = Lake(hub.settings, hub.store)
        assert lake.read("violence_reduction", "violence_offences").num_rows == 37


def test_unparseable_file_is_rejected_whole_and_quarantined(settings: Settings) -> None:
    """Wrong delimiter: the file is rejected with the reason, kept in quarantine and announced as FileRejected."""
    data = csv_bytes(_rows(), delimiter=";")
    with Hub.open(settings) as hub:
        land_file(hub, "police", "crime_records", NAME, data)
        (f,) = run_pending(hub).files
        assert f.status == "rejected"
        assert "';'-delimited" in (f.reason or "")
        assert hub.store.get("quarantine", f.quarantine_key + NAME) == data
        assert json.loads(hub.store.get("quarantine", f.quarantine_key + "report.json"))["reason"] == f.reason
        assert hub.ledger.file(f.sha256 or "").status == "rejected"  # type: ignore[union-attr]
        events = [d.event for d in hub.bus.messages(outcomes_topic("csphub"))]  # type: ignore[attr-defined]
        assert [type(e).__name__ for e in events] == ["FileRejected"]


def test_file_name_outside_the_contract_pattern_is_rejected(settings: Settings) -> None:
    """A drop that is not a contracted extract (wrong name) is rejected, not guessed at."""
    with Hub.open(settings) as hub:
        land_file(hub, "police", "crime_records", "holiday_photos.csv", csv_bytes(_rows()))
        (f,) = run_pending(hub).files
        assert f.status == "rejected"
        assert "does not match the contract's pattern" in (f.reason or "")


CRASH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from csphub.config import Settings
    from csphub.hub import Hub
    from csphub.pipeline import run
    from csphub.ledger import Ledger
    from csphub.lake import Lake

    where = sys.argv[2]
    if where == "before-ledger-complete":
        Ledger.complete = lambda *a, **k: os._exit(9)
    elif where == "mid-publish":
        real = Lake.publish
        calls = []
        def dying(self, *a, **k):
            calls.append(1)
            if len(calls) == 2:
                os._exit(9)  # the first dataset committed, the second dies before its commit
            return real(self, *a, **k)
        Lake.publish = dying
    with Hub.open(Settings(home=Path(sys.argv[1]))) as hub:
        run.run_pending(hub)
    """
)


@pytest.mark.parametrize("where", ["before-ledger-complete", "mid-publish"])
def test_a_crash_leaves_nothing_half_published_and_the_next_run_completes_once(
    settings: Settings, tmp_path: Path, where: str
) -> None:
    """Kill the process between stages: no partial dataset is visible; the rerun finishes exactly once."""
    with Hub.open(settings) as hub:
        land_file(hub, "police", "crime_records", NAME, csv_bytes(_rows()))
    script = tmp_path / "crash.py"
    script.write_text(CRASH)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run(
        [sys.executable, str(script), str(settings.home), where], env=env, capture_output=True, timeout=300
    )
    assert proc.returncode == 9, proc.stderr.decode()[-2000:]

    with Hub.open(settings) as hub:
        lake = Lake(hub.settings, hub.store)
        if where == "before-ledger-complete":
            assert hub.ledger.files()[0].status == "processing"
            assert lake.tables() == []  # nothing published from an unfinished file
        else:
            assert hub.ledger.files()[0].status == "validated"
            assert len(lake.tables()) == 1  # the first dataset committed whole; the second left no trace
        report = run_pending(hub)
        assert [f.status for f in report.files] == (["validated"] if where == "before-ledger-complete" else [])
        rec = hub.ledger.files()[0]
        assert (rec.status, rec.rows_published, rec.rows_quarantined) == ("validated", 37, 3)
        assert lake.read("violence_reduction", "violence_offences").num_rows == 37
        published = [d.event for d in hub.bus.messages(published_topic("csphub"))]  # type: ignore[attr-defined]
        assert sorted((e.dataset, e.rows) for e in published if e.dataset == "violence_offences") == [
            ("violence_offences", 37)
        ]


def test_event_for_content_that_changed_after_announcement_is_not_processed(settings: Settings) -> None:
    """A landing object overwritten after its FileLanded event (checksum mismatch) is not ingested as if
    it were the announced file; the mismatch is audited and the ledger records nothing for it."""
    from csphub.events import FileLanded
    from csphub.pipeline.ingest import ingest_event

    with Hub.open(settings) as hub:
        key = land_file(hub, "police", "crime_records", NAME, csv_bytes(_rows()))
        event = FileLanded(partner="police", feed="crime_records", key=key, size=1, sha256="0" * 64)
        outcome = ingest_event(hub, event)
        assert outcome.status == "changed"
        assert hub.ledger.files() == []
        assert [e.action for e in hub.audit.entries()][-1] == "file.changed_after_announcement"


def test_reconciliation_isolates_a_failing_file(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A landed file whose ingest raises does not stop reconciliation of the others; it is reported
    and stays pending for the next pass (and, with no error sink, the failure is raised at the end)."""
    from csphub.pipeline import run

    real = run.ingest_object

    def flaky(hub: Hub, key: str, **kw: object) -> object:
        if key.endswith("_broken.csv"):
            raise RuntimeError("storage hiccup")
        return real(hub, key)

    monkeypatch.setattr(run, "ingest_object", flaky)
    with Hub.open(settings) as hub:
        hub.store.put("landing", f"police/crime_records/{NAME}", csv_bytes(_rows()))
        hub.store.put("landing", "police/crime_records/wmp_crime_202609_broken.csv", csv_bytes(_rows(12)))
        errors: dict[str, str] = {}
        outcomes = run.reconcile(hub, errors)
        assert [o.status for o in outcomes] == ["validated"]
        assert errors == {"police/crime_records/wmp_crime_202609_broken.csv": "RuntimeError: storage hiccup"}
        assert run.is_pending(hub, "police/crime_records/wmp_crime_202609_broken.csv")
        with pytest.raises(RuntimeError, match="storage hiccup"):
            run.reconcile(hub)

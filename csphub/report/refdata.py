"""Reference data the report joins: ward names and populations, ethnicity population shares, the
harm-weight table's version and status (all from ``contracts/reference``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from csphub.boards.reference import read_reference, reference_dir

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AGE_BANDS = ["0-9", "10-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
HARM_TABLE = "cchi_harm_weights"


@dataclass(frozen=True)
class HarmTable:
    version: str
    status: str

    @property
    def label(self) -> str:
        if self.status.upper() == "INDICATIVE":
            return (
                f"harm weights {self.version}: INDICATIVE values derived from Sentencing Council starting points "
                "in the manner of the Cambridge Crime Harm Index, not the official CCHI table"
            )
        return f"harm weights {self.version} ({self.status})"


class References:
    def __init__(self, contracts_dir: Path) -> None:
        self.dir = reference_dir(contracts_dir)

    def _csv(self, stem: str) -> pd.DataFrame:
        return read_reference(self.dir / f"{stem}.csv").to_pandas()

    def wards(self) -> pd.DataFrame:
        """code → name, police_sector, population."""
        return self._csv("birmingham_wards").set_index("code")

    def ethnicity(self) -> pd.DataFrame:
        """code → description, group, birmingham_share_pct (Census 2021 TS021, indicative)."""
        return self._csv("ethnicity_18plus1").set_index("code")

    def harm(self) -> HarmTable:
        df = self._csv(HARM_TABLE)
        versions = sorted(set(df["weights_version"].astype(str)))
        status = sorted(set(df["weights_status"].astype(str)))
        return HarmTable(", ".join(versions), ", ".join(status))

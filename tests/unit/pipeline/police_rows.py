"""Hand-built police crime-record rows for parser and validator tests (independent of the generator)."""

from __future__ import annotations

import csv
import io

HEADERS = [
    "Crime Reference", "Recorded Date", "Committed From", "HO Offence Code", "Offence Class", "DA Flag",
    "VAWG Flag", "Hate Flag", "Alcohol Flag", "NTE Flag", "Weapon", "Location Postcode", "LSOA", "Ward Code",
    "Location Type", "Victim Forename", "Victim Surname", "Victim DOB", "Victim Gender", "Victim Ethnicity",
    "Accused Forename", "Accused Surname", "Accused DOB", "Accused Gender", "Accused Ethnicity", "Accused PNC ID",
    "Outcome", "MO Summary",
]  # fmt: skip

GOOD = {
    "Crime Reference": "20/123456/26",
    "Recorded Date": "01/10/2026 10:00",
    "Committed From": "30/09/2026 22:15",
    "HO Offence Code": "8N",
    "Offence Class": "VIOLENCE_WITH_INJURY",
    "DA Flag": "Y",
    "VAWG Flag": "N",
    "Hate Flag": "N",
    "Alcohol Flag": "Y",
    "NTE Flag": "Y",
    "Weapon": "BLADED",
    "Location Postcode": "B19 1AA",
    "LSOA": "E01009001",
    "Ward Code": "E05011118",
    "Location Type": "STREET",
    "Victim Forename": "Jane",
    "Victim Surname": "Smith",
    "Victim DOB": "03/02/1990",
    "Victim Gender": "FEMALE",
    "Victim Ethnicity": "W1",
    "Accused Forename": "John",
    "Accused Surname": "Brown",
    "Accused DOB": "01/01/1985",
    "Accused Gender": "MALE",
    "Accused Ethnicity": "W1",
    "Accused PNC ID": "",
    "Outcome": "UNDER_INVESTIGATION",
    "MO Summary": "Victim assaulted outside a bar.",
}


def row(**changes: str) -> dict[str, str]:
    r = dict(GOOD)
    r.update({k.replace("_", " "): v for k, v in changes.items()})
    return r


def csv_bytes(rows: list[dict[str, str]], headers: list[str] = HEADERS, delimiter: str = ",") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(headers)
    for i, r in enumerate(rows):
        r = dict(r)
        if r.get("Crime Reference") == GOOD["Crime Reference"]:
            r["Crime Reference"] = f"20/{100000 + i:06d}/26"  # unique unless a test sets it
        w.writerow([r.get(h, "") for h in headers])
    return buf.getvalue().encode()

"""Builds the shipped geography reference lists (``contracts/reference/birmingham_*.csv``).

The 69 ward names, their constituency and postcode districts are real (2018 boundaries). Ward codes are
assigned in alphabetical order of ward name from E05011118; populations are indicative (2021-Census
scale); LSOA assignment, LSOA populations and the postcode table are synthetic but consistent with each
other. ``python -m csphub.generator.refdata contracts/reference`` rewrites the three CSVs byte for byte.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import numpy as np

FIRST_WARD_CODE = 11118  # E05011118 = first ward in alphabetical order
FIRST_LSOA_CODE = 8881  # E01008881 = first Birmingham LSOA
LSOA_COUNT = 640
POSTCODES_PER_LSOA = 5
SEED = 2018
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # Royal Mail inward letters (no C, I, K, M, O, V)

#: ward name -> (constituency, indicative 2021 population, postcode districts)
WARDS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "Acocks Green": ("Yardley", 23300, ("B27",)),
    "Allens Cross": ("Northfield", 10100, ("B31",)),
    "Alum Rock": ("Hodge Hill", 25100, ("B8",)),
    "Aston": ("Ladywood", 24400, ("B6", "B7")),
    "Balsall Heath West": ("Hall Green", 12400, ("B12",)),
    "Bartley Green": ("Edgbaston", 13000, ("B32",)),
    "Billesley": ("Selly Oak", 22300, ("B13", "B14")),
    "Birchfield": ("Perry Barr", 12200, ("B20", "B19")),
    "Bordesley & Highgate": ("Ladywood", 12100, ("B5", "B12")),
    "Bordesley Green": ("Hodge Hill", 14600, ("B9",)),
    "Bournbrook & Selly Park": ("Selly Oak", 21000, ("B29",)),
    "Bournville & Cotteridge": ("Selly Oak", 20800, ("B30",)),
    "Brandwood & King's Heath": ("Selly Oak", 22000, ("B14",)),
    "Bromford & Hodge Hill": ("Hodge Hill", 24100, ("B36", "B34")),
    "Castle Vale": ("Erdington", 8200, ("B35",)),
    "Druids Heath & Monyhull": ("Selly Oak", 10700, ("B14",)),
    "Edgbaston": ("Edgbaston", 19600, ("B15", "B16")),
    "Erdington": ("Erdington", 11700, ("B23", "B24")),
    "Frankley Great Park": ("Northfield", 9200, ("B45", "B31")),
    "Garretts Green": ("Yardley", 11800, ("B26", "B33")),
    "Glebe Farm & Tile Cross": ("Hodge Hill", 22800, ("B33",)),
    "Gravelly Hill": ("Erdington", 11500, ("B23", "B24")),
    "Hall Green North": ("Hall Green", 21000, ("B28",)),
    "Hall Green South": ("Hall Green", 10400, ("B28",)),
    "Handsworth": ("Perry Barr", 13400, ("B21",)),
    "Handsworth Wood": ("Perry Barr", 22800, ("B20",)),
    "Harborne": ("Edgbaston", 20000, ("B17",)),
    "Heartlands": ("Hodge Hill", 13800, ("B8", "B9")),
    "Highter's Heath": ("Selly Oak", 10900, ("B14",)),
    "Holyhead": ("Ladywood", 11600, ("B21",)),
    "King's Norton North": ("Northfield", 10800, ("B30", "B38")),
    "King's Norton South": ("Northfield", 11500, ("B38",)),
    "Kingstanding": ("Erdington", 22800, ("B44",)),
    "Ladywood": ("Ladywood", 29900, ("B1", "B2", "B3", "B4", "B5")),
    "Longbridge & West Heath": ("Northfield", 22300, ("B31",)),
    "Lozells": ("Perry Barr", 11700, ("B19",)),
    "Moseley": ("Hall Green", 20900, ("B13",)),
    "Nechells": ("Ladywood", 22800, ("B7",)),
    "Newtown": ("Ladywood", 12800, ("B19", "B6")),
    "North Edgbaston": ("Ladywood", 22100, ("B16", "B17")),
    "Northfield": ("Northfield", 11800, ("B31",)),
    "Oscott": ("Perry Barr", 21000, ("B42", "B44")),
    "Perry Barr": ("Perry Barr", 21200, ("B42",)),
    "Perry Common": ("Erdington", 10200, ("B23", "B44")),
    "Pype Hayes": ("Erdington", 10500, ("B24",)),
    "Quinton": ("Edgbaston", 19900, ("B32",)),
    "Rubery & Rednal": ("Northfield", 10100, ("B45",)),
    "Shard End": ("Hodge Hill", 11600, ("B34",)),
    "Sheldon": ("Yardley", 20700, ("B26",)),
    "Small Heath": ("Hodge Hill", 24300, ("B10",)),
    "Soho & Jewellery Quarter": ("Ladywood", 23700, ("B18",)),
    "South Yardley": ("Yardley", 24100, ("B25",)),
    "Sparkbrook & Balsall Heath East": ("Hall Green", 26700, ("B11", "B12")),
    "Sparkhill": ("Hall Green", 24400, ("B11",)),
    "Stirchley": ("Selly Oak", 11400, ("B30",)),
    "Stockland Green": ("Erdington", 23200, ("B23",)),
    "Sutton Four Oaks": ("Sutton Coldfield", 11600, ("B74", "B75")),
    "Sutton Mere Green": ("Sutton Coldfield", 10300, ("B74", "B75")),
    "Sutton Reddicap": ("Sutton Coldfield", 10800, ("B75", "B76")),
    "Sutton Roughley": ("Sutton Coldfield", 10500, ("B75",)),
    "Sutton Trinity": ("Sutton Coldfield", 10700, ("B72", "B73")),
    "Sutton Vesey": ("Sutton Coldfield", 20700, ("B72", "B73")),
    "Sutton Walmley & Minworth": ("Sutton Coldfield", 21400, ("B76",)),
    "Sutton Wylde Green": ("Sutton Coldfield", 10300, ("B72", "B73")),
    "Tyseley & Hay Mills": ("Yardley", 12000, ("B11", "B25")),
    "Ward End": ("Hodge Hill", 12300, ("B8",)),
    "Weoley & Selly Oak": ("Northfield", 21500, ("B29",)),
    "Yardley East": ("Yardley", 10700, ("B33", "B26")),
    "Yardley West & Stechford": ("Yardley", 12900, ("B33", "B25")),
}

#: WMP neighbourhood policing sector: the constituency, with Ladywood split three ways.
POLICE_SECTOR_OVERRIDES = {
    "Ladywood": "City Centre",
    "Aston": "Ladywood East",
    "Nechells": "Ladywood East",
    "Bordesley & Highgate": "Ladywood East",
    "Newtown": "Ladywood East",
    "Soho & Jewellery Quarter": "Ladywood West",
    "Holyhead": "Ladywood West",
    "North Edgbaston": "Ladywood West",
}

#: postcode district -> sector digits in use (the usual Birmingham sector numbering)
SECTORS: dict[str, tuple[int, ...]] = {
    "B1": (1, 2, 3), "B2": (4, 5), "B3": (1, 2, 3), "B4": (6, 7), "B5": (4, 5, 6, 7), "B6": (4, 5, 6, 7),
    "B7": (4, 5), "B8": (1, 2, 3), "B9": (4, 5), "B10": (0, 9), "B11": (1, 2, 3, 4), "B12": (0, 8, 9),
    "B13": (0, 8, 9), "B14": (4, 5, 6, 7), "B15": (1, 2, 3), "B16": (0, 8, 9), "B17": (0, 8, 9),
    "B18": (4, 5, 6, 7), "B19": (1, 2, 3), "B20": (1, 2, 3), "B21": (0, 8, 9), "B23": (5, 6, 7),
    "B24": (0, 8, 9), "B25": (8,), "B26": (1, 2, 3), "B27": (6, 7), "B28": (0, 8, 9), "B29": (4, 5, 6, 7),
    "B30": (1, 2, 3), "B31": (1, 2, 3, 4, 5), "B32": (1, 2, 3, 4), "B33": (0, 8, 9), "B34": (6, 7),
    "B35": (6, 7), "B36": (0, 8, 9), "B38": (0, 8, 9), "B42": (1, 2), "B44": (0, 8, 9), "B45": (0, 8, 9),
    "B72": (1,), "B73": (5, 6), "B74": (2, 3, 4), "B75": (5, 6, 7), "B76": (1, 2, 9),
}  # fmt: skip


def ward_code(index: int) -> str:
    return f"E05{FIRST_WARD_CODE + index:06d}"


def police_sector(name: str) -> str:
    return POLICE_SECTOR_OVERRIDES.get(name, WARDS[name][0])


def _lsoa_counts(pops: np.ndarray) -> np.ndarray:
    """LSOAs per ward, proportional to population, summing to LSOA_COUNT (largest remainder)."""
    quota = pops / pops.sum() * LSOA_COUNT
    counts = np.maximum(np.floor(quota).astype(int), 1)
    order = np.argsort(-(quota - np.floor(quota)), kind="stable")
    i = 0
    while counts.sum() < LSOA_COUNT:
        counts[order[i % len(order)]] += 1
        i += 1
    return counts


def build() -> dict[str, list[dict[str, str]]]:
    """Rows of the three geography lists, deterministic."""
    rng = np.random.default_rng(SEED)
    names = sorted(WARDS)
    pops = np.array([WARDS[n][1] for n in names], dtype=float)
    wards = [
        {
            "code": ward_code(i),
            "name": n,
            "constituency": WARDS[n][0],
            "police_sector": police_sector(n),
            "population": str(WARDS[n][1]),
        }
        for i, n in enumerate(names)
    ]
    lsoas: list[dict[str, str]] = []
    postcodes: list[dict[str, str]] = []
    used: set[str] = set()
    next_lsoa = FIRST_LSOA_CODE
    for i, (n, count) in enumerate(zip(names, _lsoa_counts(pops), strict=True)):
        shares = rng.dirichlet(np.full(count, 40.0))
        lsoa_pops = np.round(shares * WARDS[n][1]).astype(int)
        lsoa_pops[-1] += WARDS[n][1] - lsoa_pops.sum()
        districts = WARDS[n][2]
        for j in range(count):
            code = f"E0100{next_lsoa:04d}"
            next_lsoa += 1
            district = districts[j % len(districts)]
            digit = SECTORS[district][int(rng.integers(len(SECTORS[district])))]
            lsoas.append({"code": code, "ward_code": ward_code(i), "population": str(int(lsoa_pops[j]))})
            made = 0
            while made < POSTCODES_PER_LSOA:
                letters = rng.choice(list(INWARD_LETTERS), 2)
                pc = f"{district} {digit}{letters[0]}{letters[1]}"
                if pc in used:
                    continue
                used.add(pc)
                made += 1
                postcodes.append(
                    {
                        "code": pc,
                        "sector": f"{district} {digit}",
                        "district": district,
                        "lsoa_code": code,
                        "ward_code": ward_code(i),
                    }
                )
    postcodes.sort(key=lambda r: (int(r["district"][1:]), r["code"]))
    return {"birmingham_wards": wards, "birmingham_lsoas": lsoas, "birmingham_postcodes": postcodes}


def to_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(directory: Path) -> None:
    for name, rows in build().items():
        (directory / f"{name}.csv").write_text(to_csv(rows), encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "contracts/reference"))

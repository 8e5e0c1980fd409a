"""Birmingham geography for the generator: wards, LSOAs and postcodes from the shipped reference lists,
street names per ward, fire station grounds, and vectorised sampling of consistent locations.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from csphub.config import REPO_ROOT

REFERENCE_DIR = REPO_ROOT / "contracts" / "reference"

#: Streets by ward (main roads and typical residential streets); generic names fill every ward.
STREETS: dict[str, tuple[str, ...]] = {
    "Ladywood": ("Broad Street", "Hurst Street", "New Street", "Corporation Street", "Bull Street",
                 "Navigation Street", "Ladywood Middleway", "Sheepcote Street", "Colmore Row", "John Bright Street"),
    "Soho & Jewellery Quarter": ("Soho Road", "Vyse Street", "Warstone Lane", "Icknield Street", "Lodge Road"),
    "Holyhead": ("Holyhead Road", "Soho Road", "Boulton Road", "Crocketts Road"),
    "Handsworth": ("Soho Road", "Rookery Road", "Grove Lane", "Booth Street"),
    "Lozells": ("Lozells Road", "Villa Road", "Wheeler Street", "Berners Street"),
    "Birchfield": ("Birchfield Road", "Wellington Road", "Trinity Road"),
    "Aston": ("Lichfield Road", "Witton Road", "Victoria Road", "Park Road", "Albert Road"),
    "Newtown": ("Newtown Row", "Great Lister Street", "New John Street West"),
    "Nechells": ("Nechells Park Road", "Saltley Road", "Cromwell Street", "Great Francis Street"),
    "Bordesley & Highgate": ("High Street Deritend", "Digbeth", "Bradford Street", "Moseley Road", "Cheapside"),
    "Alum Rock": ("Alum Rock Road", "Saltley Road", "St Saviours Road", "Highfield Road"),
    "Ward End": ("Washwood Heath Road", "Ward End Park Road", "Sladefield Road"),
    "Heartlands": ("Washwood Heath Road", "Bordesley Green", "Adderley Road"),
    "Bordesley Green": ("Bordesley Green", "Bordesley Green East", "Blake Lane"),
    "Small Heath": ("Coventry Road", "Green Lane", "Golden Hillock Road", "Waverley Road"),
    "Sparkbrook & Balsall Heath East": ("Ladypool Road", "Stratford Road", "Stoney Lane", "Walford Road"),
    "Sparkhill": ("Stratford Road", "Ladypool Road", "Warwick Road", "Durham Road"),
    "Balsall Heath West": ("Moseley Road", "Edward Road", "Mary Street"),
    "Tyseley & Hay Mills": ("Coventry Road", "Warwick Road", "Wharfdale Road"),
    "Acocks Green": ("Warwick Road", "Shirley Road", "Westley Road", "Dudley Park Road"),
    "South Yardley": ("Coventry Road", "Church Road", "Stoney Lane"),
    "Yardley West & Stechford": ("Station Road", "Flaxley Lane", "Stuarts Road"),
    "Yardley East": ("Church Road", "Yardley Fields Road"),
    "Sheldon": ("Coventry Road", "Church Road", "Horrell Road"),
    "Garretts Green": ("Garretts Green Lane", "Kitts Green Road"),
    "Glebe Farm & Tile Cross": ("Tile Cross Road", "Gressel Lane", "Stechford Lane"),
    "Shard End": ("Packington Avenue", "Shard End Crescent", "Cooks Lane"),
    "Bromford & Hodge Hill": ("Hodge Hill Road", "Coleshill Road", "Bromford Drive"),
    "Castle Vale": ("Farnborough Road", "Tangmere Drive", "Yatesbury Avenue"),
    "Pype Hayes": ("Chester Road", "Tyburn Road", "Pype Hayes Road"),
    "Erdington": ("High Street", "Sutton Road", "Station Road", "Wood End Road"),
    "Gravelly Hill": ("Gravelly Hill", "Slade Road", "Kingsbury Road"),
    "Stockland Green": ("Slade Road", "Marsh Hill", "Witton Lodge Road"),
    "Kingstanding": ("Kingstanding Road", "Kings Road", "Dulwich Road"),
    "Perry Common": ("Perry Common Road", "College Road"),
    "Oscott": ("College Road", "Kingstanding Road", "Court Lane"),
    "Perry Barr": ("Walsall Road", "Birchfield Road", "Aldridge Road"),
    "Handsworth Wood": ("Hamstead Road", "Church Lane", "Friary Road"),
    "North Edgbaston": ("Dudley Road", "Hagley Road", "Icknield Port Road", "Monument Road"),
    "Edgbaston": ("Hagley Road", "Bristol Road", "Pershore Road", "Harborne Road"),
    "Harborne": ("High Street", "War Lane", "Court Oak Road", "Lordswood Road"),
    "Quinton": ("Hagley Road West", "Ridgacre Road", "Quinton Road West"),
    "Bartley Green": ("Genners Lane", "Adams Hill", "Jiggins Lane"),
    "Weoley & Selly Oak": ("Bristol Road", "Weoley Castle Road", "Gibbins Road"),
    "Bournbrook & Selly Park": ("Bristol Road", "Tiverton Road", "Heeley Road", "Dawlish Road"),
    "Bournville & Cotteridge": ("Linden Road", "Pershore Road South", "Mary Vale Road"),
    "Stirchley": ("Pershore Road", "Hazelwell Street", "Cartland Road"),
    "Moseley": ("Alcester Road", "Woodbridge Road", "Salisbury Road"),
    "Brandwood & King's Heath": ("Alcester Road South", "High Street", "Vicarage Road", "Howard Road"),
    "Billesley": ("Yardley Wood Road", "Brook Lane", "Chinn Brook Road"),
    "Hall Green North": ("Stratford Road", "Robin Hood Lane", "Fox Hollies Road"),
    "Hall Green South": ("Shirley Road", "School Road", "Baldwins Lane"),
    "Highter's Heath": ("Alcester Road South", "Highters Heath Lane"),
    "Druids Heath & Monyhull": ("Bells Lane", "Druids Lane", "Monyhull Hall Road"),
    "King's Norton North": ("Pershore Road South", "Wharf Road", "Pershore Road"),
    "King's Norton South": ("Redditch Road", "Hawkesley Mill Lane"),
    "Longbridge & West Heath": ("Longbridge Lane", "Lickey Road", "West Heath Road"),
    "Northfield": ("Bristol Road South", "Church Road", "Frankley Beeches Road"),
    "Allens Cross": ("Hoggs Lane", "Allens Croft Road", "Tessall Lane"),
    "Frankley Great Park": ("Frankley Beeches Road", "New Street Frankley"),
    "Rubery & Rednal": ("New Road", "Leach Green Lane", "Lickey Road"),
    "Sutton Four Oaks": ("Four Oaks Road", "Lichfield Road", "Hill Village Road"),
    "Sutton Mere Green": ("Mere Green Road", "Lichfield Road", "Hill Hook Road"),
    "Sutton Reddicap": ("Reddicap Heath Road", "Rectory Road"),
    "Sutton Roughley": ("Slade Road", "Weeford Road"),
    "Sutton Trinity": ("Parade", "Birmingham Road", "Lower Queen Street"),
    "Sutton Vesey": ("Jockey Road", "Chester Road", "Boldmere Road"),
    "Sutton Walmley & Minworth": ("Walmley Road", "Walmley Ash Road", "Kingsbury Road"),
    "Sutton Wylde Green": ("Birmingham Road", "Wylde Green Road", "Boldmere Road"),
}  # fmt: skip
GENERIC_STREETS = ("Church Road", "Victoria Road", "Park Road", "Station Road", "Grove Road", "Albert Road",
                   "The Crescent", "Hawthorn Road", "Oak Tree Lane", "Elm Grove", "Cedar Close", "Windsor Road",
                   "Mill Lane", "Green Lane", "School Road", "Manor Road", "Springfield Road", "Beech Avenue")  # fmt: skip
#: WMFS station whose ground covers the constituency (simplified).
STATIONS: dict[str, str] = {
    "Ladywood": "Ladywood", "Erdington": "Erdington", "Yardley": "Sheldon", "Hodge Hill": "Ward End",
    "Hall Green": "Hall Green", "Perry Barr": "Perry Barr", "Selly Oak": "Bournbrook", "Northfield": "Northfield",
    "Edgbaston": "Billesley", "Sutton Coldfield": "Sutton Coldfield",
}  # fmt: skip


def _read(name: str, directory: Path) -> list[dict[str, str]]:
    with (directory / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Geography:
    ward_code: np.ndarray  # object arrays, one entry per ward
    ward_name: np.ndarray
    ward_sector: np.ndarray  # police sector
    ward_constituency: np.ndarray
    ward_population: np.ndarray  # float
    pc_code: np.ndarray  # one entry per postcode
    pc_lsoa: np.ndarray
    pc_ward: np.ndarray  # ward index (int)
    ward_pc_start: np.ndarray  # postcodes sorted by ward: start offset per ward
    ward_pc_count: np.ndarray
    ward_streets: tuple[tuple[str, ...], ...]

    def ward_index(self, name: str) -> int:
        return int(np.flatnonzero(self.ward_name == name)[0])

    def weights(
        self, multipliers: dict[str, float] | None = None, by_sector: dict[str, float] | None = None
    ) -> np.ndarray:
        """Ward sampling weights: population share times hotspot multipliers (by ward or police sector)."""
        w = self.ward_population.astype(float).copy()
        for name, m in (multipliers or {}).items():
            w[self.ward_index(name)] *= m
        for sector, m in (by_sector or {}).items():
            w[self.ward_sector == sector] *= m
        return w / w.sum()

    def postcodes_in(self, rng: np.random.Generator, wards: np.ndarray) -> np.ndarray:
        """A random postcode index within each given ward index."""
        start = self.ward_pc_start[wards]
        return start + (rng.random(len(wards)) * self.ward_pc_count[wards]).astype(np.int64)

    def sample(self, rng: np.random.Generator, n: int, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``n`` locations: (ward index, postcode index), consistent with each other."""
        wards = rng.choice(len(weights), n, p=weights)
        return wards, self.postcodes_in(rng, wards)

    def streets(self, rng: np.random.Generator, wards: np.ndarray) -> np.ndarray:
        """A street name in each given ward (main roads more often than generic streets)."""
        out = np.empty(len(wards), dtype=object)
        pick = rng.random(len(wards))
        generic = rng.integers(0, len(GENERIC_STREETS), len(wards))
        for i, (w, p) in enumerate(zip(wards.tolist(), pick.tolist(), strict=True)):
            own = self.ward_streets[w]
            out[i] = own[int(p * len(own) / 0.7)] if p < 0.7 and own else GENERIC_STREETS[generic[i]]
        return out

    def station(self, wards: np.ndarray) -> np.ndarray:
        return np.array([STATIONS[c] for c in self.ward_constituency[wards]], dtype=object)


@cache
def load(directory: Path = REFERENCE_DIR) -> Geography:
    wards = _read("birmingham_wards", directory)
    postcodes = _read("birmingham_postcodes", directory)
    index = {w["code"]: i for i, w in enumerate(wards)}
    pc_ward = np.array([index[p["ward_code"]] for p in postcodes], dtype=np.int64)
    order = np.argsort(pc_ward, kind="stable")
    pc_ward = pc_ward[order]
    counts = np.bincount(pc_ward, minlength=len(wards))
    return Geography(
        ward_code=np.array([w["code"] for w in wards], dtype=object),
        ward_name=np.array([w["name"] for w in wards], dtype=object),
        ward_sector=np.array([w["police_sector"] for w in wards], dtype=object),
        ward_constituency=np.array([w["constituency"] for w in wards], dtype=object),
        ward_population=np.array([float(w["population"]) for w in wards]),
        pc_code=np.array([postcodes[i]["code"] for i in order], dtype=object),
        pc_lsoa=np.array([postcodes[i]["lsoa_code"] for i in order], dtype=object),
        pc_ward=pc_ward,
        ward_pc_start=np.concatenate([[0], np.cumsum(counts)[:-1]]),
        ward_pc_count=counts,
        ward_streets=tuple(STREETS.get(w["name"], ()) for w in wards),
    )

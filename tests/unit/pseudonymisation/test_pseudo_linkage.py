"""Person linkage keys across partners, and the linkage evaluation helper."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pyarrow as pa
import pytest

from pseudonymisation.identifiers._mod23 import check_letter
from pseudonymisation.linkage import evaluate_linkage, person_keys

FORENAMES = [
    "Mohammed",
    "Aisha",
    "Imran",
    "Fatima",
    "Jane",
    "Robert",
    "William",
    "Elizabeth",
    "Tyrone",
    "Chidi",
    "Oluwaseun",
    "Priya",
    "Gurpreet",
    "Zoë",
    "Siobhán",
    "Jamal",
    "Nasreen",
    "Tomasz",
    "Agnieszka",
    "Kwame",
    "Leah",
    "Connor",
    "Amira",
    "Hussain",
    "Delroy",
    "Marcia",
    "Bilal",
    "Yusuf",
    "Hannah",
    "Sean",
]
SURNAMES = [
    "Khan",
    "Ahmed",
    "Begum",
    "Hussain",
    "Smith",
    "Jones",
    "O'Brien",
    "Okafor",
    "Adeyemi",
    "Kaur",
    "Singh",
    "Patel",
    "Nowak",
    "Kowalski",
    "Mensah",
    "Campbell",
    "Williams",
    "Ali",
    "Murphy",
    "Brown",
    "Smith-Jones",
    "Da Silva",
    "McDonald",
    "Iqbal",
]
NICK = {"Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Mohammed": "Muhammad"}


def _pnc(rng: random.Random) -> str:
    yy, serial = rng.randrange(80, 100), rng.randrange(1, 9_999_999)
    return f"{yy:02d}/{serial:07d}{check_letter(int(f'{yy:02d}{serial:07d}'))}"


def _variant(rng: random.Random, fore: str, sur: str, dob: date) -> tuple[str, str, str]:
    """The council's spelling of the same person: case, spacing, accents, order, nickname, date format."""
    kind = rng.randrange(7)
    if kind == 0:
        fore, sur = fore.upper(), sur.lower()
    elif kind == 1:
        fore, sur = f"  {fore} ", sur.replace("-", " ")
    elif kind == 2:
        fore = fore.replace("ë", "e").replace("á", "a")
        sur = sur.replace("'", "")
    elif kind == 3:
        fore, sur = sur, fore  # columns swapped
    elif kind == 4:
        fore = NICK.get(fore, fore)
    dob_text = rng.choice(
        [dob.strftime("%d/%m/%Y"), dob.isoformat(), dob.strftime("%d %b %Y"), dob.strftime("%d.%m.%Y")]
    )
    return fore, sur, dob_text


def _population(seed: int = 7, people: int = 300):
    """Police and council records of a synthetic population, with twins as hard negatives."""
    rng = random.Random(seed)
    rows = []  # (partner, forename, surname, dob, pnc, person_id)
    for pid in range(people):
        fore, sur = rng.choice(FORENAMES), rng.choice(SURNAMES)
        dob = date(1960, 1, 1) + timedelta(days=rng.randrange(20_000))
        pnc = _pnc(rng) if rng.random() < 0.6 else None
        rows.append(("police", fore, sur, dob.strftime("%d/%m/%Y"), pnc, pid))
        if rng.random() < 0.7:
            rows.append(("council", *_variant(rng, fore, sur, dob), None, pid))
        if pid % 25 == 0:  # a twin: same surname and DOB, different forename, own PNC
            twin = rng.choice([f for f in FORENAMES if f != fore])
            rows.append(("police", twin, sur, dob.strftime("%d/%m/%Y"), _pnc(rng), f"{pid}-twin"))
    return rows


def _keys(rows, prefer):
    cols = list(zip(*rows, strict=True))
    return person_keys(
        pa.array(cols[1]), pa.array(cols[2]), pa.array(cols[3]), pnc=pa.array(cols[4], pa.string()), prefer=prefer
    ).to_pylist()


def test_name_dob_first_gives_better_cross_partner_recall():
    """Guards the documented design choice: name+DOB first links police and council records far better
    than PNC first, without losing precision against twins (same surname and DOB)."""
    rows = _population()
    truth = [r[5] for r in rows]
    name_first = evaluate_linkage(zip(_keys(rows, "name_dob"), truth, strict=True))
    id_first = evaluate_linkage(zip(_keys(rows, "identifier"), truth, strict=True))
    assert name_first.recall >= 0.95
    assert name_first.precision >= 0.97
    assert name_first.recall > id_first.recall + 0.3


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Jane", "Smith", "01/02/1990"), ("JANE", " smith ", "1990-02-01")),
        (("Zoë", "O'Brien", "01/02/1990"), ("Zoe", "OBrien", "1 Feb 1990")),
        (("Amira", "Smith-Jones", "01/02/1990"), ("amira", "Smith Jones", "01.02.1990")),
        (("Imran", "Khan", "01/02/1990"), ("Khan", "Imran", "01/02/1990")),
        (("Bob", "Brown", "01/02/1990"), ("Robert", "Brown", "01/02/1990")),
        (("Muhammad", "Ali", "01/02/1990"), ("Mohammed", "Ali", "01-02-1990")),
        (("Mohammed Imran", "Ali", "01/02/1990"), ("Mohammed", "Ali", "01/02/1990")),
    ],
)
def test_same_person_variants_get_one_key(a, b):
    """Guards normalisation for linkage: case, whitespace, accents, hyphens, order, nicknames, formats."""
    keys = person_keys(*(pa.array([x, y]) for x, y in zip(a, b, strict=True)))
    assert keys[0].is_valid
    assert keys[0] == keys[1]


def test_twins_are_kept_apart():
    """Guards the hard negative: same surname and DOB but a different forename is a different person."""
    keys = person_keys(pa.array(["Hassan", "Hussain"]), pa.array(["Ali", "Ali"]), pa.array(["01/02/1990"] * 2))
    assert keys[0] != keys[1]


def test_fallback_to_identifiers_and_null():
    """Guards the fallback order when name or DOB is missing: PNC, then NHS number, else null."""
    keys = person_keys(
        pa.array(["Jane", None, None, None, "Jane"]),
        pa.array(["Smith", "Smith", None, None, "Smith"]),
        pa.array(["01/02/1990", "01/02/1990", None, None, "31/02/1990"]),
        pnc=pa.array([None, "2001/0171310W", "2001/0171310X", None, None]),
        nhs=pa.array([None, "9434765919", "943 476 5919", "9434765918", None]),
    ).to_pylist()
    assert keys == ["nd:jane smith|1990-02-01", "pnc:01/0171310W", "nhs:9434765919", None, None]


def test_identifier_preference_and_bad_preference():
    """Guards the alternative order (identifiers first) and the error for an unknown preference."""
    args = (pa.array(["Jane"]), pa.array(["Smith"]), pa.array(["01/02/1990"]))
    assert person_keys(*args, pnc=pa.array(["2001/0171310W"]), prefer="identifier").to_pylist() == ["pnc:01/0171310W"]
    with pytest.raises(ValueError, match="prefer"):
        person_keys(*args, prefer="pnc")  # type: ignore[arg-type]


def test_evaluate_linkage_counts_pairs():
    """Guards the pairwise precision/recall arithmetic on a hand-checked example."""
    m = evaluate_linkage([("a", 1), ("a", 1), ("b", 1), (None, 2), ("a", 3)])
    assert (m.true_pairs, m.predicted_pairs, m.correct_pairs) == (3, 3, 1)
    assert m.precision == pytest.approx(1 / 3)
    assert m.recall == pytest.approx(1 / 3)
    perfect = evaluate_linkage([("a", 1), ("a", 1), ("b", 2)])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)

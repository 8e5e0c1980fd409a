"""Identifier normalisers/validators: valid values, bad check characters and near misses."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from pseudonymisation.identifiers import IDENTIFIERS, cro, dob, names, nhs, nino, phone, pnc, postcode, uprn

# (module, raw input, expected canonical form or None when invalid)
CASES = [
    # NHS number: mod 11 check digit
    (nhs, "9434765919", "9434765919"),
    (nhs, "943 476 5919", "9434765919"),
    (nhs, "943-476-5919", "9434765919"),
    (nhs, "4010232137", "4010232137"),
    (nhs, "9434765918", None),  # wrong check digit
    (nhs, "943476591", None),  # nine digits
    (nhs, "94347659190", None),  # eleven digits
    (nhs, "943476591O", None),  # letter O instead of zero
    (nhs, "0000000060", None),  # check computes to 10: never issued
    # PNC ID: examples from the MoJ person-record test-suite, plus variants
    (pnc, "2001/0171310W", "01/0171310W"),
    (pnc, "20030011985X", "03/0011985X"),
    (pnc, "20120052494Q", "12/0052494Q"),
    (pnc, "1981/0154257C", "81/0154257C"),
    (pnc, "2008/0056560Z", "08/0056560Z"),
    (pnc, "01/171310w", "01/0171310W"),  # leading zeros missing, lower case
    (pnc, " 81 / 154257 C ", "81/0154257C"),
    (pnc, "2001/0171310X", None),  # wrong check letter
    (pnc, "2001/0171310I", None),  # I is never a check letter
    (pnc, "1X23/1234567A", None),
    (pnc, "1923/1234567AA", None),
    (pnc, "01171310W", None),  # no slash and a short serial is ambiguous
    # CRO number
    (cro, "265416/21G", "265416/21G"),
    (cro, "65416/21G", None),  # dropping a significant digit changes the check
    (cro, "SF05/482703J", "SF05/482703J"),
    (cro, "SF83/50058Z", "SF83/050058Z"),
    (cro, "sf 83/050058z", "SF83/050058Z"),
    (cro, "85227/65G", None),
    (cro, "265416/21H", None),
    (cro, "265416-21G", None),
    # National Insurance number
    (nino, "AB123456C", "AB123456"),
    (nino, "ab 12 34 56 c", "AB123456"),
    (nino, "AB123456", "AB123456"),  # suffix omitted
    (nino, "OA123456B", "OA123456"),  # O allowed first
    (nino, "QQ123456C", None),  # Q never first (HMRC's own specimen prefix)
    (nino, "AO123456C", None),  # O never second
    (nino, "GB123456A", None),  # unallocated prefix
    (nino, "TN123456A", None),
    (nino, "AB123456E", None),  # suffix outside A-D
    (nino, "AB12345C", None),
    # Postcodes
    (postcode, "b152tt", "B15 2TT"),
    (postcode, "B1 1AA", "B1 1AA"),
    (postcode, "M1 1AE", "M1 1AE"),
    (postcode, "B33 8TH", "B33 8TH"),
    (postcode, "W1A 0AX", "W1A 0AX"),
    (postcode, "CR2 6XH", "CR2 6XH"),
    (postcode, "DN55 1PT", "DN55 1PT"),
    (postcode, "EC1A 1BB", "EC1A 1BB"),
    (postcode, "gir 0aa", "GIR 0AA"),
    (postcode, "QA1 1AA", None),  # Q never first
    (postcode, "B15 2CT", None),  # C never in the inward code
    (postcode, "B15 2T", None),
    (postcode, "B152TTT", None),
    # Phone numbers
    (phone, "07700 900123", "+447700900123"),
    (phone, "+44 7700 900123", "+447700900123"),
    (phone, "0044 7700-900-123", "+447700900123"),
    (phone, "+44 (0)121 496 0000", "+441214960000"),
    (phone, "(0121) 496 0000", "+441214960000"),
    (phone, "020 7946 0000", "+442079460000"),
    (phone, "0300 123 4567", "+443001234567"),
    (phone, "447700900123", "+447700900123"),
    (phone, "0800 123 4567", None),  # freephone
    (phone, "07700 90012", None),  # one digit short
    (phone, "7700900123", None),  # no trunk or country code
    # UPRN
    (uprn, "100070123456", "100070123456"),
    (uprn, "000100070123", "100070123"),
    (uprn, " 42 ", "42"),
    (uprn, "0", None),
    (uprn, "1234567890123", None),
    (uprn, "-5", None),
    (uprn, "1.0", None),
]


@pytest.mark.parametrize(("module", "raw", "expected"), CASES)
def test_scalar_normalise_and_validity(module, raw, expected):
    """Guards each identifier's shape and check-character rule (scalar form)."""
    assert module.normalise_one(raw) == expected
    assert module.is_valid(raw) is (expected is not None)


@pytest.mark.parametrize("module", [nhs, pnc, cro, nino, postcode, phone, uprn])
def test_vectorised_matches_scalar(module):
    """Guards that the Arrow normaliser and the scalar one agree row by row, with nulls kept apart."""
    raws = [raw for m, raw, _ in CASES if m is module]
    arr = pa.array([*raws, None, "   "], type=pa.string())
    normalised, validity = module.normalise(arr)
    assert normalised.to_pylist() == [module.normalise_one(r) for r in raws] + [None, None]
    assert validity.to_pylist() == [module.is_valid(r) for r in raws] + [None, None]


def test_vectorised_accepts_chunked_arrays():
    """Guards that chunked columns straight from a parsed file are accepted."""
    chunked = pa.chunked_array([["943 476 5919"], [None, "9434765918"]])
    normalised, validity = nhs.normalise(chunked)
    assert normalised.to_pylist() == ["9434765919", None, None]
    assert validity.to_pylist() == [True, None, False]


REFERENCE = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("03/04/1990", "1990-04-03"),
        ("3/4/1990", "1990-04-03"),
        ("1990-04-03", "1990-04-03"),
        ("1990-04-03T00:00:00", "1990-04-03"),
        ("03-04-1990", "1990-04-03"),
        ("03.04.1990", "1990-04-03"),
        ("3 Apr 1990", "1990-04-03"),
        ("03 April 1990", "1990-04-03"),
        ("03-apr-90", "1990-04-03"),
        ("03/04/90", "1990-04-03"),
        ("03/04/25", "2025-04-03"),  # pivot: not after the reference year → 20yy
        ("03/04/26", "1926-04-03"),  # pivot: would be in the future → 19yy
        ("29/02/2000", "2000-02-29"),
        ("29/02/1900", None),  # 1900 was not a leap year
        ("31/02/1990", None),
        ("13/13/1990", None),
        ("03/04-1990", None),  # mixed separators
        ("01/01/1899", None),  # before 1900
        ("02/06/2025", None),  # after the reference date
        ("3 Foo 1990", None),
    ],
)
def test_date_of_birth(raw, expected):
    """Guards the accepted DOB formats, the two-digit-year pivot and impossible dates."""
    assert dob.normalise_one(raw, reference=REFERENCE) == expected
    dates, validity = dob.normalise(pa.array([raw, None]), reference=REFERENCE)
    assert validity.to_pylist() == [expected is not None, None]
    assert (dates[0].as_py().isoformat() if dates[0].is_valid else None) == expected
    assert dates.type == pa.date32()


@pytest.mark.parametrize(
    ("raw", "nicknames", "expected"),
    [
        ("Zoë O'Brien", False, "zoe obrien"),
        ("  SMITH-JONES , Jane ", False, "smith jones jane"),
        ("Łukasz Wałęsa", False, "lukasz walesa"),
        ("Bob", True, "robert"),
        ("Liz", True, "elizabeth"),
        ("Bill", True, "william"),
        ("Mo", True, "mohammed"),
        ("Muhammad", True, "mohammed"),
        ("Mohammad", True, "mohammed"),
        ("Bob", False, "bob"),
        ("---", False, None),
    ],
)
def test_names(raw, nicknames, expected):
    """Guards name normalisation (case, accents, punctuation, hyphens) and the nickname table."""
    assert names.normalise_one(raw, nicknames=nicknames) == expected


def test_name_order_insensitive():
    """Guards that swapped name order gives the same linkage form."""
    out = names.order_insensitive(pa.array(["Khan, Imran", "imran KHAN", None])).to_pylist()
    assert out == ["imran khan", "imran khan", None]


def test_postcode_sector_and_district():
    """Guards the generalised postcode helpers used for location outputs."""
    arr = pa.array(["b152tt", "EC1A 1BB", "nonsense", None])
    assert postcode.sector(arr).to_pylist() == ["B15 2", "EC1A 1", None, None]
    assert postcode.district(arr).to_pylist() == ["B15", "EC1A", None, None]


def test_registry_names_and_unknown():
    """Guards the registry the pipeline uses: every contract name resolves; unknown names list known ones."""
    expected = {
        "nhs_number",
        "pnc_id",
        "cro_number",
        "ni_number",
        "postcode",
        "phone",
        "date_of_birth",
        "uprn",
        "person_name",
        "free_id",
    }
    assert set(IDENTIFIERS) == expected
    with pytest.raises(KeyError, match=r"known types: .*nhs_number"):
        IDENTIFIERS["passport_number"]
    free = IDENTIFIERS["free_id"]
    normalised, validity = free.normalise(pa.array([" ab-12 ", "", None]))
    assert normalised.to_pylist() == ["AB-12", None, None]
    assert validity.to_pylist() == [True, None, None]
    assert IDENTIFIERS["nhs_number"].is_valid("9434765919")

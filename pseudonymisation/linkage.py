"""Person linkage keys and their evaluation.

:func:`person_keys` turns the person columns of an extract into one linkage key string per row; the
key is then tokenised in the ``person`` domain, so the same person gets the same token in every
partner's extract.

Which evidence comes first (``prefer``):

* ``"name_dob"`` (default): name + date of birth when both are present, the PNC ID / NHS number only
  when they are missing. Police extracts carry PNC IDs but council, health and homelessness extracts
  do not; keying police rows on PNC would put the same person under two different keys and the
  Domestic Abuse board could not count repeat victims across partners. Name + DOB is the evidence
  every partner shares, so it gives the better cross-partner recall.
* ``"identifier"``: PNC ID, then NHS number, then name + DOB: better within-partner precision (PNC
  IDs survive misspelt names) but no cross-partner links for people who have a PNC ID.

The trade-off is measured by ``tests/unit/pseudonymisation/test_linkage.py`` on a synthetic
two-partner population (see :func:`evaluate_linkage`).

Name + DOB key: ``nd:<tokens>|<yyyy-mm-dd>`` where ``<tokens>`` are the first forename token (nicknames
mapped to a canonical form: Bob → robert, Muhammad → mohammed) and all surname tokens, normalised
(case, accents, punctuation, hyphens) and sorted so swapped forename/surname columns still match.
Middle names are left out because partners record them inconsistently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Literal, cast

import pyarrow as pa
import pyarrow.compute as pc

from pseudonymisation.identifiers import dob as dob_id
from pseudonymisation.identifiers import names
from pseudonymisation.identifiers import nhs as nhs_id
from pseudonymisation.identifiers import pnc as pnc_id
from pseudonymisation.identifiers._arrow import ArrayLike, as_string_array, join, map_distinct

Preference = Literal["name_dob", "identifier"]


def _first_forename(s: str) -> str | None:
    normalised = names.normalise_one(s, nicknames=True)
    return None if normalised is None else normalised.split()[0]


def _sorted_tokens(s: str) -> str:
    return " ".join(sorted(s.split()))


def _dob_iso(dob: ArrayLike) -> pa.Array:
    arr = dob.combine_chunks() if isinstance(dob, pa.ChunkedArray) else dob
    if pa.types.is_date(arr.type) or pa.types.is_timestamp(arr.type):
        return pc.cast(pc.cast(arr, pa.date32()), pa.string())
    parsed, _ = dob_id.normalise(arr)
    return pc.cast(parsed, pa.string())


def _prefixed(prefix: str, values: pa.Array) -> pa.Array:
    return join(prefix, values)


def name_dob_keys(forename: ArrayLike, surname: ArrayLike, dob: ArrayLike) -> pa.Array:
    """``nd:<sorted name tokens>|<iso dob>`` per row; null unless forename, surname and DOB are usable."""
    fore = map_distinct(as_string_array(forename), _first_forename)
    sur, _ = names.normalise(surname)
    joined = join(fore, sur, sep=" ")
    tokens = map_distinct(joined, _sorted_tokens)
    body = join(tokens, _dob_iso(dob), sep="|")
    return _prefixed("nd:", body)


def person_keys(
    forename: ArrayLike,
    surname: ArrayLike,
    dob: ArrayLike,
    *,
    pnc: ArrayLike | None = None,
    nhs: ArrayLike | None = None,
    prefer: Preference = "name_dob",
) -> pa.Array:
    """Linkage key per row (see the module docstring for the order of evidence); null if none."""
    if prefer not in ("name_dob", "identifier"):
        raise ValueError(f"prefer must be 'name_dob' or 'identifier', not {prefer!r}")
    n = len(forename)
    for name, col in (("surname", surname), ("dob", dob), ("pnc", pnc), ("nhs", nhs)):
        if col is not None and len(col) != n:
            raise ValueError(f"{name} has {len(col)} rows, forename has {n}")
    nd = name_dob_keys(forename, surname, dob)
    ids: list[pa.Array] = []
    if pnc is not None:
        ids.append(_prefixed("pnc:", pnc_id.normalise(pnc)[0]))
    if nhs is not None:
        ids.append(_prefixed("nhs:", nhs_id.normalise(nhs)[0]))
    order = [nd, *ids] if prefer == "name_dob" else [*ids, nd]
    return cast(pa.Array, pc.coalesce(*order)) if len(order) > 1 else nd


@dataclass(frozen=True)
class LinkageMetrics:
    """Pairwise linkage quality: a pair of records is "linked" when their keys are equal and non-null."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


def _pairs(counts: Iterable[int]) -> int:
    return sum(c * (c - 1) // 2 for c in counts)


def evaluate_linkage(pairs: Iterable[tuple[str | None, Hashable]]) -> LinkageMetrics:
    """Precision/recall of same-person decisions from ``(predicted key, true person id)`` per record.

    Every pair of records with equal non-null keys is a predicted link; every pair with equal person
    ids is a true link. Counting is done per group, so it is linear in the number of records.
    """
    records = list(pairs)
    truth = Counter(pid for _, pid in records)
    predicted = Counter(key for key, _ in records if key is not None)
    both = Counter((key, pid) for key, pid in records if key is not None)
    true_pairs, predicted_pairs, correct = _pairs(truth.values()), _pairs(predicted.values()), _pairs(both.values())
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LinkageMetrics(precision, recall, f1, true_pairs, predicted_pairs, correct)

"""Helpers shared by the feed modules: categorical sampling, person columns, ids, reordering."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from csphub.generator import variants
from csphub.generator.base import Frame
from csphub.generator.population import Population


def categorical(rng: np.random.Generator, shares: Mapping[str, float], n: int) -> np.ndarray:
    """``n`` draws of the keys of ``shares`` (weights need not sum to one)."""
    keys = np.array(list(shares), dtype=object)
    w = np.array(list(shares.values()), dtype=float)
    return keys[rng.choice(len(keys), n, p=w / w.sum())]


def lookup(values: np.ndarray, mapping: Mapping[str, float], default: float) -> np.ndarray:
    """``mapping[v]`` (or ``default``) for each value, as floats."""
    return np.array([mapping.get(v, default) for v in values.tolist()], dtype=float)


def masked(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """``values`` as an object array with None where ``keep`` is False."""
    out = values.astype(object)
    out[~keep] = None
    return out


def normal_ages(rng: np.random.Generator, n: int, mean: float, sd: float, lo: int, hi: int = 90) -> np.ndarray:
    return np.clip(np.round(rng.normal(mean, sd, n)), lo, hi).astype(np.int64)


def gender_of(pop: Population, idx: np.ndarray) -> np.ndarray:
    out = np.full(len(idx), None, dtype=object)
    has = idx >= 0
    out[has] = np.where(pop.female[idx[has]], "FEMALE", "MALE")
    return out


def take(values: np.ndarray, idx: np.ndarray, missing: object = None) -> np.ndarray:
    """``values[idx]`` with ``missing`` where ``idx < 0``."""
    out = np.full(len(idx), missing, dtype=values.dtype if values.dtype != object else object)
    has = idx >= 0
    out[has] = values[idx[has]]
    return out


def dobs(pop: Population, idx: np.ndarray, rng: np.random.Generator, unknown: float = 0.0) -> np.ndarray:
    """Dates of birth (datetime64[D], NaT where no person or recorded as not known)."""
    out = np.full(len(idx), np.datetime64("NaT"), dtype="datetime64[D]")
    has = (idx >= 0) & (rng.random(len(idx)) >= unknown)
    out[has] = pop.dob[idx[has]]
    return out


def drop_out_of_range(pop: Population, idx: np.ndarray, at: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """People whose age at the event is outside [lo, hi] are removed (-1): the partner would not record them."""
    out = idx.copy()
    has = out >= 0
    ages = pop.age_at(out[has], at[has])
    bad = np.flatnonzero(has)[(ages < lo) | (ages > hi)]
    out[bad] = -1
    return out


def person_names(
    frame_cols: dict[str, np.ndarray],
    prefix: str,
    pop: Population,
    idx: np.ndarray,
    rng: np.random.Generator,
    style: variants.NameStyle,
) -> None:
    fore, sur = variants.write_names(pop, idx, rng, style)
    frame_cols[f"{prefix}forename"] = fore
    frame_cols[f"{prefix}surname"] = sur


def reorder(frame: Frame, order: np.ndarray) -> Frame:
    """The frame with rows permuted (``order[new] = old``); persons follow their rows."""
    cols = {k: v[order] for k, v in frame.columns.items()}
    roles = {k: v[order] for k, v in frame.roles.items()}
    return Frame(cols, dict(frame.header), roles, set(frame.text_identifiers))


def unique_serials(rng: np.random.Generator, n: int, space: int) -> np.ndarray:
    """``n`` distinct ints in [0, space)."""
    if n > space:
        raise ValueError(f"cannot draw {n} distinct references from {space}")
    return rng.choice(space, n, replace=False)

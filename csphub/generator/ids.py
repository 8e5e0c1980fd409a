"""Synthetic UK identifiers with correct check characters, and deliberately broken ones for faults.

NHS number: modulus 11 over weights 10..2 (11 -> 0, 10 impossible). PNC ID: ``YY/NNNNNNNX`` with
``X = LETTERS[int(YY + serial) mod 23]``. NINO: HMRC prefix rules. Phones: UK mobiles and 0121 numbers.
"""

from __future__ import annotations

import numpy as np

PNC_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NINO_UNALLOCATED = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NHS_WEIGHTS = np.arange(10, 1, -1)


def nhs_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` distinct valid NHS numbers (ten digits, strings)."""
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        m = (n - len(out)) * 12 // 10 + 16
        first = rng.integers(400_000_000, 800_000_000, m)
        digits = (first[:, None] // 10 ** np.arange(8, -1, -1)) % 10
        check = 11 - (digits @ _NHS_WEIGHTS) % 11
        check[check == 11] = 0
        for f, c in zip(first.tolist(), check.tolist(), strict=True):
            if c == 10:
                continue
            s = f"{f:09d}{c}"
            if s not in seen:
                seen.add(s)
                out.append(s)
                if len(out) == n:
                    break
    return np.array(out, dtype=object)


def nhs_check_digit(first_nine: str) -> int | None:
    check = 11 - sum(int(c) * w for c, w in zip(first_nine, range(10, 1, -1), strict=True)) % 11
    return 0 if check == 11 else (None if check == 10 else check)


def pnc_check(year2: str, serial7: str) -> str:
    return PNC_LETTERS[int(year2 + serial7) % 23]


def pnc_ids(rng: np.random.Generator, years: np.ndarray) -> np.ndarray:
    """One valid PNC ID per issue year (four-digit ints), canonical ``YY/NNNNNNNX``, distinct."""
    serials = rng.choice(9_000_000, len(years), replace=False) + 10_000
    out = np.empty(len(years), dtype=object)
    for i, (y, s) in enumerate(zip(years.tolist(), serials.tolist(), strict=True)):
        yy, ss = f"{y % 100:02d}", f"{s:07d}"
        out[i] = f"{yy}/{ss}{pnc_check(yy, ss)}"
    return out


def broken_pnc(pnc: str) -> str:
    """Same shape, wrong check letter."""
    head, check = pnc[:-1], pnc[-1]
    return head + PNC_LETTERS[(PNC_LETTERS.index(check) + 7) % 23]


def nino_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` valid National Insurance numbers written ``AB123456C``."""
    first = rng.choice(list(NINO_FIRST), n)
    second = rng.choice(list(NINO_SECOND), n)
    nums = rng.integers(0, 1_000_000, n)
    suffix = rng.choice(list("ABCD"), n)
    out = np.empty(n, dtype=object)
    for i in range(n):
        prefix = first[i] + second[i]
        if prefix in NINO_UNALLOCATED:
            prefix = "JK"
        out[i] = f"{prefix}{nums[i]:06d}{suffix[i]}"
    return out


def broken_nino(nino: str) -> str:
    """Same shape, a prefix HMRC never allocates."""
    return ("TN" if nino[:2] != "TN" else "NK") + nino[2:]


def phone_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    """UK phone numbers as people write them: mostly mobiles, some Birmingham landlines."""
    mobile = rng.random(n) < 0.82
    a = rng.integers(0, 1_000_000_000, n)
    out = np.empty(n, dtype=object)
    style = rng.integers(0, 3, n)
    for i in range(n):
        if mobile[i]:
            body = f"7{3 + a[i] % 7}{(a[i] // 7) % 100_000_000:08d}"
            out[i] = f"0{body[:4]} {body[4:]}" if style[i] else f"0{body}"
        else:
            body = f"{a[i] % 10_000_000:07d}"
            out[i] = f"0121 {body[:3]} {body[3:]}" if style[i] else f"0121{body}"
    return out

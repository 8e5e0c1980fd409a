"""Free text as partners write it: incident logs, MO summaries, case notes and ED location descriptions
that sometimes carry identifiers (a name, an address, a phone number, a postcode, a PNC ID, a date of
birth, an email address). Every identifier written into text is recorded for the truth.

Two interfaces: scalar helpers (``chance``, ``choose``, ``mention``) for small feeds written row by
row, and column helpers (``pick``, ``mentions``) for large extracts.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from csphub.generator import variants
from csphub.generator.names import NICKNAMES
from csphub.generator.population import Population

_EMAIL_DOMAINS = ("hotmail.co.uk", "gmail.com", "outlook.com", "yahoo.co.uk")
_BUFFER = 65_536


class TextWriter:
    """Builds narratives with optional identifier mentions, collecting every identifier planted."""

    def __init__(self, pop: Population, rng: np.random.Generator, dob_format: str) -> None:
        self.pop = pop
        self.rng = rng
        self.dob_format = dob_format  # the partner's way of writing a date of birth in text
        self.identifiers: set[str] = set()
        self._u: list[float] = []

    # -- scalar ------------------------------------------------------------------------------------
    def _uniform(self) -> float:
        if not self._u:
            self._u = self.rng.random(_BUFFER).tolist()
        return self._u.pop()

    def chance(self, p: float) -> bool:
        return self._uniform() < p

    def choose(self, options: tuple[str, ...]) -> str:
        return options[int(self._uniform() * len(options))]

    def name(self, p: int) -> str:
        return str(self._names(np.array([p]))[0])

    def address(self, p: int) -> str:
        return self._add(str(self.pop.address[p]))

    def postcode(self, p: int) -> str:
        return self._add(str(self.pop.postcode[p]))

    def phone(self, p: int) -> str | None:
        text = self.pop.phone[p]
        return None if text is None else self._add(str(text))

    def pnc(self, p: int) -> str | None:
        text = self.pop.pnc[p]
        return None if text is None else self._add(str(text))

    def dob(self, p: int) -> str:
        return str(self._dobs(np.array([p]))[0])

    def email(self, p: int) -> str:
        return str(self._emails(np.array([p]))[0])

    def mention(self, p: int, **probabilities: float) -> str:
        """A fragment about person ``p`` carrying each identifier with the given probability."""
        return str(self.mentions(np.array([p]), **probabilities)[0])

    # -- columns -----------------------------------------------------------------------------------
    def pick(self, options: tuple[str, ...], n: int) -> np.ndarray:
        return np.array(options, dtype=object)[self.rng.integers(0, len(options), n)]

    def mentions(
        self,
        idx: np.ndarray,
        *,
        name: float = 0.0,
        address: float = 0.0,
        phone: float = 0.0,
        postcode: float = 0.0,
        dob: float = 0.0,
        pnc: float = 0.0,
        email: float = 0.0,
    ) -> np.ndarray:
        """Per row, a fragment about person ``idx[i]`` (``''`` when ``idx < 0`` or nothing mentioned)."""
        n = len(idx)
        has = idx >= 0
        u = self.rng.random((7, n))
        parts: list[np.ndarray] = []

        def piece(mask: np.ndarray, values: np.ndarray, fmt: str) -> None:
            col = np.full(n, "", dtype=object)
            col[mask] = [fmt.format(v) for v in values.tolist()]
            parts.append(col)

        m_name = has & (u[0] < name)
        piece(m_name, self._names(idx[m_name]), "{}")
        m_dob = m_name & (u[1] < dob)
        piece(m_dob, self._dobs(idx[m_dob]), "(DOB {})")
        m_addr = has & (u[2] < address)
        piece(m_addr, self._add_all(self.pop.address[idx[m_addr]]), "of {}")
        m_pc = has & (u[3] < postcode)
        piece(m_pc, self._add_all(self.pop.postcode[idx[m_pc]]), "({})")
        m_tel = has & (u[4] < phone)
        m_tel[m_tel] = self.pop.phone[idx[m_tel]] != None  # noqa: E711
        piece(m_tel, self._add_all(self.pop.phone[idx[m_tel]]), "tel {}")
        m_mail = has & (u[5] < email)
        piece(m_mail, self._emails(idx[m_mail]), "email {}")
        m_pnc = has & (u[6] < pnc)
        m_pnc[m_pnc] = self.pop.pnc[idx[m_pnc]] != None  # noqa: E711
        piece(m_pnc, self._add_all(self.pop.pnc[idx[m_pnc]]), "PNC {}")
        any_part = m_name | m_addr | m_pc | m_tel | m_mail | m_pnc
        out = np.full(n, "", dtype=object)
        rows = np.flatnonzero(any_part)
        cols = [p[rows].tolist() for p in parts]
        out[rows] = [" ".join(s for s in bits if s) for bits in zip(*cols, strict=True)]
        return out

    # -- identifier writing ------------------------------------------------------------------------
    def _add(self, text: str) -> str:
        self.identifiers.add(text)
        return text

    def _add_all(self, values: np.ndarray) -> np.ndarray:
        self.identifiers.update(values.tolist())
        return values

    def _names(self, idx: np.ndarray) -> np.ndarray:
        """Names as spoken in text: in full, ``SURNAME, Forename`` or a nickname."""
        fore = self.pop.forename[idx]
        sur = self.pop.surname[idx]
        u = self.rng.random(len(idx))
        out = np.empty(len(idx), dtype=object)
        for i, (f, s, x) in enumerate(zip(fore.tolist(), sur.tolist(), u.tolist(), strict=True)):
            if x < 0.15 and f in NICKNAMES:
                out[i] = f"{NICKNAMES[f][0]} {s}"
            elif x < 0.3:
                out[i] = f"{s.upper()}, {f}"
            else:
                out[i] = f"{f} {s}"
        return self._add_all(out)

    def _dobs(self, idx: np.ndarray) -> np.ndarray:
        if not len(idx):
            return np.array([], dtype=object)
        arr = pa.array(self.pop.dob[idx].astype("datetime64[s]"), type=pa.timestamp("s"))
        return self._add_all(np.array(pc.strftime(arr, format=self.dob_format).to_pylist(), dtype=object))

    def _emails(self, idx: np.ndarray) -> np.ndarray:
        u = self.rng.integers(1, 99, len(idx))
        d = self.rng.integers(0, len(_EMAIL_DOMAINS), len(idx))
        out = np.empty(len(idx), dtype=object)
        for i, p in enumerate(idx.tolist()):
            f = variants.strip_accents(str(self.pop.forename[p])).lower().replace(" ", "")
            s = variants.strip_accents(str(self.pop.surname[p])).lower().replace("'", "").replace(" ", "")
            out[i] = f"{f}.{s}{u[i]}@{_EMAIL_DOMAINS[d[i]]}"
        return self._add_all(out)

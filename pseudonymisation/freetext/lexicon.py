"""Offline name and word lists for the gazetteer person recognizer, loaded from installed packages.

* Forenames: the first-name dictionary shipped in ``gender-guesser`` (``data/nam_dict.txt``, about
  46,000 first names from many countries including Britain, Ireland, India, Pakistan, Bangladesh,
  the Arab world, Turkey, Poland and Romania; GNU Free Documentation License, read unmodified) plus
  the Latin-script first names of every ``Faker`` person locale (MIT; adds West and East African,
  Pakistani, Kenyan, Nigerian, Ghanaian and other lists).
* Surnames: the Latin-script last names of every ``Faker`` person locale.
* English word frequencies: ``en_lexeme_prob`` from ``spacy-lookups-data`` (MIT), a cased unigram
  log-probability table. A word whose lower-case form is at least about as frequent as its
  capitalised form is an ordinary English word ("will", "hope", "mark", "price"); a word mostly
  written capitalised is a name or another proper noun ("james", "khan").

Everything is read from the installed packages (nothing is downloaded) once per process and reduced
to a few frozensets; the large frequency table is dropped after reduction. Names and words are
matched by :func:`fold` (case-folded, accents removed), so "Zoë", "zoe" and "ZOE" are one entry.
"""

from __future__ import annotations

import functools
import gzip
import importlib
import importlib.resources
import json
import pkgutil
import unicodedata
from dataclasses import dataclass

# A lower-case form this much (natural-log units) less frequent than the capitalised form still counts
# as an ordinary word: sentence-initial capitals inflate the capitalised count of every word.
CASE_MARGIN = 0.3
# Words rarer than this in lower case are too rare to be mistaken for ordinary words in a narrative.
RARE_LOGPROB = -14.5
MIN_NAME_LENGTH = 3


def fold(word: str) -> str:
    """Case-folded, accent-free form used for every lookup (``"Zoë"`` → ``"zoe"``)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ł", "l").replace("ı", "i")


def _is_latin_name(name: str) -> bool:
    return bool(name) and all(
        ch in "-' " or unicodedata.name(ch, "").startswith("LATIN") for ch in name.replace("’", "'")
    )


def _nam_dict_forenames() -> set[str]:
    """First names in gender-guesser's ``nam_dict.txt`` (the name column; ``+`` joins compound names)."""
    path = importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt"
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or len(line) < 30:
            continue
        name = line[3:29].strip().replace("+", "-")
        if _is_latin_name(name):
            out.add(name)
    return out


def _faker_names() -> tuple[set[str], set[str]]:
    """Latin-script first and last names of every Faker person locale."""
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module_info in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module_info.name}"), "Provider", None)
        if provider is None:
            continue
        for attr in dir(provider):
            if not attr.startswith(("first_name", "last_name")):
                continue
            value = getattr(provider, attr)
            if not isinstance(value, dict | tuple | list | set | frozenset):
                continue
            target = first if attr.startswith("first") else last
            target.update(n for n in value if isinstance(n, str) and _is_latin_name(n))
    return first, last


def _lexeme_logprob() -> dict[str, float]:
    path = importlib.resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    table: dict[str, float] = json.loads(gzip.decompress(path.read_bytes()))
    return table


def _single_words(names: set[str]) -> set[str]:
    """Folded one-word names (hyphenated names stay whole), at least :data:`MIN_NAME_LENGTH` long."""
    return {fold(n) for n in names if " " not in n and len(n) >= MIN_NAME_LENGTH}


@dataclass(frozen=True)
class Lexicon:
    """The reduced lists the gazetteer recognizer needs."""

    forenames: frozenset[str]
    surnames: frozenset[str]
    common_words: frozenset[str]  # folded words mostly written in lower case (ordinary English words)
    capitalised_words: frozenset[str]  # folded words seen mostly capitalised and often in lower case

    def is_common(self, word: str) -> bool:
        """True for an ordinary English word ("will", "update", "price")."""
        return fold(word) in self.common_words


@functools.cache
def lexicon() -> Lexicon:
    """Build the lexicon once per process from the installed packages."""
    faker_first, faker_last = _faker_names()
    forenames = _single_words(_nam_dict_forenames() | faker_first)
    surnames = _single_words(faker_last)
    logprob = _lexeme_logprob()
    common: set[str] = set()
    capitalised: set[str] = set()
    for word, lower in logprob.items():
        if not word.isalpha() or not word.islower():
            continue
        upper = logprob.get(word[:1].upper() + word[1:], -30.0)
        if lower >= upper - CASE_MARGIN and lower > RARE_LOGPROB:
            common.add(fold(word))
        elif lower > RARE_LOGPROB:
            capitalised.add(fold(word))
    return Lexicon(frozenset(forenames), frozenset(surnames), frozenset(common), frozenset(capitalised))

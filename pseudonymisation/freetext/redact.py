"""Redact free text with typed placeholders (``[PERSON_1]``, ``[POSTCODE_1]``, ``[VICTIM]``...).

:class:`FreeTextRedactor` runs the analyzer's recognizers over a batch (:meth:`FreeTextRedactor.analyze_batch`:
identical texts analysed once, the text recognizers on every text, spaCy's NER only on the sentences
:mod:`pseudonymisation.freetext.ner_gate` selects, in one ``nlp.pipe`` call) and then:

1. trims titles/role words off person spans and drops spans in :data:`DEFAULT_ALLOW_LIST`;
2. adds every literal occurrence of the row's known structured values (``known``), labelled with the
   role they were given under (``{"victim": "Jane Smith"}`` → ``[VICTIM]``), including forename-only
   and surname-only mentions;
3. propagates detected names to their other mentions in the same text;
4. resolves overlaps and numbers placeholders per entity type so repeated mentions of the same value
   (or part of the same name) reuse the same index.

Results carry only the redacted text and ``(entity_type, start, end)`` offsets into the original text;
matched values are never stored or logged.
"""

from __future__ import annotations

import atexit
import multiprocessing
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import IpRecognizer, SpacyRecognizer, UrlRecognizer

from pseudonymisation.freetext import spans as sp
from pseudonymisation.freetext.analyzer import LANGUAGE, build_analyzer
from pseudonymisation.freetext.gazetteer import is_place
from pseudonymisation.freetext.lexicon import lexicon
from pseudonymisation.freetext.ner_gate import NerGate
from pseudonymisation.freetext.recognizers.person_gazetteer_recognizer import (
    PersonGazetteerRecognizer,
    person_cue_after,
)
from pseudonymisation.identifiers import IDENTIFIERS

DEFAULT_SCORE_THRESHOLD = 0.45
DEFAULT_BATCH_SIZE = 256
# Texts without these cannot match the (slow) stock URL and IP patterns, so those recognizers are skipped.
_PRECHECKS: dict[type, Any] = {
    UrlRecognizer: regex.compile(r"[a-z0-9.\-]\.[a-z]", regex.IGNORECASE),
    IpRecognizer: regex.compile(r"\d\.\d|[0-9a-f]:|::", regex.IGNORECASE),
}
# Agency and process acronyms that spaCy's small model tends to tag as people.
DEFAULT_ALLOW_LIST = (
    "MARAC",
    "MASH",
    "MAPPA",
    "IDVA",
    "ISVA",
    "CID",
    "ASB",
    "DA",
    "VAWG",
    "CPS",
    "PCSO",
    "PC",
    "DC",
    "DS",
    "CAD",
    "ED",
    "A&E",
    "NHS",
    "WMP",
    "BCC",
    "CRN",
    "PNC",
    "DOB",
    "NFA",
    "RTC",
    "CCTV",
    "OIC",
    "IP",
    "Police",
    "Officers",
    "Officer",
    "Caller",
    "Victim",
    "Suspect",
    "Subject",
    "Ambulance",
    "Paramedics",
    "Complainant",
    "Witness",
    "Partner",
    "Safeguarding",
    "Head of Year",
    "NOK",
    "ETE",
    "DASH",
)
_NORMALISE_FOR_INDEX = {
    "PHONE": "phone",
    "POSTCODE": "postcode",
    "NHS_NUMBER": "nhs_number",
    "NI_NUMBER": "ni_number",
    "PNC_ID": "pnc_id",
    "CRO_NUMBER": "cro_number",
    "DOB": "date_of_birth",
}


@dataclass(frozen=True)
class RedactionResult:
    """Redacted text plus ``(entity_type, start, end)`` of each replaced span in the original text."""

    text: str | None
    entities: list[tuple[str, int, int]] = field(default_factory=list)


def _index_key(text: str, span: sp.Span) -> str:
    surface = text[span.start : span.end]
    family = _NORMALISE_FOR_INDEX.get(span.entity_type)
    if family is not None:
        normalised = IDENTIFIERS[family].normalise_one(surface)
        if normalised is not None:
            return str(normalised)
    return "".join(ch for ch in surface.casefold() if ch.isalnum())


def render(text: str, chosen: Sequence[sp.Span]) -> RedactionResult:
    """Replace the chosen (non-overlapping, ordered) spans with numbered typed placeholders."""
    counters: dict[str, dict[str, int]] = {}
    people: list[tuple[set[str], int]] = []
    pieces: list[str] = []
    entities: list[tuple[str, int, int]] = []
    cursor = 0
    for span in chosen:
        if span.label:
            placeholder = f"[{span.label}]"
        elif span.entity_type == sp.PERSON:
            words = set(sp.name_words(text[span.start : span.end])) or {text[span.start : span.end].casefold()}
            index = next((i for w, i in people if words <= w or w <= words), None)
            if index is None:
                index = len(people) + 1
                people.append((words, index))
            placeholder = f"[PERSON_{index}]"
        else:
            seen = counters.setdefault(span.entity_type, {})
            index = seen.setdefault(_index_key(text, span), len(seen) + 1)
            placeholder = f"[{span.entity_type}_{index}]"
        pieces += [text[cursor : span.start], placeholder]
        entities.append((span.entity_type, span.start, span.end))
        cursor = span.end
    pieces.append(text[cursor:])
    return RedactionResult("".join(pieces), entities)


class FreeTextRedactor:
    """Batch redactor over the process-wide analyzer."""

    def __init__(
        self,
        analyzer: AnalyzerEngine | None = None,
        *,
        score_threshold: float = DEFAULT_SCORE_THRESHOLD,
        allow_list: Sequence[str] = DEFAULT_ALLOW_LIST,
    ) -> None:
        self.analyzer = analyzer if analyzer is not None else build_analyzer()
        self.score_threshold = score_threshold
        self.allow_list = list(allow_list)
        self._allow = frozenset(a.casefold() for a in allow_list)
        self._split: tuple[list[tuple[EntityRecognizer, Any]], list[EntityRecognizer]] | None = None
        self._ner_gate: NerGate | None = None
        self._names: PersonGazetteerRecognizer | None = None

    def _spans(self, text: str, results: Sequence[Any], known: Mapping[str, str] | None) -> list[sp.Span]:
        candidates: list[sp.Span] = []
        structured = [(r.start, r.end) for r in results if r.entity_type != sp.PERSON]
        for r in results:
            span: sp.Span | None = sp.Span(r.start, r.end, r.entity_type, float(r.score))
            if span is not None and span.entity_type == sp.PERSON:
                span = sp.trim_person(text, sp.cut_before(span, structured))
            if span is None or text[span.start : span.end].casefold() in self._allow:
                continue
            if (
                span.entity_type == sp.PERSON
                and is_place(text[span.start : span.end])
                and not person_cue_after(text, span.end)
            ):
                continue
            candidates.append(span)
        persons = [s for s in candidates if s.entity_type == sp.PERSON]
        candidates += sp.propagate_names(text, persons, skip=self._allow)
        known_found = sp.known_spans(text, known)
        for k in known_found:
            if k.entity_type == sp.KNOWN:  # report the detected type when a recognizer agrees
                typed = next((c for c in candidates if c.overlaps(k) and c.entity_type != sp.PERSON), None)
                if typed is not None:
                    candidates.append(sp.Span(k.start, k.end, typed.entity_type, k.score, k.label))
                    continue
            candidates.append(k)
        return sp.extend_persons(text, sp.resolve(candidates), self._adjacent_name_word)

    def _adjacent_name_word(self, word: str, side: str, comma: bool, sentence_initial: bool) -> bool:
        if word.casefold() in self._allow:
            return False
        if self._names is None:
            self._names = PersonGazetteerRecognizer(lexicon_=lexicon())
        return self._names.adjacent_name_word(word, side, comma, sentence_initial)

    def _recognizers(self) -> tuple[list[tuple[EntityRecognizer, Any]], list[EntityRecognizer]]:
        """The analyzer's recognizers split into text-only ones (with a cheap pre-check) and NER ones."""
        if self._split is None:
            text_only: list[tuple[EntityRecognizer, Any]] = []
            ner: list[EntityRecognizer] = []
            for recognizer in self.analyzer.registry.get_recognizers(language=LANGUAGE, all_fields=True):
                if not recognizer.is_loaded:
                    recognizer.load()
                    recognizer.is_loaded = True
                if isinstance(recognizer, SpacyRecognizer):
                    ner.append(recognizer)
                else:
                    text_only.append((recognizer, _PRECHECKS.get(type(recognizer))))
            self._split = (text_only, ner)
        return self._split

    def _gate(self) -> NerGate:
        if self._ner_gate is None:
            self._ner_gate = NerGate(lexicon(), self._allow)
        return self._ner_gate

    def analyze_batch(self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE) -> list[list[RecognizerResult]]:
        """Recognizer results (at or above the score threshold) for each text.

        Equivalent to ``analyzer.analyze`` on each text without the context enhancer, but spaCy's NER
        reads only the sentences :class:`~pseudonymisation.freetext.ner_gate.NerGate` selects, all
        of them in one ``nlp.pipe`` call; every other recognizer reads the whole text.
        """
        text_only, ner = self._recognizers()
        results: list[list[RecognizerResult]] = []
        for text in texts:
            found: list[RecognizerResult] = []
            for recognizer, precheck in text_only:
                if precheck is None or precheck.search(text):
                    found += recognizer.analyze(text, recognizer.supported_entities, None)  # type: ignore[arg-type]
            results.append(found)
        if ner:
            jobs: list[tuple[int, int, int]] = []
            gate = self._gate()
            for i, text in enumerate(texts):
                covered = [(r.start, r.end) for r in results[i] if r.score >= self.score_threshold]
                jobs += [(i, s, e) for s, e in gate.sentences_for_ner(text, covered)]
            engine = self.analyzer.nlp_engine
            sentences = [texts[i][s:e] for i, s, e in jobs]
            artifacts = engine.process_batch(sentences, language=LANGUAGE, batch_size=batch_size, n_process=1)
            for (i, offset, _), (sentence, nlp_artifacts) in zip(jobs, artifacts, strict=True):
                for recognizer in ner:
                    for r in recognizer.analyze(sentence, recognizer.supported_entities, nlp_artifacts):
                        r.start += offset
                        r.end += offset
                        results[i].append(r)
        return [[r for r in found if r.score >= self.score_threshold] for found in results]

    def _redact_serial(
        self,
        texts: Sequence[str | None],
        known: Sequence[Mapping[str, str] | None],
        batch_size: int,
    ) -> list[RedactionResult]:
        unique = list(dict.fromkeys(t for t in texts if t))
        analysed = dict(zip(unique, self.analyze_batch(unique, batch_size), strict=True))
        out: list[RedactionResult] = []
        for text, known_row in zip(texts, known, strict=True):
            if text is None:
                out.append(RedactionResult(None, []))
            elif not text:
                out.append(RedactionResult(text, []))
            else:
                out.append(render(text, self._spans(text, analysed[text], known_row)))
        return out

    def redact_batch(
        self,
        texts: Sequence[str | None],
        known: Sequence[Mapping[str, str]] | None = None,
        *,
        n_process: int = 1,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> list[RedactionResult]:
        """Redact ``texts``; ``known[i]`` holds row ``i``'s structured values by role (optional).

        ``n_process > 1`` splits the batch over a reusable pool of worker processes started from a
        clean forkserver (each builds the default analyzer once); results come back in input order.
        """
        rows: list[Mapping[str, str] | None] = list(known) if known is not None else [None] * len(texts)
        if len(rows) != len(texts):
            raise ValueError(f"known has {len(rows)} rows, texts has {len(texts)}")
        if n_process <= 1 or len(texts) < 2 * n_process:
            return self._redact_serial(texts, rows, batch_size)
        return _redact_parallel(self, list(texts), rows, n_process, batch_size)

    def redact(self, text: str | None, known: Mapping[str, str] | None = None) -> RedactionResult:
        """Redact a single text."""
        return self.redact_batch([text], [known or {}])[0]


_WORKER: FreeTextRedactor | None = None
_POOLS: dict[tuple[int, float, tuple[str, ...]], ProcessPoolExecutor] = {}


def _init_worker(score_threshold: float, allow_list: tuple[str, ...]) -> None:
    global _WORKER
    _WORKER = FreeTextRedactor(score_threshold=score_threshold, allow_list=allow_list)


def _work(args: tuple[list[str | None], list[Mapping[str, str] | None], int]) -> list[RedactionResult]:
    texts, rows, batch_size = args
    assert _WORKER is not None
    return _WORKER._redact_serial(texts, rows, batch_size)


def _pool(n_process: int, redactor: FreeTextRedactor) -> ProcessPoolExecutor:
    """A long-lived worker pool per configuration, started from a clean ``forkserver`` process.

    Forking the caller directly is unsafe once it runs threads (Kafka clients, Airflow, thread pools):
    a child can inherit a lock held by another thread and hang for ever. Workers therefore start from
    the forkserver and each builds its analyzer once; the pool is reused by later batches. A worker
    that cannot start breaks the pool with an error (``multiprocessing.Pool`` would respawn it for ever).
    """
    key = (n_process, redactor.score_threshold, tuple(redactor.allow_list))
    if key not in _POOLS:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        _POOLS[key] = ProcessPoolExecutor(
            n_process, mp_context=multiprocessing.get_context(method), initializer=_init_worker, initargs=key[1:]
        )
    return _POOLS[key]


@atexit.register
def _close_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown(wait=False, cancel_futures=True)
    _POOLS.clear()


def _redact_parallel(
    redactor: FreeTextRedactor,
    texts: list[str | None],
    rows: list[Mapping[str, str] | None],
    n_process: int,
    batch_size: int,
) -> list[RedactionResult]:
    """Split the batch over worker processes (default analyzer, the redactor's threshold and allow list)."""
    chunk = max(batch_size, -(-len(texts) // (n_process * 4)))
    jobs = [(texts[i : i + chunk], rows[i : i + chunk], batch_size) for i in range(0, len(texts), chunk)]
    key = (n_process, redactor.score_threshold, tuple(redactor.allow_list))
    try:
        parts = list(_pool(n_process, redactor).map(_work, jobs))
    except BrokenProcessPool as exc:
        _POOLS.pop(key, None)
        raise RuntimeError(f"free-text redaction workers failed to start or died: {exc}") from exc
    return [r for part in parts for r in part]

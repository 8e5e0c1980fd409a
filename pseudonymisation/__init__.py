"""Pseudonymisation for csphub: identifiers → normalised values → keyed tokens; free text → placeholders.

Modules: :mod:`keys` (master key providers and per-domain key derivation), :mod:`tokeniser` (HMAC
tokens over Arrow arrays), :mod:`identifiers` (UK identifier normalisers), :mod:`linkage` (person
linkage keys), :mod:`generalise` (ages, bands, time parts) and :mod:`freetext` (Presidio redaction).
Heavy imports (Presidio, spaCy) live only under :mod:`freetext`.
"""

"""Free-text redaction: Presidio analyzer with UK recognizers, typed placeholders, evaluation harness.

Importing this package is cheap; Presidio and spaCy load when :func:`analyzer.build_analyzer` or
:class:`redact.FreeTextRedactor` is first used.
"""

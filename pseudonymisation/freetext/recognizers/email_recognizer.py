"""E-mail addresses: Presidio's pattern, validated against the bundled public-suffix snapshot."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import EmailRecognizer


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer with a tldextract instance that never goes online."""

    def __init__(self, supported_entity: str = "EMAIL") -> None:
        super().__init__(supported_entity=supported_entity)

    def validate_result(self, pattern_text: str) -> bool:
        """True when the domain ends in a known public suffix."""
        from pseudonymisation.freetext.analyzer import offline_tld_extractor

        return offline_tld_extractor()(pattern_text).fqdn != ""

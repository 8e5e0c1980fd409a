"""UK postcodes in free text (``B21 9SN``, ``b219sn``), validated with the postcode format rules."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pseudonymisation.identifiers import postcode
from pseudonymisation.identifiers.postcode import INWARD, OUTWARD


class UkPostcodeRecognizer(PatternRecognizer):
    """Recognizes UK postcodes; matching is case-insensitive, validation uses the PAF letter rules."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("UK postcode", rf"\b(?:{OUTWARD}[ \t]?{INWARD}|GIR[ \t]?0AA)\b", 0.6),
    ]
    CONTEXT: ClassVar[list[str]] = ["postcode", "post code", "address", "lives", "resides", "home"]

    def __init__(self, supported_entity: str = "POSTCODE") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Run the full postcode format check."""
        return postcode.is_valid(pattern_text)

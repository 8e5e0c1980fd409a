"""National Insurance numbers in free text (``AB 12 34 56 C``), validated with HMRC prefix rules."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pseudonymisation.identifiers import nino


class UkNinoRecognizer(PatternRecognizer):
    """Recognizes NINOs with or without spaces and suffix."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("NINO", r"\b[A-Z]{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}(?:[ \t]?[A-D])?\b", 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = ["national insurance", "ni number", "nino", "ni no", "insurance"]

    def __init__(self, supported_entity: str = "NI_NUMBER") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Run the HMRC allocation rules."""
        return nino.is_valid(pattern_text)

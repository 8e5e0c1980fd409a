"""UK phone numbers in free text: national, ``+44``, ``0044`` and ``+44 (0)`` forms with separators."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pseudonymisation.identifiers import phone

# Each repetition consumes exactly one digit, so the pattern stays linear.
_DIGIT_RUN = r"\d(?:[ \t\-]?\)?[ \t\-]?\d){8,9}"


class UkPhoneRecognizer(PatternRecognizer):
    """Recognizes UK mobiles and 01/02/03 numbers; validation normalises to E.164."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("UK phone (international)", rf"(?<![\w+])(?:\+|00)44[ \t\-]?(?:\(0\)[ \t\-]?)?{_DIGIT_RUN}(?!\d)", 0.6),
        Pattern("UK phone (national)", rf"(?<![\w+])\(?0{_DIGIT_RUN}(?!\d)", 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = [
        "phone",
        "mobile",
        "tel",
        "telephone",
        "mob",
        "number",
        "call",
        "landline",
        "contact",
    ]

    def __init__(self, supported_entity: str = "PHONE") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Accept only numbers that normalise to a valid UK personal number."""
        return phone.is_valid(pattern_text)

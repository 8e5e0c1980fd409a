"""UK recognizers for Presidio, one module per family, registered in :data:`RECOGNIZERS`."""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from pseudonymisation.freetext.recognizers.dob_recognizer import DobRecognizer
from pseudonymisation.freetext.recognizers.email_recognizer import OfflineEmailRecognizer
from pseudonymisation.freetext.recognizers.person_context_recognizer import PersonContextRecognizer
from pseudonymisation.freetext.recognizers.person_gazetteer_recognizer import PersonGazetteerRecognizer
from pseudonymisation.freetext.recognizers.uk_address_recognizer import UkAddressRecognizer
from pseudonymisation.freetext.recognizers.uk_cro_recognizer import UkCroRecognizer
from pseudonymisation.freetext.recognizers.uk_nhs_recognizer import UkNhsRecognizer
from pseudonymisation.freetext.recognizers.uk_nino_recognizer import UkNinoRecognizer
from pseudonymisation.freetext.recognizers.uk_phone_recognizer import UkPhoneRecognizer
from pseudonymisation.freetext.recognizers.uk_pnc_recognizer import UkPncRecognizer
from pseudonymisation.freetext.recognizers.uk_postcode_recognizer import UkPostcodeRecognizer

RECOGNIZERS: dict[str, Callable[[], EntityRecognizer]] = {
    "uk_postcode": UkPostcodeRecognizer,
    "uk_nino": UkNinoRecognizer,
    "uk_pnc": UkPncRecognizer,
    "uk_cro": UkCroRecognizer,
    "uk_phone": UkPhoneRecognizer,
    "uk_nhs": UkNhsRecognizer,
    "dob": DobRecognizer,
    "uk_address": UkAddressRecognizer,
    "person_context": PersonContextRecognizer,
    "person_gazetteer": PersonGazetteerRecognizer,
    "email": OfflineEmailRecognizer,
}

__all__ = ["RECOGNIZERS"]

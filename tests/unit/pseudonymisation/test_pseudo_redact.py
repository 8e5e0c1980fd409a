"""Free-text redaction: typed placeholders, known structured values, batching and offline operation."""

from __future__ import annotations

import subprocess
import sys
import textwrap

TEXT = (
    "Caller reports her ex-partner Mohammed Khan (DOB 12/03/1988) attended 14 Soho Road, B21 9SN on "
    "14/02/2024. IP jane smith says Khan phoned 07700 900123 twice. Email t.khan@gmail.com, NHS 943 476 5919, "
    "NI AB 12 34 56 C, PNC 01/171310W. Mr khan was arrested."
)
IDENTIFIERS = [
    "Mohammed",
    "Khan",
    "khan",
    "12/03/1988",
    "14 Soho Road",
    "B21 9SN",
    "jane",
    "smith",
    "07700 900123",
    "t.khan@gmail.com",
    "943 476 5919",
    "AB 12 34 56 C",
    "01/171310W",
]


def test_typed_placeholders_and_event_dates_kept(redactor):
    """Guards that every identifier is replaced by a typed placeholder while event dates stay readable."""
    result = redactor.redact(TEXT)
    for value in IDENTIFIERS:
        assert value not in result.text
    for placeholder in (
        "[PERSON_1]",
        "[DOB_1]",
        "[ADDRESS_1]",
        "[POSTCODE_1]",
        "[PHONE_1]",
        "[EMAIL_1]",
        "[NHS_NUMBER_1]",
        "[NI_NUMBER_1]",
        "[PNC_ID_1]",
    ):
        assert placeholder in result.text
    assert "14/02/2024" in result.text
    # entities are offsets into the original text, with no values stored
    for entity_type, start, end in result.entities:
        assert isinstance(entity_type, str)
        assert 0 <= start < end <= len(TEXT)


def test_same_person_same_index(redactor):
    """Guards readable output: repeated mentions of one person (full name, then surname) share an index."""
    text = redactor.redact("Jane Smith called. Later Smith said Ahmed Ali had left; Ali returned.").text
    assert text.count("[PERSON_1]") == 2
    assert text.count("[PERSON_2]") == 2


def test_known_structured_values_always_redacted(redactor):
    """Guards that literal known values are removed even where NER misses them, with role placeholders."""
    texts = ["the pair argued. later tiggy brown-okafor rang; brown-okafor's friend zed said tiggy was ok. ref B219SN"]
    known = [{"victim": "Tiggy Brown-Okafor", "accused": "Zed Quill", "victim_postcode": "B21 9SN"}]
    result = redactor.redact_batch(texts, known)[0]
    lowered = result.text.lower()
    for fragment in ("tiggy", "brown-okafor", "zed", "b219sn"):
        assert fragment not in lowered
    assert "[VICTIM]" in result.text
    assert "[ACCUSED]" in result.text
    assert "[VICTIM_POSTCODE]" in result.text


def test_none_and_empty_texts(redactor):
    """Guards that missing narratives stay missing and empty ones stay empty."""
    results = redactor.redact_batch([None, "", "No names here."])
    assert results[0].text is None
    assert results[0].entities == []
    assert results[1].text == ""
    assert results[2].text == "No names here."


def test_two_processes_match_one(redactor):
    """Guards n_process=2 (both cores): same output, same order as the serial run."""
    texts = [TEXT.replace("Khan", name) for name in ("Khan", "Begum", "Okafor", "Nowak")] * 5 + [None]
    assert redactor.redact_batch(texts, n_process=2, batch_size=4) == redactor.redact_batch(texts)


def test_parallel_redaction_does_not_hang_when_the_caller_holds_locks_in_other_threads(redactor):
    """Regression: forking a process while another of its threads holds a lock (here the logging
    module's, which worker start-up takes) leaves the child blocked for ever. Workers must start from
    a clean process, so this finishes."""
    import logging
    import threading

    from pseudonymisation.freetext.redact import DEFAULT_ALLOW_LIST, FreeTextRedactor

    held, release = threading.Event(), threading.Event()

    def hold_logging_lock() -> None:
        with logging._lock:  # type: ignore[attr-defined]
            held.set()
            release.wait(120)

    holder = threading.Thread(target=hold_logging_lock, daemon=True)
    holder.start()
    held.wait()
    fresh = FreeTextRedactor(redactor.analyzer, allow_list=(*DEFAULT_ALLOW_LIST, "LOCKTEST"))  # a new pool
    texts = [TEXT.replace("Khan", name) for name in ("Khan", "Begum", "Okafor", "Nowak")] * 3
    result: list = []
    worker = threading.Thread(target=lambda: result.append(fresh.redact_batch(texts, n_process=2, batch_size=4)))
    worker.start()
    worker.join(timeout=90)
    release.set()
    holder.join()
    assert not worker.is_alive(), "parallel redaction hung while another thread held a lock"
    assert [r.text for r in result[0]] == [r.text for r in redactor.redact_batch(texts)]


def test_known_length_mismatch_is_an_error(redactor):
    """Guards against silently misaligned known values."""
    import pytest

    with pytest.raises(ValueError, match="known has 1 rows"):
        redactor.redact_batch(["a", "b"], [{"victim": "x"}])


def test_analyzer_builds_and_runs_with_network_blocked(tmp_path):
    """Guards the no-network rule: building our analyzer and stock Presidio, and analysing e-mails and
    URLs, must not open a socket (run in a fresh process so no cached state hides a fetch)."""
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network access attempted")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from pseudonymisation.freetext.analyzer import build_analyzer, build_stock_analyzer
        from pseudonymisation.freetext.redact import FreeTextRedactor

        text = "Email jo.bloggs@example.co.uk or see www.example.org, NHS 943 476 5919."
        ours = FreeTextRedactor(build_analyzer()).redact(text)
        assert "[EMAIL_1]" in ours.text and "[NHS_NUMBER_1]" in ours.text, ours.text
        stock = build_stock_analyzer().analyze(text=text, language="en")
        assert any(r.entity_type == "EMAIL_ADDRESS" for r in stock)
        print("offline-ok")
        """
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "offline-ok" in proc.stdout


def test_names_without_triggers_and_sign_offs(redactor):
    """Guards recall on names with no title or role word: lower/mixed case, sign-offs, lists."""
    text = (
        "Present: ngozi Murphy, her son and Jaswinder. Noise heard by Zoë next door.\n\n"
        "Kind regards,\nAdaeze Nwankwo\nHousing Officer"
    )
    result = redactor.redact(text)
    for value in ("ngozi", "Murphy", "Jaswinder", "Zoë", "Adaeze", "Nwankwo"):
        assert value not in result.text
    assert "Housing Officer" in result.text


def test_common_words_that_are_names_survive(redactor):
    """Guards precision: forenames that are ordinary English words stay when used as words."""
    text = "Will update the log. May need a review in June. Mark as closed; hope to close soon."
    assert redactor.redact(text).text == text


def test_person_span_cut_at_identifier(redactor):
    """Guards that a name NER runs into an identifier ("X Y PNC 01/171310W") keeps both redactions."""
    text = "Suspect Dariusz Williams PNC 01/171310W is wanted on recall."
    result = redactor.redact(text).text
    assert "Dariusz" not in result
    assert "Williams" not in result
    assert "[PNC_ID_1]" in result


def test_duplicates_and_batch_equal_single(redactor):
    """Guards batching: duplicate texts share one analysis, results match one-by-one redaction and
    known values still apply per row."""
    texts = ["Khan was arrested by officers.", "Khan was arrested by officers.", "tiggy said ok"]
    known = [{}, {"suspect": "Khan"}, {"victim": "Tiggy"}]
    batch = redactor.redact_batch(texts, known)
    single = [redactor.redact(t, k) for t, k in zip(texts, known, strict=True)]
    assert batch == single
    assert "[SUSPECT]" in batch[1].text
    assert "[VICTIM]" in batch[2].text


# A capitalised word joined to a detected name by a space or a comma is part of it (even an ordinary
# word such as Jordan, Blessing, Said); roles, places, streets, function words and lower case are not.
ADJACENT_CASES = [
    ("Caller reports neighbour Adaeze Okafor, Blessing shouting.", ["Adaeze", "Okafor", "Blessing"], []),
    ("IP assaulted by suspect Ahmed Khan, Said near Small Heath.", ["Ahmed", "Khan", "Said"], ["Small Heath"]),
    ("Caller reports male Jordan Smith making threats.", ["Jordan", "Smith"], ["male"]),
    ("BUTLER, Ellis no working smoke alarm fitted.", ["BUTLER", "Ellis"], []),
    ("Caller reports male GREEN, Rahima making threats.", ["GREEN", "Rahima"], ["male"]),
    ("Rahima Butt left cooking unattended.", ["Rahima", "Butt"], []),
    ("Caller Jane Smith said she was scared.", ["Jane", "Smith"], ["Caller", "said she was"]),
    ("Jane Smith, Police attended. Met Jane Smith on Jordan Road.", ["Jane", "Smith"], ["Police", "Jordan Road"]),
    ("male youths gathered near Jane Smith Street.", [], ["male youths gathered", "Jane Smith Street"]),
]


def test_names_extend_over_adjacent_name_words(redactor):
    """Guards that a detected name swallows the name words written right next to it, and that the
    near misses (role words, places, streets, lower-case verbs) stay."""
    for text, gone, kept in ADJACENT_CASES:
        result = redactor.redact(text).text
        for value in gone:
            assert value not in result, (text, result)
        for value in kept:
            assert value in result, (text, result)


def test_adjacent_known_value_extends(redactor):
    """Guards a known-role span followed by the rest of the name ("[ACCUSED], Said")."""
    text = "IP of Flat 26, 192 Digbeth reports suspect Khan, Said and Tom Price by the door."
    result = redactor.redact_batch([text], [{"accused": "Said Khan", "subject": "Price"}])[0].text
    for value in ("Said", "Khan", "Tom", "Price", "Digbeth", "192"):
        assert value not in result, result
    assert "[ACCUSED]" in result
    assert "[SUBJECT]" in result

"""The probation HTTPS pull connector against a real local HTTPS server with its own CA."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from connectors.pull import CONNECTORS
from connectors.pull.probation_https import ProbationHttps, ProbationHttpsSettings
from csphub.errors import HubError
from csphub.events import FileLanded
from csphub.events.topics import landing_topic
from csphub.hub import Hub

pytestmark = pytest.mark.integration


def _pki(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for 127.0.0.1 signed by it: (ca.pem, cert.pem, key.pem)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "HMPPS export test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return paths


class _Export:
    def __init__(self, root: Path, url: str, ca: Path) -> None:
        self.root, self.url, self.ca = root, url, ca

    def publish(self, name: str, data: bytes) -> None:
        (self.root / name).write_bytes(data)
        index = self.root / "index.json"
        files = json.loads(index.read_text())["files"] if index.exists() else []
        files = [f for f in files if f["name"] != name]
        files.append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "modified": "x"})
        index.write_text(json.dumps({"files": files}))


@pytest.fixture
def export(tmp_path: Path) -> Iterator[_Export]:
    ca, cert, key = _pki(tmp_path)
    root = tmp_path / "export"
    root.mkdir()
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(root))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield _Export(root, f"https://127.0.0.1:{server.server_address[1]}/", ca)
    finally:
        server.shutdown()
        server.server_close()


def test_pulls_each_file_once_and_announces_it(hub: Hub, export: _Export) -> None:
    assert CONNECTORS["probation_https"] is ProbationHttps
    export.publish("oasys_2026-09.csv", b"crn,score\nX1,10\n")
    connector = ProbationHttps(ProbationHttpsSettings(url=export.url, ca_file=export.ca))

    first = connector.run(hub)
    assert first.landed == ["probation/case_assessments/oasys_2026-09.csv"]
    assert hub.store.get("landing", first.landed[0]) == b"crn,score\nX1,10\n"
    second = connector.run(hub)
    assert (second.landed, second.unchanged) == ([], 1)

    export.publish("oasys_2026-10.csv", b"crn,score\nX2,20\n")
    export.publish("oasys_2026-09.csv", b"crn,score\nX1,11\n")  # re-issued under the same name
    third = connector.run(hub)
    sha = hashlib.sha256(b"crn,score\nX1,11\n").hexdigest()
    assert sorted(third.landed) == sorted(
        ["probation/case_assessments/oasys_2026-10.csv", f"probation/case_assessments/oasys_2026-09--{sha[:12]}.csv"]
    )
    assert hub.store.get("landing", "probation/case_assessments/oasys_2026-09.csv") == b"crn,score\nX1,10\n"

    topic = landing_topic(hub.settings.topic_prefix, "probation", "case_assessments")
    events = [d.event for d in hub.bus.poll([topic], "pull-reader", timeout_s=15)]
    assert all(isinstance(e, FileLanded) and e.source == "pull" for e in events)
    assert sorted(e.key for e in events if isinstance(e, FileLanded)) == sorted(first.landed + third.landed)


def test_refuses_a_server_whose_certificate_does_not_chain_to_the_ca(hub: Hub, export: _Export, tmp_path: Path) -> None:
    export.publish("oasys_2026-09.csv", b"crn\nX1\n")
    other_ca, _cert, _key = _pki(tmp_path / "other" if (tmp_path / "other").mkdir() is None else tmp_path)
    connector = ProbationHttps(ProbationHttpsSettings(url=export.url, ca_file=other_ca))
    with pytest.raises(HubError, match="CERTIFICATE_VERIFY_FAILED"):
        connector.run(hub)
    assert list(hub.store.list("landing", "probation/")) == []

"""Probation (HMPPS) monthly OASys extract, pulled from the partner's HTTPS export folder.

The folder publishes ``index.json`` — ``{"files": [{"name", "size", "sha256", "modified"}]}`` — and
each file beside it. TLS is verified against the partner's CA bundle (``ca_file``); an optional
bearer token authenticates the hub. Settings come from ``CSPHUB_PROBATION_HTTPS_*`` variables.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, ClassVar

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from connectors.pull.base import PullReport, RemoteFile, check_remote_name, land_fetched
from connectors.state import ConnectorState
from csphub.errors import ConfigError, HubError
from csphub.hub import Hub


class ProbationHttpsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CSPHUB_PROBATION_HTTPS_", extra="ignore")

    url: str | None = None  # the export folder, e.g. https://exports.example/oasys/
    ca_file: Path | None = None  # CA bundle the partner's certificate chains to; None = system store
    token: SecretStr | None = None
    timeout_s: float = 60.0


class ProbationHttps:
    name: ClassVar[str] = "probation_https"
    partner: ClassVar[str] = "probation"
    feed: ClassVar[str] = "case_assessments"

    def __init__(self, settings: ProbationHttpsSettings | None = None) -> None:
        self.settings = settings or ProbationHttpsSettings()
        if not self.settings.url:
            raise ConfigError("CSPHUB_PROBATION_HTTPS_URL is not set", stage="pull", partner=self.partner)
        if not self.settings.url.startswith("https://"):
            raise ConfigError("the probation export folder must be an https:// URL", stage="pull")
        self.base = self.settings.url if self.settings.url.endswith("/") else self.settings.url + "/"
        cafile = str(self.settings.ca_file) if self.settings.ca_file else None
        self._tls = ssl.create_default_context(cafile=cafile)

    def _get(self, name: str) -> bytes:
        url = urllib.parse.urljoin(self.base, urllib.parse.quote(name))
        request = urllib.request.Request(url)  # noqa: S310 - https only, checked in __init__
        if self.settings.token:
            request.add_header("Authorization", f"Bearer {self.settings.token.get_secret_value()}")
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout_s, context=self._tls) as r:  # noqa: S310
                return bytes(r.read())
        except (urllib.error.URLError, OSError) as exc:
            raise HubError(f"GET {url} failed: {exc}", stage="pull", partner=self.partner) from None

    def index(self) -> list[RemoteFile]:
        try:
            doc: dict[str, Any] = json.loads(self._get("index.json"))
            return [
                RemoteFile(
                    name=check_remote_name(str(f["name"])),
                    fingerprint=str(f.get("sha256") or f"{f.get('size')}:{f.get('modified')}"),
                    size=int(f["size"]) if f.get("size") is not None else None,
                    sha256=f.get("sha256"),
                )
                for f in doc["files"]
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise HubError(f"unreadable export index: {exc}", stage="pull", partner=self.partner) from None

    def run(self, hub: Hub) -> PullReport:
        state = ConnectorState.for_home(hub.settings.home)
        report = PullReport()
        try:
            for remote in self.index():
                if state.fetched(self.name, remote.name, remote.fingerprint):
                    report.unchanged += 1
                    continue
                data = self._get(remote.name)
                report.landed.append(land_fetched(hub, state, self.name, self.partner, self.feed, remote, data))
        finally:
            state.close()
        return report

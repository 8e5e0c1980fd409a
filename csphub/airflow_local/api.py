"""A small client for Airflow 3's REST API (``/api/v2``), for status checks and tests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


class AirflowApi:
    def __init__(self, url: str, *, username: str | None = None, password: str | None = None) -> None:
        self.url = url.rstrip("/")
        self._credentials = (username, password)
        self._token: str | None = None

    def healthy(self) -> bool:
        """True when the API server answers and reports its metadata DB healthy."""
        try:
            health = self._request("GET", "/api/v2/monitor/health", auth=False)
        except (OSError, urllib.error.URLError, ValueError):
            return False
        return bool(health.get("metadatabase", {}).get("status") == "healthy")

    def health(self) -> dict[str, Any]:
        return self._request("GET", "/api/v2/monitor/health", auth=False)

    def get(self, path: str) -> Any:
        return self._request("GET", f"/api/v2{path}")

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self._request("PATCH", f"/api/v2{path}", body)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self._request("POST", f"/api/v2{path}", body)

    def _login(self) -> str:
        username, password = self._credentials
        if not username or not password:
            raise ValueError("this call needs a username and password")
        tok = self._request("POST", "/auth/token", {"username": username, "password": password}, auth=False)
        return str(tok["access_token"])

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None, *, auth: bool = True) -> Any:
        if not self.url.startswith(("http://", "https://")):
            raise ValueError(f"not an HTTP URL: {self.url}")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if auth:
            self._token = self._token or self._login()
            headers["Authorization"] = f"Bearer {self._token}"
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)  # noqa: S310
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - http(s) only, checked above
            payload = resp.read()
        return json.loads(payload) if payload else None

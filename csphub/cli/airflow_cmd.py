"""Start, stop or inspect the local Airflow (api-server, scheduler, dag-processor, triggerer).

  csphub airflow up      migrate the metadata DB, start what is not running, wait for the API
  csphub airflow status  each component with its pid, and the API's health
  csphub airflow down    stop exactly the processes `airflow up` started

Airflow listens on 127.0.0.1 only (--port, default 8080). Its state is under <home>/airflow; the DAGs
are the repository's dags/. The admin password is generated on the first start and printed once.
"""

from __future__ import annotations

import argparse
import time

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["up", "down", "status"])
    parser.add_argument("--port", type=int, default=8080, help="API server port on 127.0.0.1")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from csphub.airflow_local import AirflowLocal
    from csphub.airflow_local.api import AirflowApi

    local = AirflowLocal(settings_from(args), port=args.port)
    t0 = time.monotonic()
    if args.action == "up":
        first_start = not local.password_file.exists()
        for c in local.up():
            print(f"{c.name:14} {'started' if c.started else 'already running':16} pid {c.pid}")
        print(f"Airflow up in {time.monotonic() - t0:.1f}s at {local.url} (logs in {local.home / 'run'})")
        password = local.admin_password()
        if first_start and password:
            print(f"log in as {'admin'} with password {password} (kept in {local.password_file})")
        elif password:
            print(f"log in as admin; the password is in {local.password_file}")
        return 0
    if args.action == "down":
        for name, was_running in local.down():
            print(f"{name:14} {'stopped' if was_running else 'was not running'}")
        return 0
    rc = 0
    for c in local.status():
        print(f"{c.name:14} {'running' if c.pid else 'DOWN':8} pid {c.pid or '-'}")
        rc = rc if c.pid else 1
    api = AirflowApi(local.url)
    if api.healthy():
        health = api.health()
        print(
            f"API {local.url}: " + ", ".join(f"{k} {v.get('status')}" for k, v in health.items() if isinstance(v, dict))
        )
    else:
        print(f"API {local.url}: not answering")
        rc = 1
    return rc

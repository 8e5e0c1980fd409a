"""Start, stop or inspect the local stack (SeaweedFS S3 and Kafka on 127.0.0.1).

  csphub stack up      start what is not running, wait until it answers, create buckets and topics
  csphub stack status  each service with its address, pid and health
  csphub stack down    stop exactly the processes `stack up` started

State, pid files and logs are under <home>/stack. Ports come from CSPHUB_S3_ENDPOINT and
CSPHUB_KAFKA_BOOTSTRAP (the Kafka controller uses the next port).
"""

from __future__ import annotations

import argparse
import time

from csphub.cli import settings_from


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["up", "down", "status"])
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from csphub import stack

    settings = settings_from(args)
    cfg = stack.StackConfig.from_settings(settings, feeds=tuple(stack.feeds_for(settings)))
    t0 = time.monotonic()
    if args.action == "up":
        for s in stack.up(cfg):
            verb = "started" if s.started else "already running"
            print(f"{s.name:10} {verb:16} {s.address:24} pid {s.pid}  {s.detail}")
        print(f"stack up in {time.monotonic() - t0:.1f}s; logs in {cfg.stack_dir}")
        return 0
    if args.action == "down":
        for name, was_running in stack.down(cfg):
            print(f"{name:10} {'stopped' if was_running else 'was not running'}")
        print(f"stack down in {time.monotonic() - t0:.1f}s")
        return 0
    rc = 0
    for s in stack.status(cfg):
        health = "healthy" if s.healthy else "DOWN"
        print(f"{s.name:10} {health:8} {s.address:24} pid {s.pid or '-'}  {s.detail}")
        rc = rc if s.healthy else 1
    return rc

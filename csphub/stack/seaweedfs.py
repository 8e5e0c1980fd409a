"""SeaweedFS for the local stack: ``weed server -s3`` on 127.0.0.1, identities, buckets and policies.

Start-up is done when the hub identity can list buckets *and* the four buckets exist with their
settings; a listening port alone is not enough (the S3 gateway answers before its filer is ready).
"""

from __future__ import annotations

import json
import re
import time
import urllib.request

from csphub.errors import StorageError
from csphub.stack.config import HOST, StackConfig
from csphub.stack.identities import HUB_BUCKETS, landing_policy, s3_config
from csphub.stack.process import Service, StackError, port_open
from csphub.storage.s3 import S3ObjectStore

_VOLUME_ID = re.compile(r"(?:^|_)(\d+)\.dat$")


def service(cfg: StackConfig) -> Service:
    return Service("seaweedfs", cfg.stack_dir, marker=f"-s3.port={cfg.seaweed.s3}")


def hub_store(cfg: StackConfig, *, max_attempts: int = 1) -> S3ObjectStore:
    s = cfg.settings
    return S3ObjectStore.for_identity(
        cfg.s3_endpoint,
        s.s3_access_key,
        s.s3_secret_key.get_secret_value(),
        region=s.s3_region,
        max_attempts=max_attempts,
    )


def argv(cfg: StackConfig) -> list[str]:
    p = cfg.seaweed
    data = cfg.seaweed_dir
    return [
        str(cfg.weed()),
        "server",
        f"-ip={HOST}",
        f"-ip.bind={HOST}",
        f"-dir={data / 'volumes'}",
        f"-master.dir={data / 'master'}",
        f"-master.port={p.master}",
        f"-master.port.grpc={p.master_grpc}",
        "-master.telemetry=false",
        "-master.volumeSizeLimitMB=64",
        "-volume.max=200",
        f"-volume.port={p.volume}",
        f"-volume.port.grpc={p.volume_grpc}",
        f"-filer.port={p.filer}",
        f"-filer.port.grpc={p.filer_grpc}",
        f"-filer.localSocket={data / 'filer.sock'}",
        "-s3",
        f"-s3.port={p.s3}",
        f"-s3.port.grpc={p.s3_grpc}",
        f"-s3.localSocket={data / 's3.sock'}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        "-s3.autoCreateBucket=false",
        f"-s3.config={data / 's3-identities.json'}",
        "-webdav=false",
    ]


def start(cfg: StackConfig, *, timeout_s: float = 60.0) -> int:
    """Start SeaweedFS (or keep the running one), wait until it answers, create buckets. Returns the pid."""
    svc = service(cfg)
    pid = svc.pid()
    if pid is None:
        if port_open(HOST, cfg.seaweed.s3):
            raise StackError(f"port {cfg.seaweed.s3} is taken by another process", stage="stack")
        for sub in ("volumes", "master"):
            (cfg.seaweed_dir / sub).mkdir(parents=True, exist_ok=True)
        config = s3_config(cfg.settings.s3_access_key, cfg.settings.s3_secret_key.get_secret_value())
        path = cfg.seaweed_dir / "s3-identities.json"
        path.write_text(json.dumps(config, indent=2))
        path.chmod(0o600)
        pid = svc.start(argv(cfg))
    wait_ready(cfg, timeout_s=timeout_s)
    wait_volumes_registered(cfg, timeout_s=timeout_s)
    ensure_buckets(cfg, timeout_s=timeout_s)
    return pid


def stop(cfg: StackConfig) -> bool:
    # weed can linger on SIGTERM after its servers have stopped; a short grace then SIGKILL is safe for
    # a single-node dev store (volumes and the filer's leveldb are crash-consistent).
    return service(cfg).stop(grace_s=8.0)


def healthy(cfg: StackConfig) -> tuple[bool, str]:
    try:
        buckets = hub_store(cfg).list_buckets()
    except StorageError as exc:
        return False, exc.reason
    missing = [b for b in HUB_BUCKETS if b not in buckets]
    return (not missing, "ok" if not missing else f"missing buckets {missing}")


def wait_ready(cfg: StackConfig, *, timeout_s: float) -> None:
    svc = service(cfg)
    deadline = time.monotonic() + timeout_s
    last = ""
    while time.monotonic() < deadline:
        if svc.exited_early():
            raise StackError(f"SeaweedFS exited during start-up; log {svc.log_file}:\n{svc.tail()}", stage="stack")
        try:
            hub_store(cfg).list_buckets()
            return
        except StorageError as exc:
            last = exc.reason
        time.sleep(0.3)
    raise StackError(f"SeaweedFS did not answer within {timeout_s:.0f}s: {last}", stage="stack")


def wait_volumes_registered(cfg: StackConfig, *, timeout_s: float) -> None:
    """After a restart, wait until the master knows every volume on disk: until then, reads of
    objects stored before the restart fail with "volume not found"."""
    on_disk = {int(m.group(1)) for p in (cfg.seaweed_dir / "volumes").glob("*.dat") if (m := _VOLUME_ID.search(p.name))}
    if not on_disk:
        return
    url = f"http://{HOST}:{cfg.seaweed.master}/vol/status"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                known = {int(i) for i in re.findall(r'"Id":\s*(\d+)', r.read().decode())}
            if on_disk <= known:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise StackError(f"SeaweedFS volumes {sorted(on_disk)} not registered within {timeout_s:.0f}s", stage="stack")


def ensure_buckets(cfg: StackConfig, *, timeout_s: float) -> None:
    """Create the four zone buckets (landing versioned with Object Lock) and the landing policy.

    Retries until the deadline: right after start the gateway answers before the filer accepts writes.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            _ensure_buckets_once(cfg)
            return
        except StorageError as exc:
            if time.monotonic() > deadline:
                raise StackError(f"could not create buckets: {exc.reason}", stage="stack") from None
            time.sleep(0.5)


def _ensure_buckets_once(cfg: StackConfig) -> None:
    from botocore.exceptions import ClientError

    store = hub_store(cfg)
    client = store.client
    existing = set(store.list_buckets())
    try:
        for bucket in HUB_BUCKETS:
            if bucket not in existing:
                if bucket == "landing":
                    client.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
                else:
                    client.create_bucket(Bucket=bucket)
        client.put_object_lock_configuration(
            Bucket="landing",
            ObjectLockConfiguration={
                "ObjectLockEnabled": "Enabled",
                "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": cfg.landing_retention_days}},
            },
        )
        client.put_bucket_policy(Bucket="landing", Policy=json.dumps(landing_policy()))
    except ClientError as exc:
        err = exc.response.get("Error", {})
        raise StorageError(f"{err.get('Code')}: {err.get('Message')}", stage="stack") from None
    except Exception as exc:  # botocore connection errors while the filer comes up
        if type(exc).__module__.startswith("botocore"):
            raise StorageError(f"{type(exc).__name__}: {exc}", stage="stack") from None
        raise

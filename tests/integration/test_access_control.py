"""Who may do what on the real S3 server, with each identity's own credentials.

Every denial is checked twice: the server refused (AccessDenied), and nothing was written.
"""

from __future__ import annotations

import uuid

import pytest

from csphub.errors import StorageError
from csphub.stack import StackConfig
from csphub.stack.identities import BOARDS, PARTNERS, board_identity, partner_identity
from csphub.storage.s3 import S3ObjectStore
from tests.integration.conftest import identity_store

pytestmark = pytest.mark.integration

FEED_OF = {
    "police": "crime_records",
    "council": "asb_cases",
    "probation": "case_assessments",
    "health": "ed_assault_attendances",
    "fire": "incidents",
}


def _denied(call: object) -> StorageError:
    with pytest.raises(StorageError) as caught:
        call()  # type: ignore[operator]
    assert "AccessDenied" in caught.value.reason, caught.value.reason
    return caught.value


@pytest.mark.parametrize("partner", list(PARTNERS))
def test_partner_writes_own_prefix_only(stack: StackConfig, admin_store: S3ObjectStore, partner: str) -> None:
    """A partner can drop a file into landing/<partner>/ and do nothing else: no read, list, delete,
    write elsewhere, or write in another bucket — and a refused write leaves nothing behind."""
    me = identity_store(stack, partner_identity(partner))
    name = f"{uuid.uuid4().hex}.csv"
    own = f"{partner}/{FEED_OF[partner]}/{name}"
    me.put("landing", own, b"id,value\n1,a\n")
    assert admin_store.get("landing", own) == b"id,value\n1,a\n"

    _denied(lambda: me.get("landing", own))
    _denied(lambda: me.head("landing", own))
    _denied(lambda: list(me.list("landing", f"{partner}/")))
    _denied(lambda: list(me.list("landing")))
    _denied(lambda: me.delete("landing", own))
    assert admin_store.get("landing", own) == b"id,value\n1,a\n"

    other = next(p for p in PARTNERS if p != partner)
    for bucket, key in [
        ("landing", f"{other}/{FEED_OF[other]}/{name}"),
        ("landing", f"{partner}x/{FEED_OF[partner]}/{name}"),
        ("landing", name),
        ("quarantine", f"{partner}/{name}"),
        ("trusted", f"{partner}/{name}"),
        ("lake", f"{partner}/{name}"),
    ]:
        _denied(lambda b=bucket, k=key: me.put(b, k, b"x"))
        assert admin_store.head(bucket, key) is None, f"{bucket}/{key} was written"
    _denied(lambda: me.get("trusted", "anything"))


def test_partner_cannot_replace_a_landed_file(stack: StackConfig, admin_store: S3ObjectStore) -> None:
    """A conditional re-upload is refused; a plain overwrite only adds a version — the first upload's
    bytes stay stored and locked (Object Lock, compliance), and the partner cannot delete them."""
    me = identity_store(stack, partner_identity("police"))
    key = f"police/crime_records/{uuid.uuid4().hex}.csv"
    me.put("landing", key, b"original")
    with pytest.raises(StorageError) as caught:
        me.put("landing", key, b"second", if_absent=True)
    assert type(caught.value).__name__ == "ObjectExists"
    assert admin_store.get("landing", key) == b"original"

    me.put("landing", key, b"tampered")  # SeaweedFS has no policy key to refuse this
    versions = [v for v in admin_store.list_versions("landing", key) if v.key == key]
    assert len(versions) == 2
    oldest = versions[-1]
    assert admin_store.get_version("landing", key, oldest.version_id) == b"original"
    _denied(lambda: me.delete("landing", key))
    # even the hub cannot destroy the locked original version during retention
    with pytest.raises(Exception, match="AccessDenied"):
        admin_store.client.delete_object(Bucket="landing", Key=key, VersionId=oldest.version_id)
    assert admin_store.get_version("landing", key, oldest.version_id) == b"original"


@pytest.mark.parametrize("board", list(BOARDS))
def test_board_reads_own_lake_prefix_only(stack: StackConfig, admin_store: S3ObjectStore, board: str) -> None:
    """A board identity reads and lists lake/<board>/ and nothing else; it can write nowhere."""
    me = identity_store(stack, board_identity(board))
    mine = f"{board}/dataset/{uuid.uuid4().hex}.parquet"
    admin_store.put("lake", mine, b"rows")
    other = next(b for b in BOARDS if b != board)
    theirs = f"{other}/dataset/{uuid.uuid4().hex}.parquet"
    admin_store.put("lake", theirs, b"their rows")
    admin_store.put("trusted", f"police/crime_records/{uuid.uuid4().hex}.parquet", b"t")

    assert me.get("lake", mine) == b"rows"
    assert mine in [o.key for o in me.list("lake", f"{board}/")]

    _denied(lambda: me.get("lake", theirs))
    _denied(lambda: list(me.list("lake", f"{other}/")))
    _denied(lambda: list(me.list("lake")))
    _denied(lambda: list(me.list("trusted")))
    _denied(lambda: list(me.list("landing")))
    _denied(lambda: me.get("trusted", "police/crime_records/x.parquet"))
    target = f"{board}/dataset/{uuid.uuid4().hex}.parquet"
    _denied(lambda: me.put("lake", target, b"forged"))
    assert admin_store.head("lake", target) is None
    _denied(lambda: me.delete("lake", mine))
    assert admin_store.get("lake", mine) == b"rows"


def test_hub_identity_administers_the_four_buckets(admin_store: S3ObjectStore) -> None:
    """The processing identity sees exactly the zone buckets, and the landing bucket is versioned+locked."""
    assert sorted(admin_store.list_buckets()) == ["lake", "landing", "quarantine", "trusted"]
    lock = admin_store.client.get_object_lock_configuration(Bucket="landing")["ObjectLockConfiguration"]
    assert lock["Rule"]["DefaultRetention"]["Mode"] == "COMPLIANCE"

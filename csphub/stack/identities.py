"""The one table of S3 identities: the hub, one writer per partner, one reader per board.

Everything about who may touch which prefix is generated from ``PARTNERS`` and ``BOARDS`` here: the
SeaweedFS identities file (``-s3.config``) and the landing bucket policy. Secrets for the local stack
are derived, fixed development values (``<identity>-local-secret``); the hub's own secret always comes
from Settings, and production credentials come from the deployment's secret store, never from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: partner id -> organisation (the landing prefix is ``landing/<partner>/``)
PARTNERS: dict[str, str] = {
    "police": "West Midlands Police",
    "council": "Birmingham City Council",
    "probation": "HM Prison & Probation Service",
    "health": "NHS Birmingham & Solihull",
    "fire": "West Midlands Fire Service",
}

#: board id -> name (the board reads ``lake/<board>/``)
BOARDS: dict[str, str] = {
    "violence_reduction": "Violence Reduction",
    "vawg": "Violence Against Women & Girls",
    "safer_neighbourhoods": "Safer Neighbourhoods",
    "exploitation_soc": "Exploitation & Serious Organised Crime",
    "domestic_abuse": "Domestic Abuse",
}

HUB_BUCKETS: tuple[str, ...] = ("landing", "quarantine", "trusted", "lake")

#: SeaweedFS names principals in bucket policies with this account id.
_ACCOUNT = "000000000000"


@dataclass(frozen=True)
class Identity:
    name: str
    access_key: str
    secret_key: str
    actions: tuple[str, ...]


def partner_identity(partner: str) -> str:
    return f"partner-{partner}"


def board_identity(board: str) -> str:
    """Identity name for a board (``board-violence-reduction``); its prefix keeps the underscore id."""
    return f"board-{board.replace('_', '-')}"


def local_secret(identity: str) -> str:
    """Development secret for an identity of the local stack (never used outside it)."""
    return f"{identity}-local-secret"


def identities(hub_access_key: str, hub_secret_key: str) -> list[Identity]:
    """Every identity of the local stack: hub (admin of the four buckets), partners, boards."""
    out = [
        Identity(
            hub_access_key,
            hub_access_key,
            hub_secret_key,
            tuple(f"{a}:{b}" for b in HUB_BUCKETS for a in ("Admin", "Read", "List", "Write", "Tagging")),
        )
    ]
    for partner in PARTNERS:
        name = partner_identity(partner)
        # Write on the partner's own prefix only: no Read, no List, nothing in any other bucket.
        out.append(Identity(name, name, local_secret(name), (f"Write:landing/{partner}/*",)))
    for board in BOARDS:
        name = board_identity(board)
        out.append(Identity(name, name, local_secret(name), (f"Read:lake/{board}/*", f"List:lake/{board}/*")))
    return out


def s3_config(hub_access_key: str, hub_secret_key: str) -> dict[str, Any]:
    """The SeaweedFS ``-s3.config`` document."""
    return {
        "identities": [
            {
                "name": i.name,
                "credentials": [{"accessKey": i.access_key, "secretKey": i.secret_key}],
                "actions": list(i.actions),
            }
            for i in identities(hub_access_key, hub_secret_key)
        ]
    }


def landing_policy() -> dict[str, Any]:
    """Bucket policy for ``landing``: partners may never delete, or change retention of, what landed.

    SeaweedFS's ``Write`` action includes DeleteObject; this explicit Deny takes it away from the
    partner identities (the hub, which moves rejected objects to quarantine, keeps it). Overwrites
    cannot be denied by policy on SeaweedFS (it has no ``s3:if-none-match`` condition key), so the
    bucket is versioned with Object Lock: an overwrite adds a version and the original stays intact.
    """
    principals = [f"arn:aws:iam::{_ACCOUNT}:user/{partner_identity(p)}" for p in PARTNERS]
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PartnersNeverDeleteOrUnlock",
                "Effect": "Deny",
                "Principal": {"AWS": principals},
                "Action": [
                    "s3:DeleteObject",
                    "s3:DeleteObjectVersion",
                    "s3:PutObjectRetention",
                    "s3:PutObjectLegalHold",
                    "s3:BypassGovernanceRetention",
                    "s3:PutObjectTagging",
                ],
                "Resource": ["arn:aws:s3:::landing/*"],
            }
        ],
    }

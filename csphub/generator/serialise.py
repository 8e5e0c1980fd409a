"""From frame to partner bytes, collecting every raw identifier as written."""

from __future__ import annotations

from csphub.contracts.model import Classification, Generalise
from csphub.generator.base import FeedContext, FeedGenerator, FeedSpec, Frame
from csphub.generator.writers import Overrides, render, write_csv, write_json, write_xlsx


def identifier_fields(spec: FeedSpec) -> list[str]:
    """Fields whose written values are raw identifiers: direct identifiers and full postcodes."""
    out = []
    for name, f in spec.contract.fields.items():
        act = f.pseudonymise
        if f.classification is Classification.DIRECT_IDENTIFIER or (
            isinstance(act, Generalise) and act.to == "postcode_sector"
        ):
            out.append(name)
    return out


def serialise(
    frame: Frame, spec: FeedSpec, overrides: Overrides, gen: FeedGenerator, ctx: FeedContext
) -> tuple[bytes, set[str]]:
    cols = render(frame, spec, overrides)
    identifiers: set[str] = set()
    for name in identifier_fields(spec):
        if name in cols:
            identifiers.update(v for v in cols[name] if v)
    kind = spec.contract.format.type
    if kind == "csv":
        data = write_csv(frame, spec, cols, line_terminator=getattr(gen, "line_terminator", "\n"))
    elif kind == "json":
        header = gen.json_header(ctx) if hasattr(gen, "json_header") else {}
        data = write_json(frame, spec, cols, extra_header=header)
    else:
        data = write_xlsx(frame, spec, overrides)
    return data, identifiers

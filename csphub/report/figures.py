"""The board-report figures as pandas DataFrames, each computed from one of the board's own datasets.

Which figures a board gets is declared in its YAML (``report:``); each figure kind is one builder in
:data:`BUILDERS` (kind → builder), and :func:`check_figure` validates a figure's parameters against the
dataset's columns when the board definitions load. Every table a figure returns has passed disclosure
control (:func:`csphub.boards.disclosure.protect_frame` with the board's policy): withheld values are
null with ``suppressed`` and ``suppression_reason`` set. Figures built from an aggregate dataset use
its already-protected cells and totals as published.

Usage::

    with Hub.open() as hub:
        report = board_figures(hub, "domestic_abuse")
        for fig in report.figures:
            print(fig.title, fig.headline)
            fig.table  # pandas DataFrame
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from csphub.boards.model import Board, FigureDef
from csphub.boards.registry import BoardRegistry
from csphub.hub import Hub
from csphub.report import builders
from csphub.report.builders import Context, Figure
from csphub.report.refdata import HarmTable, References
from csphub.report.source import BoardData

Builder = Callable[[Context, FigureDef], Figure]

#: figure kind → (builder, required params, dataset kinds it reads)
BUILDERS: dict[str, tuple[Builder, tuple[str, ...], tuple[str, ...]]] = {
    "volume": (builders.volume, ("month",), ("row_level", "aggregate")),
    "harm_share": (builders.harm_share, ("by", "harm"), ("row_level",)),
    "repeat": (builders.repeat, ("person",), ("row_level",)),
    "peak_times": (builders.peak_times, ("hour", "weekday"), ("row_level", "aggregate")),
    "hotspots": (builders.hotspots, ("ward",), ("row_level", "aggregate")),
    "profile": (builders.profile, ("age", "gender"), ("row_level",)),
    "ethnicity": (builders.ethnicity, (), ("aggregate",)),
    "breakdown": (builders.breakdown, ("rows",), ("row_level", "aggregate")),
}
_COLUMN_PARAMS = (
    "month",
    "by",
    "harm",
    "person",
    "source",
    "hour",
    "weekday",
    "ward",
    "age",
    "gender",
    "rows",
    "columns",
)


def check_figure(board: Board, fig: FigureDef, columns: list[str]) -> list[str]:
    """Problems with one report figure: unknown kind, missing parameters, columns the dataset lacks."""
    entry = BUILDERS.get(fig.figure)
    if entry is None:
        return [f"unknown figure kind {fig.figure!r} (known: {sorted(BUILDERS)})"]
    _, required, kinds = entry
    ds = board.dataset(fig.dataset)
    problems = [f"needs parameter {p!r}" for p in required if p not in fig.params]
    if ds.kind not in kinds:
        problems.append(f"reads {'/'.join(kinds)} datasets, {fig.dataset} is {ds.kind}")
    usable = set(ds.dimensions) if ds.kind == "aggregate" else set(columns)
    for p in _COLUMN_PARAMS:
        col = fig.params.get(p)
        if col is not None and col not in usable:
            problems.append(
                f"{p}={col!r} is not a {'dimension' if ds.kind == 'aggregate' else 'column'} of {fig.dataset}"
            )
    if fig.figure == "ethnicity" and not {"role", "ethnicity"} <= set(ds.dimensions):
        problems.append("needs an aggregate with dimensions role and ethnicity")
    denominator = fig.params.get("denominator")
    if denominator is not None:
        names = [d.name for d in board.datasets]
        if denominator not in names:
            problems.append(f"denominator {denominator!r} is not a dataset of {board.id}")
    unknown = sorted(set(fig.params) - {*_COLUMN_PARAMS, "top", "denominator"})
    problems += [f"unknown parameter {p!r}" for p in unknown]
    return problems


@dataclass
class Source:
    dataset: str
    kind: str
    snapshot_id: int | None
    rows: int
    contracts: str
    published: bool


@dataclass
class BoardReport:
    board: Board
    figures: list[Figure]
    sources: list[Source]
    harm: HarmTable
    notes: list[str] = field(default_factory=list)

    def figure(self, title: str) -> Figure:
        for f in self.figures:
            if f.title == title:
                return f
        raise KeyError(title)


def board_figures(hub: Hub, board_id: str, *, registry: BoardRegistry | None = None) -> BoardReport:
    """Every figure of the board's report, from the board's current snapshots."""
    registry = registry or BoardRegistry.load(hub.contracts)
    board = registry.get(board_id)
    data = BoardData(hub, board)
    refs = References(hub.contracts.contracts_dir)
    ctx = Context(board=board, data=data, refs=refs, policy=board.disclosure)
    figures = [build(ctx, fig) for fig in board.report]
    sources = []
    for ds in board.datasets:
        info = data.info(ds.name)
        sources.append(
            Source(
                ds.name,
                ds.kind,
                info.snapshot_id if info else None,
                info.rows if info else 0,
                info.summary.get("csphub.contracts", "") if info else "",
                info is not None,
            )
        )
    uses_harm = any("harm_days" in (f.table.columns if f.table is not None else []) for f in figures)
    notes = [refs.harm().label] if uses_harm else []
    return BoardReport(board, figures, sources, refs.harm(), notes)


def build(ctx: Context, fig: FigureDef) -> Figure:
    builder, _, _ = BUILDERS[fig.figure]
    if ctx.data.frame(fig.dataset) is None:
        return Figure(fig.figure, fig.title, fig.dataset, None, [], [f"{fig.dataset} has not been published yet"])
    return builder(ctx, fig)


def figures_as_frames(report: BoardReport) -> dict[str, Any]:
    """Title → DataFrame, for analysts who want the tables only."""
    return {f.title: f.table for f in report.figures if f.table is not None}

"""Figure builders: one function per figure kind, each (context, figure definition) → Figure.

Row-level inputs are counted here and protected with the board's disclosure policy (cells and their
totals); aggregate inputs are used as published (already protected), taking the totals the dataset
publishes for the dimensions a figure does not show. Rates and percentages are only computed from
published values, so a withheld count never leaks through a derived figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from csphub.boards.disclosure import protect_frame
from csphub.boards.model import CONTRIBUTIONS, Board, DatasetDef, Disclosure, FigureDef
from csphub.report.refdata import AGE_BANDS, WEEKDAYS, References
from csphub.report.source import BoardData

UNKNOWN = "Unknown"
COUNT = "count"


@dataclass
class Context:
    board: Board
    data: BoardData
    refs: References
    policy: Disclosure


@dataclass
class Figure:
    kind: str
    title: str
    dataset: str
    table: pd.DataFrame | None
    headline: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)


# -- helpers ---------------------------------------------------------------------------------------
def _frame(ctx: Context, fig: FigureDef) -> tuple[DatasetDef, pd.DataFrame]:
    df = ctx.data.frame(fig.dataset)
    assert df is not None
    return ctx.board.dataset(fig.dataset), df


def _count(ctx: Context, df: pd.DataFrame, dims: list[str], sums: list[str] | None = None) -> pd.DataFrame:
    """Count rows of a row-level frame by ``dims`` (missing values as Unknown) and protect the table."""
    work = df[dims].astype(object).where(df[dims].notna(), UNKNOWN)
    agg: dict[str, Any] = {}
    work[COUNT] = 1
    agg[COUNT] = "sum"
    for s in sums or {}:
        work[s] = df[s]
        work[f"{s}{CONTRIBUTIONS}"] = df[s]
        agg[s] = "sum"
        agg[f"{s}{CONTRIBUTIONS}"] = lambda v: [x for x in v if pd.notna(x)]
    grouped = work.groupby(dims, dropna=False, sort=False).agg(agg).reset_index()
    contributions: dict[str, str | None] = {s: f"{s}{CONTRIBUTIONS}" for s in sums or {}}
    out, _ = protect_frame(grouped, dims, COUNT, ctx.policy, sums=contributions)
    return out


def _published(df: pd.DataFrame, ds: DatasetDef, keep: list[str]) -> pd.DataFrame:
    """From a published aggregate: the cells over ``keep`` (totals over the other dimensions) and their totals."""
    assert ds.count_column is not None
    other = {d for d in ds.dimensions if d not in keep}
    over = df["total_over"].fillna("").map(lambda s: set(filter(None, s.split(","))))
    rows = df[over.map(lambda s: other <= s)].copy()
    rows["total_over"] = over[rows.index].map(
        lambda s: ",".join(d for d in ds.dimensions if d in s and d not in other) or None
    )
    rows["is_total"] = rows["total_over"].notna()
    rows = rows.drop(columns=sorted(other)).rename(columns={ds.count_column: COUNT})
    for d in keep:
        rows.loc[~rows["is_total"], d] = rows.loc[~rows["is_total"], d].fillna(UNKNOWN)
    return rows.reset_index(drop=True)


def _rename(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Rename dimension columns, and their names inside ``total_over``."""
    over = table["total_over"].map(
        lambda v: ",".join(names.get(d, d) for d in v.split(",")) if isinstance(v, str) else None
    )
    return table.rename(columns=names).assign(total_over=over)


def _value(table: pd.DataFrame, col: str = COUNT, **where: Any) -> float | None:
    """The published value of the single row matching ``where`` (None if withheld or absent)."""
    sel = table
    for k, v in where.items():
        sel = sel[sel[k].isna()] if v is None else sel[sel[k] == v]
    if len(sel) != 1 or pd.isna(sel[col].iloc[0]):
        return None
    return float(sel[col].iloc[0])


def _grand(table: pd.DataFrame, col: str = COUNT) -> float | None:
    dims_all = table[table["is_total"]]
    if dims_all.empty:
        return None
    widest = dims_all["total_over"].str.count(",").max()
    g = dims_all[dims_all["total_over"].str.count(",") == widest]
    return None if len(g) != 1 or pd.isna(g[col].iloc[0]) else float(g[col].iloc[0])


def _fmt(v: float | None, pct: bool = False) -> str:
    if v is None:
        return "[c]"
    return f"{v:+.1f}%" if pct else f"{v:,.0f}"


def _pct(num: float | None, den: float | None) -> float | None:
    return None if num is None or not den else 100.0 * num / den


# -- volume and trend ------------------------------------------------------------------------------
def _month_index(m: str) -> int:
    y, mo = m.split("-")
    return int(y) * 12 + int(mo) - 1


def volume(ctx: Context, fig: FigureDef) -> Figure:
    ds, df = _frame(ctx, fig)
    m = fig.params["month"]
    table = _count(ctx, df, [m]) if ds.kind == "row_level" else _published(df, ds, [m])
    cells = table[~table["is_total"] & (table[m] != UNKNOWN)].copy()
    cells = cells.sort_values(m).reset_index(drop=True)
    value = dict(zip(cells[m], cells[COUNT], strict=True))
    mom, yoy = [], []
    for month in cells[m]:
        i = _month_index(month)
        prev = f"{(i - 1) // 12:04d}-{(i - 1) % 12 + 1:02d}"
        year = f"{(i - 12) // 12:04d}-{(i - 12) % 12 + 1:02d}"
        mom.append(_change(value.get(month), value.get(prev)))
        yoy.append(_change(value.get(month), value.get(year)))
    cells["mom_change_pct"] = mom
    cells["yoy_change_pct"] = yoy
    totals = table[table["is_total"] | (table[m] == UNKNOWN)]
    out = pd.concat([cells, totals], ignore_index=True)
    headline: list[tuple[str, str]] = []
    notes: list[str] = []
    if not cells.empty:
        first, last = cells[m].iloc[0], cells[m].iloc[-1]
        span = _month_index(last) - _month_index(first) + 1
        latest = cells.iloc[-1]
        headline += [
            ("latest month", str(last)),
            ("count", _fmt(None if pd.isna(latest[COUNT]) else float(latest[COUNT]))),
            (
                "month-on-month",
                _fmt(latest["mom_change_pct"], pct=True) if latest["mom_change_pct"] is not None else "n/a",
            ),
        ]
        if span >= 13:
            yv = latest["yoy_change_pct"]
            headline.append(
                ("year-on-year", _fmt(yv, pct=True) if yv is not None else "n/a (a value is withheld or absent)")
            )
        else:
            headline.append(("year-on-year", f"n/a — needs 13 months (have {span})"))
        headline.append(("total", _fmt(_grand(table))))
    return Figure(fig.figure, fig.title, fig.dataset, out, headline, notes, dict(fig.params))


def _change(now: Any, before: Any) -> float | None:
    if now is None or before is None or pd.isna(now) or pd.isna(before) or float(before) == 0:
        return None
    return 100.0 * (float(now) - float(before)) / float(before)


# -- harm ------------------------------------------------------------------------------------------
def harm_share(ctx: Context, fig: FigureDef) -> Figure:
    _, df = _frame(ctx, fig)
    by, harm = fig.params["by"], fig.params["harm"]
    table = _count(ctx, df, [by], sums=[harm])
    total_harm, total_n = _grand(table, harm), _grand(table, COUNT)
    table["harm_share_pct"] = [_pct(None if pd.isna(h) else h, total_harm) for h in table[harm]]
    table["count_share_pct"] = [_pct(None if pd.isna(c) else c, total_n) for c in table[COUNT]]
    table = table.rename(columns={harm: "harm_days"})
    cells = table[~table["is_total"]].sort_values("harm_days", ascending=False, na_position="last")
    out = pd.concat([cells, table[table["is_total"]]], ignore_index=True)
    unweighted = int(df[harm].isna().sum())
    headline = [("total harm (days)", _fmt(total_harm)), ("offences", _fmt(total_n))]
    top = cells.dropna(subset=["harm_share_pct"]).head(1)
    if not top.empty:
        headline.append(("highest-harm class", f"{top[by].iloc[0]} ({top['harm_share_pct'].iloc[0]:.1f}% of harm)"))
    notes = [ctx.refs.harm().label]
    if unweighted:
        notes.append(f"{unweighted} offences have no harm weight (code not in the harm table) and count as 0 days")
    return Figure(fig.figure, fig.title, fig.dataset, out, headline, notes, dict(fig.params))


# -- repeat victimisation --------------------------------------------------------------------------
def repeat(ctx: Context, fig: FigureDef) -> Figure:
    _, df = _frame(ctx, fig)
    person, source = fig.params["person"], fig.params.get("source")
    linked = df[df[person].notna()]
    per = linked.groupby(person).size()
    bands = pd.cut(per, [0, 1, 2, np.inf], labels=["1", "2", "3+"]).astype(str)
    dist = _count(ctx, pd.DataFrame({"contacts": bands.to_numpy()}), ["contacts"])
    victims = _value(dist, is_total=True)
    single = _value(dist, contacts="1")
    repeat_n = None if victims is None or single is None else victims - single
    if repeat_n is not None and 0 < repeat_n < ctx.policy.threshold:
        repeat_n = None
    contacts = float(len(linked)) if len(linked) >= ctx.policy.threshold else None
    rate = None if contacts is None or not victims else contacts / victims
    rows = [
        ("people (distinct tokens)", victims),
        ("records linked to a person", contacts),
        ("records per person", rate),
        ("people with 2+ records", repeat_n),
        ("% people repeat", _pct(repeat_n, victims)),
    ]
    for _, r in dist[~dist["is_total"]].iterrows():
        rows.append((f"people with {r['contacts']} record(s)", None if pd.isna(r[COUNT]) else float(r[COUNT])))
    headline = [("records per person", "[c]" if rate is None else f"{rate:.2f}"),
                ("% repeat", "[c]" if repeat_n is None or not victims else f"{100 * repeat_n / victims:.1f}%")]  # fmt: skip
    if source:
        sources = (
            linked.groupby(person)[source]
            .agg(lambda s: " and ".join(sorted(set(s))))
            .map(lambda s: s if " and " in s else f"{s} only")
        )
        split = _count(ctx, pd.DataFrame({"sources": sources.to_numpy()}), ["sources"])
        for _, r in split[~split["is_total"]].iterrows():
            rows.append((f"people seen by {r['sources']}", None if pd.isna(r[COUNT]) else float(r[COUNT])))
        cross = split[~split["is_total"] & split["sources"].str.contains(" and ")]
        n = None if cross.empty or pd.isna(cross[COUNT].iloc[0]) else float(cross[COUNT].iloc[0])
        headline.append(("people seen by more than one partner", _fmt(n)))
    table = pd.DataFrame(rows, columns=["measure", "value"])
    table["suppressed"] = table["value"].isna()
    notes = [
        "Records linked through pseudonymous person tokens (same person, same token in every partner's extract); "
        "records without a person token are not counted."
    ]
    return Figure(fig.figure, fig.title, fig.dataset, table, headline, notes, dict(fig.params))


# -- time ------------------------------------------------------------------------------------------
def peak_times(ctx: Context, fig: FigureDef) -> Figure:
    ds, df = _frame(ctx, fig)
    hour, day = fig.params["hour"], fig.params["weekday"]
    notes = []
    if ds.kind == "row_level":
        known = df[df[hour].notna() & df[day].notna()].copy()
        if len(known) < len(df):
            notes.append(f"{len(df) - len(known)} records without a time are left out")
        known[hour] = known[hour].astype(int)
        table = _count(ctx, known, [day, hour])
    else:
        table = _published(df, ds, [day, hour])
    table = _rename(table, {day: "weekday", hour: "hour"})
    by_hour = table[table["total_over"] == "weekday"].dropna(subset=[COUNT])
    by_day = table[table["total_over"] == "hour"].dropna(subset=[COUNT])
    headline = []
    if not by_hour.empty:
        h = int(by_hour.sort_values(COUNT, ascending=False)["hour"].iloc[0])
        headline.append(("peak hour", f"{h:02d}:00–{h:02d}:59"))
    if not by_day.empty:
        headline.append(("peak day", str(by_day.sort_values(COUNT, ascending=False)["weekday"].iloc[0])))
    table["weekday_order"] = table["weekday"].map({d: i for i, d in enumerate(WEEKDAYS)})
    return Figure(fig.figure, fig.title, fig.dataset, table, headline, notes, dict(fig.params))


# -- place -----------------------------------------------------------------------------------------
def hotspots(ctx: Context, fig: FigureDef) -> Figure:
    ds, df = _frame(ctx, fig)
    ward, top = fig.params["ward"], int(fig.params.get("top", 10))
    if ds.kind == "row_level":
        sums = ["harm_days"] if "harm_days" in df.columns else []
        table = _count(ctx, df, [ward], sums=sums)
    else:
        table = _published(df, ds, [ward])
    table = _rename(table, {ward: "ward_code"})
    wards = ctx.refs.wards()
    table["ward"] = table["ward_code"].map(wards["name"]).fillna(table["ward_code"])
    table.loc[table["is_total"], "ward"] = "Birmingham (all wards)"
    pop = table["ward_code"].map(wards["population"])
    table.loc[table["is_total"], "ward_code"] = None
    pop[table["is_total"]] = float(wards["population"].sum())
    table["per_1000"] = [
        None if pd.isna(c) or pd.isna(p) else 1000.0 * c / p for c, p in zip(table[COUNT], pop, strict=True)
    ]
    key = "harm_days" if "harm_days" in table.columns else COUNT
    cells = table[~table["is_total"]].sort_values([key, COUNT], ascending=False, na_position="last")
    out = pd.concat([cells.head(top), table[table["is_total"]]], ignore_index=True)
    headline = []
    if not cells.dropna(subset=[key]).empty:
        best = cells.dropna(subset=[key]).iloc[0]
        headline.append(
            ("top ward", f"{best['ward']} ({_fmt(best[key])} {'harm days' if key != COUNT else 'records'})")
        )
    notes = [
        f"ranked by {'crime harm' if key != COUNT else 'count'}; rates per 1,000 use the indicative ward populations"
    ]
    return Figure(fig.figure, fig.title, fig.dataset, out, headline, notes, dict(fig.params))


# -- people ----------------------------------------------------------------------------------------
def profile(ctx: Context, fig: FigureDef) -> Figure:
    _, df = _frame(ctx, fig)
    age, gender, person = fig.params["age"], fig.params["gender"], fig.params.get("person")
    rows = df[df[person].notna()] if person else df
    table = _rename(_count(ctx, rows, [age, gender]), {age: "age_band", gender: "gender"})
    table["age_order"] = table["age_band"].map({b: i for i, b in enumerate([*AGE_BANDS, UNKNOWN])})
    table = table.sort_values(["is_total", "age_order", "gender"], na_position="last").reset_index(drop=True)
    by_age = table[table["total_over"] == "gender"].dropna(subset=[COUNT])
    by_gender = table[table["total_over"] == "age_band"].dropna(subset=[COUNT])
    total = _grand(table)
    headline = []
    known = by_age[by_age["age_band"] != UNKNOWN]
    if not known.empty:
        headline.append(("largest age band", str(known.sort_values(COUNT, ascending=False)["age_band"].iloc[0])))
    for _, r in by_gender[by_gender["gender"].isin(["FEMALE", "MALE"])].iterrows():
        share = _pct(float(r[COUNT]), total)
        headline.append((f"% {str(r['gender']).lower()}", "[c]" if share is None else f"{share:.0f}%"))
    notes = ["counts are records (a person involved in two offences counts twice)"] if person else []
    return Figure(fig.figure, fig.title, fig.dataset, table, headline, notes, dict(fig.params))


def ethnicity(ctx: Context, fig: FigureDef) -> Figure:
    ds, df = _frame(ctx, fig)
    table = _published(df, ds, ["role", "ethnicity"])
    ref = ctx.refs.ethnicity()
    parts, headline, notes = [], [], []
    for role in [r for r in table["role"].dropna().unique() if r != UNKNOWN]:
        cells = table[(table["role"] == role) & ~table["is_total"]].copy()
        total = _value(table, role=role, total_over="ethnicity")
        ns = _value(cells, ethnicity="NS")
        stated = cells[cells["ethnicity"] != "NS"]
        if total is not None and (ns is not None or "NS" not in set(cells["ethnicity"])):
            denominator = total - (ns or 0.0)
        else:
            denominator = float(stated[COUNT].sum(skipna=True))
            notes.append(f"{role}: a withheld value makes the stated total approximate (sum of published cells)")
        stated = stated.assign(
            description=stated["ethnicity"].map(ref["description"]),
            share_pct=[_pct(None if pd.isna(c) else float(c), denominator) for c in stated[COUNT]],
            population_pct=stated["ethnicity"].map(ref["birmingham_share_pct"]),
        )
        stated["representation_ratio"] = [
            None if s is None or pd.isna(p) or not p else s / p
            for s, p in zip(stated["share_pct"], stated["population_pct"], strict=True)
        ]
        parts.append(stated.sort_values("ethnicity"))
        recorded = _pct(None if total is None or ns is None else total - ns, total)
        headline.append((f"{role} with ethnicity recorded", "[c]" if recorded is None else f"{recorded:.0f}%"))
        over = stated.dropna(subset=["representation_ratio"]).sort_values("representation_ratio", ascending=False)
        if not over.empty:
            r = over.iloc[0]
            headline.append(
                (
                    f"most over-represented ({role})",
                    f"{r['description']} ({r['share_pct']:.1f}% vs {r['population_pct']:.1f}% of population)",
                )
            )
    out = pd.concat(parts, ignore_index=True) if parts else table.iloc[0:0]
    notes.append(
        "population shares: Census 2021 TS021 (Birmingham, all ages, indicative) from contracts/reference/ethnicity_18plus1.csv; shares exclude 'not stated'"
    )
    return Figure(fig.figure, fig.title, fig.dataset, out, headline, notes, dict(fig.params))


def breakdown(ctx: Context, fig: FigureDef) -> Figure:
    ds, df = _frame(ctx, fig)
    dims = [fig.params["rows"], *([fig.params["columns"]] if fig.params.get("columns") else [])]
    table = _count(ctx, df, dims) if ds.kind == "row_level" else _published(df, ds, dims)
    notes: list[str] = []
    denominator = fig.params.get("denominator")
    if denominator:
        dds = ctx.board.dataset(denominator)
        dframe = ctx.data.frame(denominator)
        if dframe is not None and dds.count_column:
            den = _published(dframe, dds, [fig.params["rows"]])
            den = den[~den["is_total"]].set_index(fig.params["rows"])[COUNT]
            table["denominator"] = table[fig.params["rows"]].map(den)
            table["pct"] = [
                None if pd.isna(c) or pd.isna(d) or not d else 100.0 * c / d
                for c, d in zip(table[COUNT], table["denominator"], strict=True)
            ]
            notes.append(f"% of {dds.title.lower()} ({denominator})")
    cells = table[~table["is_total"]]
    headline = []
    if not cells.dropna(subset=[COUNT]).empty:
        r = cells.dropna(subset=[COUNT]).sort_values(COUNT, ascending=False).iloc[0]
        headline.append(("largest", " / ".join(str(r[d]) for d in dims) + f" ({_fmt(float(r[COUNT]))})"))
    return Figure(fig.figure, fig.title, fig.dataset, table, headline, notes, dict(fig.params))

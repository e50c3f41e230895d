"""The timeline chart: one lane per actor or event type, a bar over the days an uncertain time
allows ("2017", "August", "since 2014") and a diamond on the day of a one-day event, the sentence
on hover."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Literal

import plotly.graph_objects as go

from kg.display._hover import entry_hover
from kg.errors import KGError
from kg.timeline import Timeline, TimelineEntry

GroupBy = Literal["actor", "type"]
GROUPS: tuple[GroupBy, ...] = ("actor", "type")
NO_ACTOR = "(no actor named)"
OTHER = "(other)"
_ROW = 18  # pixels per row of marks
_DEPTH = 6  # rows a lane takes at most; then marks share rows
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f", "#bcbd22")


def lane_of(entry: TimelineEntry, group_by: GroupBy) -> str:
    """Return the lane an entry is drawn in: its type, or the first of its agents, else of its
    targets (`NO_ACTOR` when it names none).

    Examples:
        >>> from kg.timeline import ArticleRef, Ref
        >>> entry = TimelineEntry(iri="x", id="e", type="conflict.assault", trigger="hit",
        ...     trigger_start=0, trigger_end=3, article=ArticleRef(iri="a", id="a1"),
        ...     targets=(Ref(iri="t", id="actor/t", name="Zenda"),))
        >>> lane_of(entry, "actor"), lane_of(entry, "type")
        ('Zenda', 'conflict.assault')
    """
    if group_by == "type":
        return entry.type
    actors = entry.agents or entry.targets
    return actors[0].name if actors else NO_ACTOR


def family_of(entry: TimelineEntry) -> str:
    """Return the family of an entry's type, which gives its colour: "conflict" for
    "conflict.assault"."""
    return entry.type.split(".", 1)[0]


def timeline_chart(entries: Timeline | Iterable[TimelineEntry], *, group_by: GroupBy = "actor",
                   title: str | None = None, max_groups: int = 20, start: date | None = None,
                   end: date | None = None) -> go.Figure:
    """Return an interactive timeline: a lane per actor (or event type), one mark per dated entry.

    An entry known to the day is a diamond; one whose time spans several days (a year, a month,
    a week, "since 2014" up to publication) is a bar over all the days it may have happened on.
    Colours are type families ("conflict", "communication"); a hollow diamond is an event the
    text does not assert (reported, possible, negated). Hovering shows the date as written, the
    headline, the sentence with its trigger in bold, place, source, factuality, where the date
    came from, and the article. Lanes beyond `max_groups` (fewest entries first) share one lane;
    `start` and `end` set the first view (zoom and pan show the rest). Undated entries cannot be
    drawn and are counted in the title.

    Raises:
        KGError: If `group_by` is neither "actor" nor "type".
    """
    if group_by not in GROUPS:
        raise KGError(f"cannot group a timeline chart by {group_by!r}; use one of {list(GROUPS)}")
    items = list(entries.all) if isinstance(entries, Timeline) else list(entries)
    dated = [e for e in items if e.dated]
    lanes = _lanes(dated, group_by, max_groups)
    rows, ticks, rules = _rows(dated, lanes)
    bottom = max(rows.values(), default=0)
    moments = _moments(dated, rows)
    families = sorted({family_of(e) for e in dated})
    colours = {name: _PALETTE[i % len(_PALETTE)] for i, name in enumerate(families)}
    figure = go.Figure()
    for family in families:
        mine = [e for e in dated if family_of(e) == family]
        # asserted first: the legend shows the first mark's symbol
        days = sorted((e for e in mine if _span(e) == 0), key=lambda e: not _asserted(e))
        ranges = [e for e in mine if _span(e) > 0]
        colour = colours[family]
        if ranges:
            figure.add_trace(go.Bar(
                base=[_first(e).isoformat() for e in ranges],
                x=[(_span(e) + 1) * 86_400_000 for e in ranges], y=[rows[e.id] for e in ranges],
                orientation="h", width=0.6, name=family, legendgroup=family,
                showlegend=not days, marker={"color": colour, "opacity": 0.35,
                                             "line": {"color": colour, "width": 1.5}},
                hovertext=[entry_hover(e) for e in ranges], hoverinfo="text"))
        if days:
            figure.add_trace(go.Scatter(
                x=[moments[e.id] for e in days], y=[rows[e.id] for e in days],
                mode="markers", name=family, legendgroup=family,
                marker={"color": colour, "size": 11, "line": {"color": colour, "width": 1.5},
                        "symbol": ["diamond" if _asserted(e) else "diamond-open" for e in days]},
                hovertext=[entry_hover(e) for e in days], hoverinfo="text"))
    left_out = len(items) - len(dated)
    heading = title or (entries.title if isinstance(entries, Timeline) else "Timeline")
    note = f"{len(dated)} dated entries by {group_by}" + (
        f"; {left_out} undated not drawn" if left_out else "")
    x_axis: dict[str, object] = {"type": "date", "showgrid": True, "gridcolor": "#eee",
                                 "zeroline": False, "side": "top", "mirror": "allticks",
                                 "ticks": "outside", "showline": True, "linecolor": "#ccc"}
    if start is not None or end is not None:
        first = min((_first(e) for e in dated), default=date.today())
        last = max((_last(e) for e in dated), default=date.today())
        x_axis["range"] = [(start or first).isoformat(),
                           (end or last + timedelta(days=1)).isoformat()]
    elif (view := _dense(dated)) is not None:
        first, last = view
        pad = timedelta(days=max(1, (last - first).days // 20))
        x_axis["range"] = [(first - pad).isoformat(), (last + pad + timedelta(days=1)).isoformat()]
        outside = sum(1 for e in dated if _last(e) < first or _first(e) > last)
        note += (f"; shown {first.isoformat()} – {last.isoformat()}, {outside} far from the rest"
                 " outside (autoscale shows all)")
    figure.update_layout(
        title={"text": f"{html.escape(heading)}<br><sup>{note}; ◆ one day, bar: the days it may "
                       "fall on, hollow ◇: not asserted</sup>"},
        barmode="overlay", hovermode="closest", plot_bgcolor="white",
        height=max(300, _ROW * (bottom + 2) + 170),
        xaxis=x_axis,
        yaxis={"tickvals": [tick for tick, _ in ticks], "ticktext": [label for _, label in ticks],
               "range": [bottom + 0.8, -0.8], "showgrid": False, "zeroline": False},
        legend={"title": {"text": "event type"}},
        hoverlabel={"align": "left", "bgcolor": "white"},
        margin={"l": 10, "r": 10, "t": 110, "b": 40})
    for rule in rules:  # on the blank row between two lanes
        figure.add_hline(y=rule, line={"color": "#ddd", "width": 1})
    return figure


def _dense(entries: list[TimelineEntry]) -> tuple[date, date] | None:
    """Return the days where the marks are, when a few far from the rest (a "1963" in stories
    of 2016) would squeeze them into a sliver: from the first days' 2nd percentile to the last
    days' 98th; None when the marks fill their span anyway.

    Examples:
        >>> from kg.timeline import ArticleRef, When
        >>> def entry(key, day):
        ...     when = When(value=day.isoformat(), display=day.isoformat(), earliest=day)
        ...     return TimelineEntry(iri=key, id=key, type="t", trigger="x", trigger_start=0,
        ...         trigger_end=1, article=ArticleRef(iri="a", id="a1"), when=when)
        >>> spread = [entry(str(n), date(2016, 1, 1) + timedelta(days=n)) for n in range(60)]
        >>> _dense(spread) is None, _dense([entry("old", date(1963, 6, 1)), *spread])
        (True, (datetime.date(2016, 1, 1), datetime.date(2016, 2, 28)))
    """
    if len(entries) < 10:
        return None
    firsts = sorted(_first(e) for e in entries)
    lasts = sorted(_last(e) for e in entries)
    low = firsts[len(firsts) // 50]
    high = lasts[-1 - len(lasts) // 50]
    if (lasts[-1] - firsts[0]).days <= 3 * (high - low).days + 30:
        return None
    return low, high


def _first(entry: TimelineEntry) -> date:
    assert entry.when is not None and entry.when.earliest is not None
    return entry.when.earliest


def _last(entry: TimelineEntry) -> date:
    assert entry.when is not None
    return entry.when.latest or _first(entry)


def _span(entry: TimelineEntry) -> int:
    return (_last(entry) - _first(entry)).days


def _moments(entries: list[TimelineEntry], rows: dict[str, float]) -> dict[str, str]:
    """Return where on its day each one-day mark goes: marks that share a row and a day are
    spread across the day (from 2 to 22 o'clock), so zooming in shows and hovers each of them.

    Examples:
        >>> from kg.timeline import ArticleRef, When
        >>> day = When(value="2019-08-19", display="2019-08-19", earliest=date(2019, 8, 19))
        >>> entries = [TimelineEntry(iri=k, id=k, type="t", trigger="x", trigger_start=0,
        ...     trigger_end=1, article=ArticleRef(iri="a", id="a1"), when=day) for k in "ab"]
        >>> _moments(entries, {"a": 0, "b": 0})
        {'a': '2019-08-19T07:00:00', 'b': '2019-08-19T17:00:00'}
    """
    together: dict[tuple[float, date], list[str]] = {}
    for entry in entries:
        if _span(entry) == 0:
            together.setdefault((rows[entry.id], _first(entry)), []).append(entry.id)
    moments: dict[str, str] = {}
    for (_, day), keys in together.items():
        for index, key in enumerate(keys):
            hours = 2 + 20 * (index + 0.5) / len(keys)
            moments[key] = (datetime.combine(day, time()) + timedelta(hours=hours)).isoformat()
    return moments


def _asserted(entry: TimelineEntry) -> bool:
    return entry.factuality == "asserted" and not entry.negated


def _lanes(entries: list[TimelineEntry], group_by: GroupBy, max_groups: int) -> dict[str, str]:
    """Map each entry id to its lane; the lanes with the fewest entries share `OTHER`."""
    names = {e.id: lane_of(e, group_by) for e in entries}
    counts = Counter(names.values())
    ranked = sorted((name for name in counts if name != NO_ACTOR),
                    key=lambda name: (-counts[name], name.lower()))
    kept = set(ranked if len(ranked) <= max_groups else ranked[:max_groups - 1]) | {NO_ACTOR}
    return {key: name if name in kept else OTHER for key, name in names.items()}


def _rows(entries: list[TimelineEntry], lanes: dict[str, str]
          ) -> tuple[dict[str, float], list[tuple[float, str]], list[int]]:
    """Return a y position for each entry, the (position, label) of each lane and the blank
    rows between lanes.

    Marks in one lane that overlap in time go on separate rows of the lane (at most `_DEPTH`),
    so a one-day event is not hidden under a long bar and a busy day's diamonds stand apart;
    once every row is taken, one-day marks of the same day share a row (`_moments` spreads them
    across the day) and only then overlap.

    Examples:
        >>> from kg.timeline import ArticleRef, When
        >>> day = When(value="2019-08-19", display="2019-08-19", earliest=date(2019, 8, 19))
        >>> entries = [TimelineEntry(iri=k, id=k, type="t", trigger="x", trigger_start=0,
        ...     trigger_end=1, article=ArticleRef(iri="a", id="a1"), when=day)
        ...     for k in "abcdefgh"]
        >>> rows, ticks, _ = _rows(entries, {e.id: "t" for e in entries})
        >>> sorted(Counter(rows.values()).items()), ticks
        ([(0, 2), (1, 2), (2, 1), (3, 1), (4, 1), (5, 1)], [(2.5, 't (8)')])
    """
    counts = Counter(lanes.values())
    order = sorted(counts, key=lambda name: (name == NO_ACTOR, name == OTHER, -counts[name],
                                             name.lower()))
    rows: dict[str, float] = {}
    ticks: list[tuple[float, str]] = []
    rules: list[int] = []
    top = 0
    for lane in order:
        if top:
            rules.append(top - 1)
        ends: list[date] = []  # the last day taken on each row of the lane
        marks: list[int] = []  # how many one-day marks each row has on that last day
        for entry in sorted((e for e in entries if lanes[e.id] == lane),
                            key=lambda e: (-_span(e), _first(e), e.id)):
            row = _row_for(entry, ends, marks)
            ends[row], marks[row] = (_last(entry), marks[row] + 1) if ends[row] == _last(
                entry) and _span(entry) == 0 else (max(ends[row], _last(entry)),
                                                   int(_span(entry) == 0))
            rows[entry.id] = top + row
        depth = max(len(ends), 1)
        label = lane if len(lane) <= 30 else lane[:29] + "…"
        ticks.append((top + (depth - 1) / 2, f"{label} ({counts[lane]})"))
        top += depth + 1  # a blank row between lanes
    return rows, ticks, rules


def _row_for(entry: TimelineEntry, ends: list[date], marks: list[int]) -> int:
    """Return the row of a lane an entry goes on, adding a row while there are fewer than
    `_DEPTH`: a row free before its first day, else a new row, else (a one-day mark) the row
    with the fewest marks on its day, else the row that frees first."""
    first = _first(entry)
    free = next((i for i, last in enumerate(ends) if last < first), None)
    if free is not None:
        return free
    if len(ends) < _DEPTH:
        ends.append(first - timedelta(days=1))
        marks.append(0)
        return len(ends) - 1
    same_day = [i for i, last in enumerate(ends) if last == first and marks[i]]
    if _span(entry) == 0 and same_day:
        return min(same_day, key=lambda i: (marks[i], i))
    return min(range(len(ends)), key=lambda i: (ends[i], i))

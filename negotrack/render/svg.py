"""The timeline as an SVG picture: one lane per actor, time across, honest precision.

Drawn here rather than by a charting library: the picture is small, must be
byte-for-byte the same for the same KB, and must never fetch anything.

- A position dated to the day is a marker at that day; one dated to a month or
  a year is drawn as a span over the whole period, marker in the middle, so a
  reader never sees a point where the KB only knows a month.
- The stance is encoded twice, by shape and by colour (the Okabe–Ito palette,
  safe for colour-blind readers): support ▲, oppose ▼, conditional ◆,
  ambiguous ●. Claims and unofficial statements are drawn hollow.
- A shift is an arrow from the previous position to the one that moved.
- An event is a labelled vertical rule across every lane.
- Every marker carries ``data-position`` and a ``<title>`` (summary and
  citation); every rule carries ``data-event``. All KB text is XML-escaped.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from negotrack.analysis.timeline import Entry, TimelineView
from negotrack.analysis.zone import ZoneView
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Position
from negotrack.render import describe

#: Stance → (symbol, colour, SVG shape name); colours from the Okabe–Ito palette.
STANCE_STYLE: dict[str, tuple[str, str, str]] = {
    "support": ("▲", "#0072B2", "up"),
    "oppose": ("▼", "#D55E00", "down"),
    "conditional": ("◆", "#E69F00", "diamond"),
    "ambiguous": ("●", "#777777", "circle"),
    "mixed": ("◐", "#CC79A7", "circle"),
}

LEFT = 150  # room for lane names
RIGHT = 24
TOP = 92  # room for event labels
LANE = 64
ROW = 14
PLOT_WIDTH = 900
MARK = 5.5


@dataclass(frozen=True)
class _Placed:
    position: Position
    x0: float
    x1: float
    x: float
    y: float


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _day_number(day: _dt.date) -> int:
    return day.toordinal()


def timeline_svg(
    view: TimelineView,
    *,
    link: Callable[[Position], str] | None = None,
    title: str = "Timeline of positions",
    hollow: Callable[[Position], bool] | None = None,
) -> str:
    """The SVG document for ``view``. ``link`` gives a marker's target (none: no links);
    ``hollow`` marks positions that do not count towards a stance (drawn unfilled)."""
    kb = view.kb
    positions = [e for e in view.entries if e.kind == "position" and e.position is not None]
    events = [e for e in view.entries if e.kind == "event" and e.event is not None]
    lanes = _lanes(kb, positions)
    scale = _Scale(view, positions + events)
    x_of = scale.x

    placed, heights = _place(positions, lanes, x_of)
    lane_top: dict[str, float] = {}
    y = float(TOP)
    for actor in lanes:
        lane_top[actor] = y
        y += max(LANE, heights.get(actor, 1) * ROW + 28)
    height = y + 76 + 15 * len(events)
    width = LEFT + PLOT_WIDTH + RIGHT
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="{_num(width)}" height="{_num(height)}" role="img" '
        f'aria-labelledby="timeline-title timeline-desc" class="timeline" '
        f'font-family="sans-serif" font-size="11">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">{escape(_description(kb, positions, events, lanes))}</desc>',
        "<defs>"
        '<marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" '
        'fill="#333333"/></marker></defs>',
    ]
    out.extend(_axis(scale, float(TOP) - 8, y))
    for actor in lanes:
        top = lane_top[actor]
        lane_height = max(LANE, heights.get(actor, 1) * ROW + 28)
        out.append(
            f'<g class="lane" data-actor="{escape(actor)}">'
            f'<rect x="0" y="{_num(top)}" width="{_num(width)}" height="{_num(lane_height)}" '
            f'fill="{"#f6f6f6" if lanes.index(actor) % 2 == 0 else "#ffffff"}"/>'
            f'<text x="8" y="{_num(top + 18)}" font-weight="bold">'
            f"{escape(describe.actor_label(kb, actor))}</text></g>"
        )
    by_id: dict[str, _Placed] = {}
    for item in placed:
        by_id[item.position.id] = _Placed(
            item.position, item.x0, item.x1, item.x, item.y + lane_top[item.position.actor]
        )
    for entry in positions:
        if entry.previous is None or entry.shift is None or entry.position is None:
            continue
        a, b = by_id.get(entry.previous.id), by_id.get(entry.position.id)
        if a is None or b is None:
            continue
        out.append(
            f'<line class="shift" data-shift="{escape(entry.shift)}" '
            f'x1="{_num(a.x)}" y1="{_num(a.y)}" x2="{_num(b.x)}" y2="{_num(b.y)}" '
            f'stroke="#333333" stroke-width="{1.6 if entry.shift == "full" else 1}" '
            f'stroke-dasharray="{"none" if entry.shift == "full" else "3 2"}" '
            f'marker-end="url(#arrow)"/>'
        )
    for item in by_id.values():
        out.append(_marker(kb, item, link, hollow))
    for index, entry in enumerate(events):
        out.append(_event_rule(entry, x_of, index, float(TOP), y))
    out.extend(_legend(y + 18))
    out.extend(_event_key(events, y + 70))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _lanes(kb: KnowledgeBase, positions: list[Entry]) -> list[str]:
    present = {e.position.actor for e in positions if e.position is not None}
    ordered = [a.id for a in kb.actors if a.id in present]
    return ordered + sorted(present - set(ordered))


#: The width weight of a month with nothing in it, against one per statement or event.
QUIET_MONTH = 0.35


class _Scale:
    """Days to x, month by month: a month's width grows with what happened in it, so a
    crowded week of talks is legible beside a statement known only to its year. Within
    a month time is linear; the axis labels the months, so the stretching is visible."""

    def __init__(self, view: TimelineView, entries: list[Entry]) -> None:
        days = [d for e in entries for d in (e.date.first_day(), e.date.last_day())]
        if view.since is not None:
            days.append(view.since.first_day())
        if view.until is not None:
            days.append(view.until.last_day())
        if not days:
            days = [_dt.date(2000, 1, 1)]
        first, last = min(days), max(days)
        self.months: list[tuple[int, int]] = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            self.months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        weight = dict.fromkeys(self.months, QUIET_MONTH)
        for entry in entries:
            if entry.date.precision != "year":
                key = (entry.date.year, entry.date.month or 1)
                weight[key] = weight.get(key, QUIET_MONTH) + 1
        self.counts = weight
        total = sum(weight.values())
        self.start: dict[tuple[int, int], float] = {}
        self.width: dict[tuple[int, int], float] = {}
        x = float(LEFT)
        for key in self.months:
            self.start[key] = x
            self.width[key] = weight[key] / total * PLOT_WIDTH
            x += self.width[key]

    def x(self, day: int) -> float:
        date = _dt.date.fromordinal(day)
        key = (date.year, date.month)
        if key not in self.start:
            return float(LEFT) if key < self.months[0] else float(LEFT + PLOT_WIDTH)
        length = calendar.monthrange(date.year, date.month)[1]
        return self.start[key] + (date.day - 1) / length * self.width[key]


def _place(
    positions: list[Entry], lanes: list[str], x_of: Callable[[int], float]
) -> tuple[list[_Placed], dict[str, int]]:
    """Rows within each lane so that no two markers or spans overlap."""
    rows: dict[str, list[float]] = {actor: [] for actor in lanes}
    placed = []
    for entry in positions:
        p = entry.position
        assert p is not None
        first = _day_number(p.when.first_day())
        last = _day_number(p.when.last_day()) + 1
        x0, x1 = x_of(first), x_of(last)
        if p.when.precision == "day":
            x0 = x1 = (x0 + x1) / 2
        x = (x0 + x1) / 2
        ends = rows[p.actor]
        left = min(x0, x - MARK) - 2
        row = next((i for i, end in enumerate(ends) if end < left), None)
        if row is None:
            row = len(ends)
            ends.append(0.0)
        ends[row] = max(x1, x + MARK)
        placed.append(_Placed(p, x0, x1, x, 30 + row * ROW))
    return placed, {actor: len(ends) for actor, ends in rows.items()}


def _path(points: list[tuple[float, float]]) -> str:
    return (
        " ".join(f"{'M' if i == 0 else 'L'}{_num(x)},{_num(y)}" for i, (x, y) in enumerate(points))
        + " Z"
    )


def _shape(kind: str, x: float, y: float, r: float) -> str:
    if kind == "up":
        return _path([(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)])
    if kind == "down":
        return _path([(x, y + r), (x + r, y - r * 0.8), (x - r, y - r * 0.8)])
    if kind == "diamond":
        return _path([(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    return (
        f"M{_num(x - r)},{_num(y)} A{_num(r)},{_num(r)} 0 1,0 {_num(x + r)},{_num(y)} "
        f"A{_num(r)},{_num(r)} 0 1,0 {_num(x - r)},{_num(y)} Z"
    )


def tooltip(kb: KnowledgeBase, p: Position) -> str:
    """A marker's tooltip: date, stance, summary, who, and the source cited."""
    source = kb.source(p.source)
    cited = (
        f"{source.publisher}, “{source.title}” ({source.published})"
        if source is not None
        else p.source
    )
    parts = [
        f"{describe.dated_label(p)} · {describe.issue_label(kb, p.issue)} · {p.stance}",
        p.summary,
        describe.meta_label(kb, p),
        f"Source: {cited}",
    ]
    return "\n".join(part for part in parts if part)


def _marker(
    kb: KnowledgeBase,
    item: _Placed,
    link: Callable[[Position], str] | None,
    hollow: Callable[[Position], bool] | None,
) -> str:
    p = item.position
    _symbol, colour, kind = STANCE_STYLE.get(p.stance, STANCE_STYLE["ambiguous"])
    empty = hollow(p) if hollow is not None else False
    fill = "#ffffff" if empty else colour
    parts = [
        f'<g class="marker" data-position="{escape(p.id)}" data-stance="{escape(p.stance)}">',
        f"<title>{escape(tooltip(kb, p))}</title>",
    ]
    if item.x1 > item.x0:
        parts.append(
            f'<rect class="span" x="{_num(item.x0)}" y="{_num(item.y - 4)}" '
            f'width="{_num(item.x1 - item.x0)}" height="8" rx="3" fill="{colour}" '
            f'fill-opacity="0.18" stroke="{colour}" stroke-width="1"/>'
        )
    parts.append(
        f'<path d="{_shape(kind, item.x, item.y, MARK)}" fill="{fill}" stroke="{colour}" '
        f'stroke-width="1.5"/>'
    )
    parts.append("</g>")
    body = "".join(parts)
    if link is None:
        return body
    return f'<a href="{escape(link(p))}">{body}</a>'


def _event_rule(
    entry: Entry, x_of: Callable[[int], float], index: int, top: float, bottom: float
) -> str:
    event = entry.event
    assert event is not None
    first = _day_number(event.date.first_day())
    last = _day_number(event.date.last_day()) + 1
    x = (x_of(first) + x_of(last)) / 2
    label = str(index + 1)
    label_y = top - 12 - (index % 4) * 17
    return (
        f'<g class="event" data-event="{escape(event.id)}">'
        f"<title>{escape(f'{event.date} · {event.title}')}</title>"
        f'<line x1="{_num(x)}" y1="{_num(label_y + 3)}" x2="{_num(x)}" y2="{_num(bottom)}" '
        f'stroke="#555555" stroke-width="1" stroke-dasharray="2 3"/>'
        f'<text x="{_num(x + 3)}" y="{_num(label_y)}" fill="#333333">{escape(label)}</text></g>'
    )


def _axis(scale: _Scale, y: float, bottom: float) -> list[str]:
    out = ['<g class="axis" font-size="10" fill="#333333">']
    for year, month in scale.months:
        x = scale.start[(year, month)]
        out.append(
            f'<line x1="{_num(x)}" y1="{_num(y + 4)}" x2="{_num(x)}" y2="{_num(bottom)}" '
            f'stroke="#e4e4e4" stroke-width="1"/>'
        )
    # Label the busiest months first, then Januaries, never two labels closer than 50px.
    ranked = sorted(scale.months, key=lambda key: (-scale.counts[key], key[1] != 1, key))
    placed: list[float] = []
    for key in ranked:
        x = scale.start[key]
        if scale.counts[key] <= QUIET_MONTH and key[1] != 1:
            continue
        if all(abs(x - other) >= 50 for other in placed):
            placed.append(x)
    for key in scale.months:
        x = scale.start[key]
        if x in placed:
            out.append(
                f'<text x="{_num(x + 2)}" y="{_num(bottom + 12)}">{key[0]}-{key[1]:02d}</text>'
            )
    out.append("</g>")
    return out


def _event_key(events: list[Entry], y: float) -> list[str]:
    out = [f'<g class="event-key" transform="translate({LEFT},{_num(y)})">']
    for index, entry in enumerate(events):
        assert entry.event is not None
        out.append(
            f'<text x="0" y="{index * 15}">{index + 1}  {entry.event.date} · '
            f"{escape(entry.event.title)}</text>"
        )
    out.append("</g>")
    return out


def _legend(y: float) -> list[str]:
    out = [f'<g class="legend" transform="translate({LEFT},{_num(y + 12)})">']
    x = 0.0
    for stance in ("support", "oppose", "conditional", "ambiguous"):
        symbol, colour, kind = STANCE_STYLE[stance]
        out.append(
            f'<path d="{_shape(kind, x + 6, 0, MARK)}" fill="{colour}" stroke="{colour}"/>'
            f'<text x="{_num(x + 15)}" y="4">{symbol} {stance}</text>'
        )
        x += 110
    out.append(
        f'<path d="{_shape("circle", x + 6, 0, MARK)}" fill="#ffffff" stroke="#777777"/>'
        f'<text x="{_num(x + 15)}" y="4">hollow: does not count (claim, unofficial)</text>'
    )
    out.append(
        '<text x="0" y="22">A bar is a statement known only to the month or year; '
        "an arrow is a shift; a dashed rule is an event. Months with more statements "
        "are drawn wider.</text>"
    )
    out.append("</g>")
    return out


def _description(
    kb: KnowledgeBase, positions: list[Entry], events: list[Entry], lanes: list[str]
) -> str:
    names = ", ".join(describe.actor_label(kb, a) for a in lanes) or "no actor"
    return (
        f"{describe.count_label(len(positions), 'position')} and "
        f"{describe.count_label(len(events), 'event')} over time, one lane per actor: {names}."
    )


def zone_svg(view: ZoneView) -> str:
    """An issue's scale as a row of options, one bar per actor over its acceptable
    range (◆ its ideal), the zone of possible agreement shaded and labelled.
    Readable without colour: every bar carries the actor's name and its marks."""
    options = view.issue.scale
    column = 118.0
    left = 170.0
    top = 72.0
    row = 30.0
    width = left + column * len(options) + 16
    height = top + row * max(1, len(view.actors)) + 56
    zone = set(view.agreement.zone)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="{_num(width)}" height="{_num(height)}" role="img" class="zone" '
        f'aria-labelledby="zone-title-{escape(view.issue.id)}" font-family="sans-serif" '
        f'font-size="11">',
        f'<title id="zone-title-{escape(view.issue.id)}">{escape(_zone_summary(view))}</title>',
    ]
    for place, option in enumerate(options):
        x = left + place * column
        shaded = place in zone
        out.append(
            f'<g class="option{" zone" if shaded else ""}" data-option="{escape(option.id)}">'
            f"<title>{escape(option.label)}"
            f"{escape(': ' + option.description) if option.description else ''}</title>"
            f'<rect x="{_num(x)}" y="{_num(top - 8)}" width="{_num(column - 2)}" '
            f'height="{_num(row * max(1, len(view.actors)) + 8)}" '
            f'fill="{"#d9efe1" if shaded else "#f4f4f4"}" '
            f'stroke="{"#2e7d4f" if shaded else "none"}" stroke-dasharray="4 2"/>'
            f'<text x="{_num(x + 4)}" y="{_num(top - 40)}">'
            + "".join(
                f'<tspan x="{_num(x + 4)}" dy="{0 if i == 0 else 13}">{escape(line)}</tspan>'
                for i, line in enumerate(_wrap(f"{place + 1}. {option.label}", 19, 2))
            )
            + "</text></g>"
        )
    if zone:
        first = left + min(zone) * column
        out.append(
            f'<text x="{_num(first + 4)}" y="{_num(top - 14)}" fill="#1f5c38" '
            f'font-weight="bold">zone of possible agreement</text>'
        )
    for index, entry in enumerate(view.actors):
        y = top + index * row + row / 2
        name = entry.actor.name
        marks = []
        bar = entry.range
        if bar is not None and bar.red_line:
            marks.append("‼")
        if bar is not None and bar.basis == "assessment":
            marks.append("(assessed)")
        label = " ".join([name, *marks])
        out.append(
            f'<g class="actor-range" data-actor="{escape(entry.actor.id)}">'
            f'<text x="8" y="{_num(y + 4)}">{escape(_short(label, 26))}</text>'
        )
        if bar is None:
            out.append(
                f'<text x="{_num(left + 4)}" y="{_num(y + 4)}" fill="#555555">no range</text>'
            )
        elif bar.mixed or bar.low is None or bar.high is None:
            out.append(
                f'<text x="{_num(left + 4)}" y="{_num(y + 4)}" fill="#555555">'
                "mixed: its latest ranges do not meet</text>"
            )
        else:
            x0 = left + bar.low * column + 6
            x1 = left + (bar.high + 1) * column - 8
            out.append(
                f'<rect x="{_num(x0)}" y="{_num(y - 7)}" width="{_num(x1 - x0)}" height="14" '
                f'rx="4" fill="#0072B2" fill-opacity="0.85"/>'
            )
            if bar.ideal is not None:
                cx = left + bar.ideal * column + column / 2 - 1
                out.append(
                    f'<path d="{_shape("diamond", cx, y, 6)}" fill="#ffffff" '
                    f'stroke="#1a1a1a" stroke-width="1.2"/>'
                )
        out.append("</g>")
    legend_y = top + row * max(1, len(view.actors)) + 22
    out.append(
        f'<text x="8" y="{_num(legend_y)}">A bar spans the options an actor has said it could '
        "accept; ◆ its ideal; ‼ a standing red line; shaded: inside every counted range.</text>"
    )
    if not zone and view.agreement.gap:
        out.append(
            f'<text x="8" y="{_num(legend_y + 16)}" font-weight="bold">No zone: a gap of '
            f"{view.agreement.gap} step{'s' if view.agreement.gap != 1 else ''}.</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _zone_summary(view: ZoneView) -> str:
    if view.agreement.zone:
        labels = ", ".join(view.issue.scale[p].label for p in view.agreement.zone)
        return f"{view.issue.name}: a zone of possible agreement at {labels}"
    if view.agreement.gap:
        return f"{view.issue.name}: no zone, a gap of {view.agreement.gap} steps"
    return f"{view.issue.name}: no ranges to compare"


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Words into at most ``lines`` lines of about ``width`` characters, the last cut short."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = [*out[: lines - 1], _short(" ".join(out[lines - 1 :]), width)]
    return out


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

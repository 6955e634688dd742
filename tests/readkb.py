"""The records of ``tests/kbs/read.yaml`` as the read commands give them in JSON, written
out in full so that tests compare whole documents."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import KBS

KB = KBS / "read.yaml"
FILE = str(KB)

DAILY = {
    "id": "daily-2025-03",
    "title": "Talks resume",
    "publisher": "The Daily",
    "url": "https://daily.example/talks",
    "published": "2025-03",
    "author": None,
    "reliability": "B",
    "title_is_description": False,
    "note": None,
}
WEEKLY = {
    "id": "weekly-2025-04-02",
    "title": "Who wants what",
    "publisher": "The Weekly",
    "url": "https://weekly.example/who-wants-what",
    "published": "2025-04-02",
    "author": "Ann Writer",
    "reliability": "D",
    "title_is_description": False,
    "note": None,
}

NORTH = {
    "id": "north",
    "name": "Northland",
    "aliases": ["nordia", "the-north"],
    "description": None,
}
SOUTH = {
    "id": "south",
    "name": "Southland",
    "aliases": ["sud"],
    "description": "The southern republic.",
}
EAST = {"id": "east", "name": "Eastland", "aliases": [], "description": None}

TRUCE = {
    "id": "truce",
    "name": "Truce",
    "question": "Should a truce be agreed now?",
    "parent": None,
    "aliases": [],
    "description": None,
    "scale": [],
}
HILLS = {
    "id": "hills",
    "name": "Hills",
    "question": "Should Northland cede the hills to Southland?",
    "parent": "land",
    "aliases": [],
    "description": None,
    "scale": [],
}


def position(**fields: Any) -> dict[str, Any]:
    """A position as JSON: every key, in the documented order."""
    out = {
        "id": None,
        "actor": None,
        "issue": None,
        "stance": None,
        "summary": None,
        "source": None,
        "evidence": None,
        "quote": None,
        "speaker": None,
        "date": None,
        "firmness": None,
        "conditions": [],
        "via": None,
        "credibility": None,
        "tags": [],
        "note": None,
        "acceptable": None,
        "ideal": None,
        "as_reported": False,
        "quote_url": None,
        "file": FILE,
        "line": None,
    }
    unknown = set(fields) - set(out)
    assert not unknown, unknown
    out.update(fields)
    return out


NILS_TRUCE = position(
    id="nils-truce-2025-03-20",
    actor="north",
    issue="truce",
    stance="support",
    summary="Nils called for a truce.",
    source=DAILY,
    evidence="paraphrase",
    speaker="nils",
    date="2025-03-20",
    line=190,
)
SARA_TRUCE = position(
    id="sara-truce-2025-03-25",
    actor="south",
    issue="truce",
    stance="oppose",
    summary="Sara ruled out a truce.",
    source=DAILY,
    evidence="quote",
    quote="No truce while they hold our land.",
    quote_url="https://daily.example/talks#:~:text=No%20truce%20while%20they%20hold%20our%20land.",
    speaker="sara",
    date="2025-03-25",
    firmness="red-line",
    line=199,
)
SARA_HILLS = position(
    id="sara-hills-2025-03",
    actor="south",
    issue="hills",
    stance="conditional",
    summary="Sara would give up the hills if Northland pays for the road.",
    source=DAILY,
    evidence="paraphrase",
    speaker="sara",
    date="2025-03",
    conditions=["Northland pays for the road"],
    line=168,
)
SARA_LAND = position(
    id="sara-land-2025-04-02",
    actor="south",
    issue="land",
    stance="oppose",
    summary="Sara said Southland wants all the land.",
    source=WEEKLY,
    evidence="quote",
    quote="Not an inch less.",
    quote_url="https://weekly.example/who-wants-what#:~:text=Not%20an%20inch%20less.",
    speaker="sara",
    date="2025-04-02",
    firmness="red-line",
    line=119,
)
SOUTH_LAND = position(
    id="south-land-weekly",
    actor="south",
    issue="land",
    stance="ambiguous",
    summary="Southland is reported to be ready to settle for less.",
    source=WEEKLY,
    evidence="reported",
    via="The Weekly's sources",
    date="2025-04-02",
    as_reported=True,
    line=130,
)
SOUTH_COAST = position(
    id="south-coast-weekly",
    actor="south",
    issue="coast",
    stance="oppose",
    summary="Southland is reported to want the coast.",
    source=WEEKLY,
    evidence="reported",
    via="The Weekly",
    date="2025-04-02",
    as_reported=True,
    line=148,
)

SUMMIT = {
    "id": "summit-2025-03-10",
    "date": "2025-03-10",
    "title": "Summit in Midtown",
    "actors": ["north", "south"],
    "source": DAILY,
    "note": None,
    "file": FILE,
    "line": 72,
}
CALL = {
    "id": "call-2025-04",
    "date": "2025-04",
    "title": "Phone call",
    "actors": ["south"],
    "source": WEEKLY,
    "note": None,
    "file": FILE,
    "line": 77,
}

#: ``diff north south``: one issue of each relation but only-a (the harbour's only
#: position does not count), the conflict on a red line.
SUMMARY = {
    "conflict": 1,
    "partial": 1,
    "unclear": 1,
    "agree": 1,
    "only-a": 0,
    "only-b": 1,
    "red_line": 1,
}

#: CSV header of a position (filter), and the source columns of each fixture source.
POSITION_HEADER = (
    "id,actor,issue,stance,summary,source,evidence,quote,speaker,date,as_reported,firmness,"
    "conditions,via,credibility,tags,note,source_title,source_publisher,source_url,"
    "source_published,source_author,source_reliability,source_note,file,line"
)
#: What a position listed by ``filter`` and ``timeline`` gains when it counts.
COUNTED = {"counts": True, "not_counted": None}
#: CSV header of ``filter``: a position's columns, then whether it counts.
LISTED_HEADER = POSITION_HEADER + ",counts,not_counted"
DAILY_COLUMNS = "Talks resume,The Daily,https://daily.example/talks,2025-03,,B,"
WEEKLY_COLUMNS = (
    "Who wants what,The Weekly,https://weekly.example/who-wants-what,2025-04-02,Ann Writer,D,"
)


def cells(output: str, *headers: str) -> list[tuple[str, ...]]:
    """Each line of the table under ``headers`` cut into its columns (stripped), from the
    header's rule down to the notes or references under the table."""
    lines = output.splitlines()
    start = next(
        i
        for i, line in enumerate(lines)
        if line.startswith(headers[0]) and all(f"  {h}" in line for h in headers[1:])
    )
    offsets = [lines[start].index(h) for h in headers]
    out = []
    for line in lines[start + 2 :]:
        if line.startswith(("References", "~ approximate", "as reported:", "Legend:")) or re.match(
            r"\d+ (issues?|positions?)[:.]", line
        ):
            break
        bounds = [*offsets[1:], None]
        out.append(tuple(line[a:b].strip() for a, b in zip(offsets, bounds, strict=True)))
    return out


def column(rows: list[tuple[str, ...]], index: int) -> list[str]:
    """The non-empty cells of one column, top to bottom."""
    return [row[index] for row in rows if row[index]]


def footer(kb: object = KB, *, markdown: bool = False) -> str:
    """The last lines of a table or markdown view: the KB read."""
    path = str(kb).replace("_", "\\_") if markdown else str(kb)
    return f"\nKB: {path}\n"

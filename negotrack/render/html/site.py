"""Build the report's pages: ``{file name: text}``, nothing written.

Every page comes from the same views as the terminal and JSON output
(:func:`~negotrack.analysis.matrix.matrix`, :func:`~negotrack.analysis.show.show`,
:func:`~negotrack.analysis.timeline.timeline`). Sources are numbered once for
the whole site, in KB order, so ``[3]`` means the same source on every page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from negotrack import __version__
from negotrack.analysis.matrix import matrix
from negotrack.analysis.plans import plan
from negotrack.analysis.query import scope, until_ok
from negotrack.analysis.show import ActorView, IssueStance, show
from negotrack.analysis.sources import citation_counts
from negotrack.analysis.stance import not_counted
from negotrack.analysis.timeline import timeline
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import RELIABILITY_MEANING, Source
from negotrack.render import describe
from negotrack.render.svg import STANCE_STYLE, timeline_svg, zone_svg

STANCE_MEANING = {
    "support": "says yes to the issue's question",
    "oppose": "says no to the issue's question",
    "conditional": "yes, on conditions it states",
    "ambiguous": "no clear answer",
    "mixed": "its latest statements disagree: all of them are shown",
}


@dataclass(frozen=True)
class ReportOptions:
    """What the report covers: ``as_of`` (None: everything), actors and issues
    (names as a user types them; empty: all) and the site's title."""

    as_of: PartialDate | None = None
    actors: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    title: str = "Negotiating positions"


def build_site(kb: KnowledgeBase, options: ReportOptions, kb_label: str) -> dict[str, str]:
    """Every file of the report, by name. Deterministic: the same KB and options
    give the same text (no build time is recorded anywhere)."""
    from jinja2 import Environment, StrictUndefined

    env = Environment(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.loader = _PackageLoader()
    grid = matrix(kb, actors=options.actors, issues=options.issues, as_of=options.as_of)
    actor_ids = [a.id for a in grid.actors]
    nodes = scope(kb, options.issues)
    issue_ids = {n.issue.id for n in nodes}
    numbers = {s.id: i for i, s in enumerate(kb.sources, 1)}
    shown = [
        p
        for p in kb.positions
        if p.actor in actor_ids and p.issue in issue_ids and until_ok(p.when, options.as_of)
    ]
    dates = sorted((p.when for p in shown), key=PartialDate.sort_key)
    documents = list(kb.documents)
    common: dict[str, Any] = {
        "title": options.title,
        "version": __version__,
        "kb_label": kb_label,
        "as_of": options.as_of,
        "counts": kb.counts(),
        "date_range": (dates[0], dates[-1]) if dates else None,
    }
    env.globals.update(
        symbol=lambda stance: STANCE_STYLE.get(stance, STANCE_STYLE["ambiguous"])[0],
        number=lambda source_id: numbers.get(source_id, "?"),
        dated=describe.dated_label,
        meta=lambda p: describe.meta_label(kb, p),
        actor_name=lambda actor_id: describe.actor_label(kb, actor_id),
        issue_name=lambda issue_id: describe.issue_label(kb, issue_id),
        counts=lambda p: not_counted(kb, p) is None,
        not_counted=lambda p: not_counted(kb, p),
        safe_url=is_web_url,
        option_label=lambda issue_id, option_id: _option_label(kb, issue_id, option_id),
        grade=_grade,
    )
    pages: dict[str, str] = {"style.css": _resource("style.css")}
    pages["index.html"] = env.get_template("index.html").render(
        common,
        page_title="Overview",
        matrix=grid,
        actors=grid.actors,
        issues=nodes,
        documents=documents,
        stances=list(STANCE_MEANING),
        stance_meaning=STANCE_MEANING,
    )
    views: dict[str, ActorView] = {}
    for actor in grid.actors:
        view = show(kb, actor.id, issues=options.issues, as_of=options.as_of, history=True)
        # With history, show also lists issues where no position counts (no stance):
        # the pages give stances, and the history below lists every position anyway.
        view = dataclasses.replace(view, issues=[r for r in view.issues if r.current])
        views[actor.id] = view
        history = [
            e
            for e in timeline(
                kb, actors=[actor.id], issues=options.issues, until=options.as_of
            ).entries
            if e.kind == "position"
        ]
        pages[f"actor-{actor.id}.html"] = env.get_template("actor.html").render(
            common, page_title=actor.name, view=view, history=history
        )
    for node in nodes:
        issue = node.issue
        stances = [{"actor": a, "row": _row(views[a.id], issue.id)} for a in grid.actors]
        provisions = [
            (d, prov) for d in documents for prov in d.provisions if prov.issue == issue.id
        ]
        pages[f"issue-{issue.id}.html"] = env.get_template("issue.html").render(
            common,
            page_title=issue.name,
            issue=issue,
            parent=kb.issue(issue.parent) if issue.parent else None,
            children=kb.children(issue.id),
            stances=stances,
            provisions=provisions,
            zone_svg=_zone(kb, issue.id, actor_ids, options.as_of) if issue.scale else None,
        )
    for document in documents:
        revises = document.revises
        pages[f"document-{document.id}.html"] = env.get_template("document.html").render(
            common,
            page_title=document.title,
            document=document,
            authors=", ".join(describe.actor_label(kb, a) for a in document.authors),
            revises=_document(documents, revises),
            provisions=plan(kb, document.id, as_of=options.as_of).provisions,
        )
    picture = timeline(kb, actors=actor_ids, issues=options.issues, until=options.as_of)
    pages["timeline.html"] = env.get_template("timeline.html").render(
        common,
        page_title="Timeline",
        svg=_markup(
            timeline_svg(
                picture,
                link=lambda p: f"actor-{p.actor}.html#pos-{p.id}",
                hollow=lambda p: not_counted(kb, p) is not None,
                title=f"{options.title}: timeline of positions",
            )
        ),
    )
    pages["references.html"] = env.get_template("references.html").render(
        common,
        page_title="References",
        sources=[(numbers[s.id], s) for s in kb.sources],
        cited=citation_counts(kb),
    )
    return pages


def is_web_url(url: str) -> bool:
    """Only http(s) addresses become links: never ``javascript:`` or ``data:``."""
    return url.lower().startswith(("http://", "https://"))


def _grade(source: Source) -> str:
    if source.reliability is None:
        return "not graded"
    return f"{source.reliability} ({RELIABILITY_MEANING[source.reliability]})"


def _row(view: ActorView, issue_id: str) -> IssueStance | None:
    return next((row for row in view.issues if row.node.issue.id == issue_id), None)


def _document(documents: Iterable[Any], document_id: str | None) -> Any:
    return next((d for d in documents if d.id == document_id), None)


def _markup(svg: str) -> Any:
    """The SVG drawn by :mod:`negotrack.render.svg` (which escapes every piece of KB
    text itself), to be inserted as markup."""
    from markupsafe import Markup

    return Markup(svg)


def _zone(kb: KnowledgeBase, issue_id: str, actor_ids: list[str], as_of: Any) -> Any:
    """The zone chart of a scaled issue among the actors the report covers that have a
    position on it (the zone is worked out among those alone)."""
    from negotrack.analysis.zone import zone

    view = zone(kb, issue_id, as_of=as_of)
    shown = [entry.actor.id for entry in view.actors if entry.actor.id in actor_ids]
    if not shown:
        return None
    if len(shown) != len(view.actors):
        view = zone(kb, issue_id, actors=shown, as_of=as_of)
    return _markup(zone_svg(view))


def _option_label(kb: KnowledgeBase, issue_id: str, option_id: str) -> str:
    issue = kb.issue(issue_id)
    for option in issue.scale if issue is not None else []:
        if option.id == option_id:
            return option.label
    return option_id


def _resource(name: str) -> str:
    return (files("negotrack.render.html") / name).read_text(encoding="utf-8")


class _PackageLoader:
    """Templates read from the package with importlib.resources (any install mode)."""

    def __new__(cls) -> Any:
        from jinja2 import FunctionLoader

        def load(name: str) -> str:
            return (files("negotrack.render.html") / "templates" / name).read_text(encoding="utf-8")

        return FunctionLoader(load)

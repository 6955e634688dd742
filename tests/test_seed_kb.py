"""The bundled knowledge base: strictly valid, and faithful to its sources on the
facts an analyst would check first."""

from __future__ import annotations

import functools

import pytest

import negotrack
from negotrack.model.dates import PartialDate
from tests.conftest import ROOT


@functools.cache
def report() -> negotrack.Report:
    """The bundled KB's report, made when a test first needs it (never on import)."""
    return negotrack.check(ROOT / "data" / "positions.yaml")


def the_kb() -> negotrack.KnowledgeBase:
    return report().kb


def test_the_bundled_kb_is_strictly_valid() -> None:
    assert report().problems == []


def test_actors_and_their_aliases() -> None:
    aliases = {a.id: set(a.aliases) for a in the_kb().actors}
    assert set(aliases) == {"ukraine", "russia", "us", "eu", "germany", "uk", "france"}
    assert {"kyiv"} <= aliases["ukraine"]
    assert {"moscow", "kremlin"} <= aliases["russia"]
    assert {"washington", "usa", "united-states"} <= aliases["us"]
    assert {"europe", "brussels"} <= aliases["eu"]
    assert {"berlin"} <= aliases["germany"]
    assert {"britain", "london"} <= aliases["uk"]
    assert {"paris"} <= aliases["france"]


@pytest.mark.parametrize(
    ("person", "actor"),
    [
        ("trump", "us"),
        ("waltz", "us"),
        ("witkoff", "us"),
        ("rubio", "us"),
        ("lanza", "us"),
        ("zelensky", "ukraine"),
        ("yermak", "ukraine"),
        ("sibiga", "ukraine"),
        ("putin", "russia"),
        ("peskov", "russia"),
        ("lavrov", "russia"),
    ],
)
def test_named_speakers_are_people_of_their_actor(person: str, actor: str) -> None:
    assert the_kb().person(person).actor == actor


def test_lanza_spoke_for_himself_and_zelensky_has_his_spellings() -> None:
    assert the_kb().person("lanza").official is False
    assert all(p.official for p in the_kb().people if p.id != "lanza")
    assert {"zelenskyy", "zelenskiy"} <= set(the_kb().person("zelensky").aliases)


def test_analysts_are_never_actors_or_speakers() -> None:
    names = {p.name for p in the_kb().people} | {a.name for a in the_kb().actors}
    for analyst in ("Kusa", "Denisenko", "Snigyr", "Croft", "Institute for the Study of War"):
        assert not any(analyst in name for name in names)
    assessed = [p for p in the_kb().positions if p.evidence == "assessment"]
    assert assessed and all(p.via for p in assessed)


ISSUES = {
    "territory": (None, "Should Ukraine cede territory to Russia in a settlement?"),
    "crimea": ("territory", None),
    "donbas": ("territory", None),
    "zaporizhzhia-kherson": ("territory", None),
    "novorossiya": ("territory", None),
    "recognition": (
        "territory",
        "Should Russian control of occupied territory be legally recognised?",
    ),
    "assets": (
        None,
        "Should Ukrainian assets be divided or shared with other parties in a settlement?",
    ),
    "zaporizhzhia-npp": (
        "assets",
        "Should the Zaporizhzhia nuclear power plant end up outside Ukrainian control "
        "in a settlement?",
    ),
    "natural-resources": (
        "assets",
        "Should foreign partners share in the revenue of Ukraine's natural resources?",
    ),
    "security": (None, "Should a settlement give Ukraine Western security arrangements?"),
    "nato-membership": ("security", "Should Ukraine be able to join NATO?"),
    "security-guarantees": ("security", "Should Ukraine receive security guarantees?"),
    "peacekeeping": (
        "security",
        "Should European peacekeeping or monitoring forces deploy in Ukraine?",
    ),
    "ceasefire": (None, "Should an immediate ceasefire be agreed?"),
    "negotiations": (None, "Should the war be settled through negotiations now?"),
    "sanctions": (None, "Should sanctions on Russia be eased in a settlement?"),
    "frozen-assets": (None, "Should frozen Russian state assets be used for Ukraine?"),
    "army-limits": (None, "Should a settlement cap the size of Ukraine's armed forces?"),
    "eu-membership": (None, "Should Ukraine be able to join the European Union?"),
    "elections": (None, "Should Ukraine hold elections as part of a settlement?"),
    "us-peace-plan": (None, "Should the US peace plan be the basis of a settlement?"),
}


@pytest.mark.parametrize("issue_id", ISSUES)
def test_the_issue_tree(issue_id: str) -> None:
    parent, question = ISSUES[issue_id]
    issue = the_kb().issue(issue_id)
    assert issue.parent == parent
    if question is not None:
        assert issue.question == question


SOURCES = {
    "dailycourier-2025-03-17": ("The Daily Courier", "2025-03", "C"),
    "elpais-2025-03-18": ("El País (English edition)", "2025-03-18", "B"),
    "kyivpost-2025-03-16": ("Kyiv Post", "2025-03-16", "B"),
    "republicaninformer-2024-12": ("Republican Informer", "2024-12", "D"),
    "stockburger-2025-08": ("Stockburger News", "2025-08", "C"),
    "tass-2025-08-15": ("TASS", "2025-08-15", "D"),  # state media: D for facts
    "liga-2025": ("LIGA.net (English edition)", "2025", "B"),  # no date in the page
    "lbc-2025-12-14": ("LBC", "2025-12-14", "B"),
    "rferl-2026-02": ("Radio Free Europe/Radio Liberty", "2026-02", "B"),
}


@pytest.mark.parametrize("source_id", SOURCES)
def test_sources_keep_their_known_precision_and_grades(source_id: str) -> None:
    publisher, published, grade = SOURCES[source_id]
    source = the_kb().source(source_id)
    assert (source.publisher, str(source.published), source.reliability) == (
        publisher,
        published,
        grade,
    )


@pytest.mark.parametrize(
    ("event_id", "date"),
    [
        ("jeddah-talks-2025-03-11", "2025-03-11"),
        ("witkoff-putin-moscow-2025-03-13", "2025-03-13"),
        ("trump-putin-call-2025-03-18", "2025-03-18"),
        ("alaska-summit-2025-08-15", "2025-08-15"),
        ("riyadh-us-russia-meeting-2025-02-18", "2025-02-18"),
        ("white-house-meeting-2025-08-18", "2025-08-18"),
        ("geneva-us-ukraine-talks-2025-11-23", "2025-11-23"),
        ("witkoff-putin-moscow-2025-12-02", "2025-12-02"),
        ("paris-coalition-summit-2026-01-06", "2026-01-06"),
        ("abu-dhabi-trilateral-talks-2026-01-23", "2026-01-23"),
        ("munich-rubio-zelensky-2026-02", "2026-02"),  # the page prints no date
    ],
)
def test_events(event_id: str, date: str) -> None:
    assert str(the_kb().event(event_id).date) == date


def test_sibiga_on_rbc() -> None:
    territory = {"territory", *(i.id for i in the_kb().children("territory"))}
    sibiga = [p for p in the_kb().positions if p.speaker == "sibiga"]
    assert sibiga
    for position in sibiga:
        assert position.actor == "ukraine"
        assert position.issue in territory
        assert position.stance == "oppose"
        assert position.date == PartialDate(2025, 3, 17)
        assert position.source == "elpais-2025-03-18"
        assert position.firmness == "red-line"
    assert "[as part of Russia]" in the_kb().position("sibiga-recognition-2025-03-17").quote


def test_lanza_crimea_is_gone() -> None:
    lanza = the_kb().position("lanza-crimea-2024-11-09")
    assert (lanza.actor, lanza.issue, lanza.speaker) == ("us", "crimea", "lanza")
    assert lanza.date == PartialDate(2024, 11, 9)
    assert lanza.source == "republicaninformer-2024-12"
    assert lanza.quote.endswith("Crimea is gone.")


@pytest.mark.parametrize(
    ("position_id", "date"),
    [
        ("trump-territory-2025-03-16", "2025-03-16"),  # "on Sunday", aboard Air Force One
        ("putin-ceasefire-2025-03-13", "2025-03-13"),  # "in theory"
        ("putin-negotiations-2025-03-14", "2025-03-14"),  # "he said Friday"
        ("waltz-security-guarantees-2025-03-16", "2025-03-16"),  # ABC News, Sunday
        ("putin-negotiations-2024-12-19", "2024-12-19"),  # year-end press conference
        ("zelensky-territory-2024-12", "2024-12"),  # Le Parisien, month only
        ("trump-ceasefire-2025-08-16", "2025-08-16"),  # post of Saturday 16 August
        ("putin-us-peace-plan-2025-11-21", "2025-11-21"),  # Security Council, Friday
        ("zelensky-us-peace-plan-2025-11-21", "2025-11-21"),  # address to the nation
        ("zelensky-us-peace-plan-2025-11-20", "2025-11-20"),  # after meeting Driscoll
        ("zelensky-nato-membership-2025-12-14", "2025-12-14"),  # WhatsApp answers, Sunday
        ("zelensky-nato-membership-2025-12-18", "2025-12-18"),  # Brussels, Thursday
        ("ushakov-territory-2026-01-23", "2026-01-23"),  # "said Friday"
        ("peskov-negotiations-2026-02-06", "2026-02-06"),  # a day after the round ended
        ("rubio-donbas-2026-02", "2026-02"),  # Munich, day not printed
    ],
)
def test_statement_dates_are_resolved_with_their_known_precision(
    position_id: str, date: str
) -> None:
    assert str(the_kb().position(position_id).date) == date


def test_quotes_only_where_the_words_are_the_speakers() -> None:
    for position in the_kb().positions:
        if position.evidence == "assessment":
            assert position.quote is None, position.id
        if position.evidence == "quote":
            assert position.quote, position.id


def test_what_reaches_us_through_an_analyst_is_an_assessment() -> None:
    analysts = ("Institute for the Study of War", "Kusa", "Denisenko", "Snigyr", "Croft")
    through = [p for p in the_kb().positions if p.via and any(a in p.via for a in analysts)]
    assert len(through) == 11
    assert {p.evidence for p in through} == {"assessment"}


# -- The talks after the Alaska summit


def test_european_leaders_speak_for_their_state_and_joint_statements_for_the_eu() -> None:
    kb = the_kb()
    assert {kb.person(p).actor for p in ("merz", "macron", "starmer")} == {
        "germany",
        "france",
        "uk",
    }
    joint = kb.position("eu-territory-2025-08-16")
    assert (joint.actor, joint.speaker, joint.evidence) == ("eu", None, "quote")


def shifts(actor: str, issue: str) -> dict[str, tuple[str, str, str]]:
    """``{position id: (shift, stance, previous position id)}`` on the timeline."""
    view = negotrack.timeline(the_kb(), actors=[actor], issues=[issue], shifts_only=True)
    return {
        e.position.id: (e.shift, e.position.stance, e.previous.id)
        for e in view.entries
        if e.position is not None and e.shift and e.previous
    }


def test_ukraine_offers_to_drop_its_nato_bid_in_december_2025() -> None:
    moved = shifts("ukraine", "nato-membership")
    assert moved["zelensky-nato-membership-2025-12-14"] == (
        "full",
        "oppose",
        "zelensky-nato-membership-2025-04",
    )
    offer = the_kb().position("zelensky-nato-membership-2025-12-14")
    assert (offer.evidence, offer.firmness) == ("quote", "flexible")
    # Four days later he kept the NATO goal of the constitution: the offer is
    # not the last word.
    assert moved["zelensky-nato-membership-2025-12-18"] == (
        "full",
        "support",
        "zelensky-nato-membership-2025-12-14",
    )


def test_after_alaska_the_us_wants_a_settlement_not_a_ceasefire_first() -> None:
    moved = shifts("us", "ceasefire")
    shift, stance, _ = moved["trump-ceasefire-2025-08-16"]
    assert (shift, stance) == ("full", "oppose")
    assert "not a mere Ceasefire Agreement" in the_kb().position("trump-ceasefire-2025-08-16").quote


def test_the_us_plan_and_its_revisions_are_documents() -> None:
    kb = the_kb()
    revises = {d.id: d.revises for d in kb.documents}
    assert revises == {
        "us-28-point-plan-2025-11": None,
        "geneva-framework-2025-11-23": "us-28-point-plan-2025-11",
        "e3-counter-proposal-2025-11-23": "us-28-point-plan-2025-11",
        "twenty-point-plan-2025-12": "geneva-framework-2025-11-23",
        "paris-declaration-2026-01-06": None,
    }
    caps = {
        d.id: p.option
        for d in kb.documents
        for p in d.provisions
        if p.issue == "army-limits" and p.option
    }
    assert caps == {
        "us-28-point-plan-2025-11": "cap-600k",
        "e3-counter-proposal-2025-11-23": "cap-800k",
        "twenty-point-plan-2025-12": "cap-800k",
    }


def test_the_european_counter_proposal_against_the_28_point_plan() -> None:
    from negotrack.analysis.plans import compare

    view = compare(the_kb(), "us-28-point-plan-2025-11", "e3-counter-proposal-2025-11-23")
    assert {row.node.issue.id: row.status for row in view.rows} == {
        "donbas": "changed",  # de facto Russian → from the line of contact
        "zaporizhzhia-kherson": "same",  # frozen on the front line in both
        "nato-membership": "only-a",  # the report of the E3 text says nothing on NATO
        "security-guarantees": "changed",  # an Article 5-like US guarantee
        "peacekeeping": "only-a",
        "frozen-assets": "same",
        "army-limits": "changed",  # 600,000 → 800,000 in peacetime
        "us-peace-plan": "only-b",
    }
    assert view.summary == {"same": 2, "changed": 3, "only-a": 2, "only-b": 1}


def test_document_provision_texts_are_the_words_their_source_prints() -> None:
    twenty = the_kb().document("twenty-point-plan-2025-12")
    line = next(p for p in twenty.provisions if p.id == "donbas-line")
    assert line.text.startswith("In the Donetsk, Luhansk, Zaporizhzhia and Kherson regions")
    assert twenty.source == "straitstimes-2025-12"

"""Write a realistic synthetic negotrack knowledge base of N positions.

    python benchmarks/gen_kb.py 10000 --seed 1 --output /tmp/kb-10000.yaml
    python benchmarks/gen_kb.py 10000 --files 8 --output /tmp/kb-10000/

The KB looks like a real one grown over years of talks: dozens of actors with
their spokespeople, a few hundred issues in a three-level tree, thousands of
sources, events, and N positions with summaries, verbatim quotes, conditions,
notes and tags of realistic length. The same N and seed always give the same
bytes, and the result is valid under ``negotrack validate --strict``: every
reference resolves, every source is cited, no position is dated after its
source, names and aliases are unambiguous, reported positions say ``via``.

With ``--files K`` (K > 1) the output is a directory: ``base.yaml`` with the
actors, people, issues, sources and events, and the positions split over
``positions-01.yaml`` ... ``positions-K.yaml``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

# fmt: off
ACTORS = [
    ("ukraine", "Ukraine", ["kyiv", "kiev"]),
    ("russia", "Russia", ["russian-federation", "moscow", "kremlin"]),
    ("us", "United States", ["usa", "washington"]),
    ("eu", "European Union", ["brussels"]),
    ("uk", "United Kingdom", ["britain", "london"]),
    ("france", "France", ["paris", "elysee"]),
    ("germany", "Germany", ["berlin"]),
    ("poland", "Poland", ["warsaw"]),
    ("turkey", "Turkey", ["turkiye", "ankara"]),
    ("china", "China", ["beijing", "prc"]),
    ("india", "India", ["new-delhi"]),
    ("brazil", "Brazil", ["brasilia"]),
    ("saudi-arabia", "Saudi Arabia", ["riyadh", "ksa"]),
    ("qatar", "Qatar", ["doha"]),
    ("uae", "United Arab Emirates", ["abu-dhabi", "emirates"]),
    ("hungary", "Hungary", ["budapest"]),
    ("slovakia", "Slovakia", ["bratislava"]),
    ("belarus", "Belarus", ["minsk"]),
    ("moldova", "Moldova", ["chisinau"]),
    ("georgia", "Georgia", ["tbilisi"]),
    ("finland", "Finland", ["helsinki"]),
    ("sweden", "Sweden", ["stockholm"]),
    ("norway", "Norway", ["oslo"]),
    ("estonia", "Estonia", ["tallinn"]),
    ("latvia", "Latvia", ["riga"]),
    ("lithuania", "Lithuania", ["vilnius"]),
    ("romania", "Romania", ["bucharest"]),
    ("italy", "Italy", ["rome"]),
    ("spain", "Spain", ["madrid"]),
    ("netherlands", "Netherlands", ["the-hague", "holland"]),
    ("canada", "Canada", ["ottawa"]),
    ("japan", "Japan", ["tokyo"]),
    ("south-africa", "South Africa", ["pretoria"]),
    ("vatican", "Holy See", ["vatican-city"]),
    ("nato", "NATO", ["north-atlantic-alliance", "the-alliance"]),
    ("un", "United Nations", ["united-nations-secretariat"]),
    ("iaea", "International Atomic Energy Agency", ["atomic-agency"]),
    ("osce", "OSCE", ["organization-for-security-and-cooperation"]),
    ("icrc", "International Committee of the Red Cross", ["red-cross"]),
    ("g7", "Group of Seven", ["group-of-7"]),
]

FIRST_NAMES = [
    "Anna", "Boris", "Carla", "Dmytro", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas",
    "Kateryna", "Luca", "Maria", "Nikolai", "Olena", "Pavel", "Rosa", "Sergei", "Tomas", "Ulla",
    "Viktor", "Wen", "Yusuf", "Zofia",
]
LAST_NAMES = [
    "Adamczyk", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanenko",
    "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi",
    "Schmidt", "Tanaka", "Usman", "Varga", "Weber", "Yilmaz", "Zhang", "Kravchuk", "Orlov",
]
ROLES = [
    "Head of State", "Head of Government", "Foreign Minister", "Defence Minister",
    "National Security Adviser", "Chief Negotiator", "Ambassador to the United Nations",
    "Spokesperson of the Foreign Ministry", "Special Envoy", "Deputy Foreign Minister",
]

# (id, name, question template) of the root issues; the template takes a subject.
ROOTS = [
    ("territory", "Territory", "Should Ukraine cede {} to Russia in a settlement?"),
    ("security", "Security", "Should a settlement give Ukraine {}?"),
    ("sanctions", "Sanctions", "Should sanctions on {} be lifted as part of a settlement?"),
    ("assets", "Assets", "Should {} be shared with other parties in a settlement?"),
    ("ceasefire", "Ceasefire", "Should a ceasefire cover {} before a final settlement?"),
    ("prisoners", "Prisoners", "Should a settlement provide for the exchange of {}?"),
    ("energy", "Energy", "Should {} resume as part of a settlement?"),
    ("nuclear-safety", "Nuclear safety", "Should {} be placed under international control?"),
    ("trade-routes", "Trade routes", "Should {} be reopened under international guarantees?"),
    ("elections", "Elections", "Should {} be held before a settlement is signed?"),
    ("reparations", "Reparations", "Should Russia pay reparations for {}?"),
    ("minority-rights", "Minority rights", "Should a settlement guarantee {}?"),
]
SUBJECTS = {
    "territory": ["Crimea", "Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Kharkiv"],
    "security": [
        "NATO membership", "security guarantees", "a European force", "air defence",
        "a limit on its army", "a neutral status",
    ],
    "sanctions": [
        "Russian banks", "Russian energy exports", "Russian officials", "Belarus",
        "Russian aviation", "Russian fertiliser",
    ],
    "assets": [
        "frozen Russian reserves", "Ukrainian mineral revenue", "the Zaporizhzhia plant",
        "Black Sea ports", "gas transit pipelines", "rare-earth deposits",
    ],
    "ceasefire": [
        "energy infrastructure", "the Black Sea", "air strikes", "the front line",
        "ports", "civilian areas",
    ],
    "prisoners": [
        "prisoners of war", "deported children", "civilian detainees", "wounded soldiers",
        "political prisoners",
    ],
    "energy": [
        "gas transit", "electricity exports", "oil shipments", "the Druzhba pipeline",
        "nuclear fuel supply",
    ],
    "nuclear-safety": [
        "the Zaporizhzhia plant", "the Kursk plant", "spent fuel stores", "the Chernobyl zone",
    ],
    "trade-routes": [
        "the grain corridor", "the Danube ports", "the Kerch Strait", "rail links to Poland",
        "the Sea of Azov",
    ],
    "elections": [
        "presidential elections in Ukraine", "parliamentary elections in Ukraine",
        "local elections in occupied areas", "referendums on the settlement",
    ],
    "reparations": [
        "destroyed housing", "damaged energy plants", "environmental damage",
        "losses of farmers", "destroyed cultural heritage",
    ],
    "minority-rights": [
        "Russian-language schools", "religious freedom", "Hungarian-language schools",
        "the rights of Crimean Tatars",
    ],
}
ASPECTS = [
    ("timing", "timing", "before any other step is taken"),
    ("monitoring", "monitoring", "with international monitoring"),
    ("legal", "legal form", "in a binding treaty"),
    ("phasing", "phasing", "in phases tied to compliance"),
    ("scope", "scope", "in full rather than in part"),
]

PUBLISHERS = [
    "Kyiv Independent", "Meduza", "Reuters", "Associated Press", "BBC News", "The Guardian",
    "Le Monde", "Der Spiegel", "El País", "Gazeta Wyborcza", "Financial Times", "Politico Europe",
    "Al Jazeera", "TASS", "RBC", "Ukrainska Pravda", "Kyiv Post", "NHK World", "Anadolu Agency",
    "Institute for the Study of War", "Carnegie Endowment", "Chatham House",
]
VERBS = ["said", "told reporters", "insisted", "argued", "stated", "suggested", "warned"]
FRAMES = {
    "support": "{speaker} {verb} that {actor} backs {subject} {aspect}, {reason}.",
    "oppose": "{speaker} {verb} that {actor} rejects {subject} {aspect}, {reason}.",
    "conditional": "{speaker} {verb} that {actor} could accept {subject} {aspect} on conditions.",
    "ambiguous": "{speaker} {verb} that {actor} keeps its options open on {subject} {aspect}.",
}
REASONS = [
    "calling it the only basis for a lasting peace",
    "because anything else would reward aggression",
    "pointing to the record of earlier agreements",
    "citing the security of its neighbours",
    "after consultations with its allies",
    "arguing that public opinion would not accept otherwise",
    "as the talks entered a new round",
]
QUOTE_OPENERS = [
    "We have been very clear about this:",
    "Let me say it plainly.",
    "Nobody should have any illusions [about this].",
    "I said it yesterday and I will say it again:",
    "Our position has not changed, and it will not change:",
    "This is not a question of months but of principle.",
]
QUOTE_BODIES = [
    "there can be no agreement on {subject} that is imposed from outside",
    "{subject} is part of any serious conversation, and everyone at the table knows it",
    "we are ready to discuss {subject}, but only {aspect}",
    "we will never accept a deal on {subject} that our people have not approved",
    "the question of {subject} must be settled {aspect}, otherwise it will come back",
    "on {subject} we want guarantees, not promises",
]
CONDITIONS = [
    "a full ceasefire along the current line of contact",
    "international monitoring of the arrangement",
    "the return of all prisoners of war",
    "security guarantees from the United States",
    "parliamentary approval",
    "the lifting of sanctions in phases",
    "a referendum",
]
TAGS = ["summit", "interview", "press-conference", "leak", "parliament", "un", "briefing"]
NOTES = [
    "The source gives no exact date for the remarks; the month is the curator's reading.",
    "Other outlets report the same statement with slightly different wording.",
    "The remarks were made in Russian; the quote is the source's English translation.",
    "Coded conditional: the speaker ties acceptance to steps not yet agreed.",
    "Later walked back by the spokesperson of the same ministry.",
]
VIA = [
    "Reuters, citing two officials familiar with the talks",
    "Institute for the Study of War",
    "Financial Times, citing diplomats",
    "Meduza, citing sources in the presidential administration",
    "Associated Press, citing a senior official",
]

# fmt: on

START = date(2022, 2, 1)
DAYS = (date(2025, 12, 31) - START).days

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()\-–—’]*")


def scalar(text: str) -> str:
    """A YAML scalar for text: plain when it is safe, double-quoted otherwise."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def generate(n: int, seed: int = 1) -> dict[str, list[str]]:
    """The KB's sections as YAML fragments: ``{section: [record text, ...]}``."""
    rng = random.Random(seed)
    out: dict[str, list[str]] = {s: [] for s in ("actors", "people", "issues", "sources")}
    out["events"], out["positions"] = [], []

    # Actors and their people: a handful of spokespeople each, unique names.
    people: dict[str, list[tuple[str, str]]] = {}
    used_names: set[str] = set()
    for actor_id, name, aliases in ACTORS:
        out["actors"].append(
            f"  - id: {actor_id}\n    name: {scalar(name)}\n"
            f"    aliases: [{', '.join(aliases)}]\n"
            f"    description: {scalar(f'{name}, as represented by its government and envoys.')}\n"
        )
        people[actor_id] = []
        for k in range(rng.randint(3, 7)):
            while True:
                person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                if person not in used_names:
                    break
            used_names.add(person)
            pid = slug(person)
            people[actor_id].append((pid, person))
            official = "" if k < 5 else "    official: false\n"
            out["people"].append(
                f"  - id: {pid}\n    name: {person}\n    actor: {actor_id}\n"
                f"    role: {scalar(ROLES[k % len(ROLES)] + ' of ' + name)}\n{official}"
            )

    # Issues: roots, one sub-issue per subject, one sub-sub-issue per aspect.
    issues: list[tuple[str, str, str]] = []  # (id, subject, aspect phrase)
    for root_id, root_name, template in ROOTS:
        subjects = SUBJECTS[root_id]
        out["issues"].append(
            f"  - id: {root_id}\n    name: {root_name}\n"
            f"    question: {scalar(template.format('any of the matters below'))}\n"
        )
        issues.append((root_id, root_name.lower(), ""))
        for subject in subjects:
            sub_id = f"{root_id}-{slug(subject)}"
            out["issues"].append(
                f"  - id: {sub_id}\n    name: {scalar(f'{root_name}: {subject}')}\n"
                f"    parent: {root_id}\n    question: {scalar(template.format(subject))}\n"
            )
            issues.append((sub_id, subject, ""))
            for aspect_id, aspect_name, phrase in ASPECTS:
                leaf_id = f"{sub_id}-{aspect_id}"
                question = template.format(subject).removesuffix("?") + f", {phrase}?"
                out["issues"].append(
                    f"  - id: {leaf_id}\n"
                    f"    name: {scalar(f'{root_name}: {subject}, {aspect_name}')}\n"
                    f"    parent: {sub_id}\n    question: {scalar(question)}\n"
                )
                issues.append((leaf_id, subject, phrase))

    # Sources: about one per eight positions, at least forty; every one is cited.
    n_sources = max(40, n // 8)
    sources: list[tuple[str, date, str]] = []  # (id, last day it may mean, published)
    for k in range(n_sources):
        day = START + timedelta(days=rng.randrange(DAYS))
        publisher = rng.choice(PUBLISHERS)
        sid = f"{slug(publisher)}-{day.isoformat()}-{k}"
        month_only = rng.random() < 0.1
        published = day.strftime("%Y-%m") if month_only else day.isoformat()
        last = _month_end(day) if month_only else day
        subject = rng.choice(issues)[1]
        title = f"{rng.choice(ACTORS)[1]} and {rng.choice(ACTORS)[1]} at odds over {subject}"
        note = f"    note: {scalar(rng.choice(NOTES))}\n" if rng.random() < 0.15 else ""
        out["sources"].append(
            f"  - id: {sid}\n    title: {scalar(title)}\n    publisher: {scalar(publisher)}\n"
            f"    url: https://news.example.org/{day.year}/{day.month:02d}/{sid}\n"
            f"    published: {published}\n    reliability: {rng.choice('ABCDEF')}\n{note}"
        )
        sources.append((sid, last, published))

    # Events: landmarks, one per fifty positions.
    for k in range(max(5, n // 50)):
        sid, last, _ = rng.choice(sources)
        day = last - timedelta(days=rng.randrange(0, 20))
        a, b = rng.sample(ACTORS, 2)
        out["events"].append(
            f"  - id: talks-{a[0]}-{b[0]}-{day.isoformat()}-{k}\n    date: {day.isoformat()}\n"
            f"    title: {scalar(f'Talks between {a[1]} and {b[1]}')}\n"
            f"    actors: [{a[0]}, {b[0]}]\n    source: {sid}\n"
        )

    # Positions: the first len(sources) cite each source once, so none is unused.
    for k in range(n):
        sid, last, published = sources[k] if k < len(sources) else rng.choice(sources)
        actor_id, actor_name, _ = ACTORS[min(int(rng.expovariate(0.12)), len(ACTORS) - 1)]
        issue_id, subject, phrase = rng.choice(issues)
        stance = rng.choice(("support", "oppose", "conditional", "ambiguous"))
        evidence = rng.choices(("quote", "paraphrase", "reported", "assessment"), (5, 3, 2, 1))[0]
        speaker = rng.choice(people[actor_id]) if evidence != "assessment" else None
        said = last - timedelta(days=rng.randrange(0, 10))
        dated = rng.random() < 0.85
        aspect = phrase or "in principle"
        summary = FRAMES[stance].format(
            speaker=speaker[1] if speaker else actor_name,
            verb=rng.choice(VERBS),
            actor=actor_name,
            subject=subject,
            aspect=aspect,
            reason=rng.choice(REASONS),
        )
        lines = [
            f"  - id: {speaker[0] if speaker else actor_id}-{issue_id.split('-')[0]}-{k}\n",
            f"    actor: {actor_id}\n    issue: {issue_id}\n    stance: {stance}\n",
            f"    summary: {scalar(summary)}\n    source: {sid}\n    evidence: {evidence}\n",
        ]
        if evidence == "quote" or (evidence == "paraphrase" and rng.random() < 0.3):
            body = rng.choice(QUOTE_BODIES).format(subject=subject, aspect=aspect)
            quote = f"{rng.choice(QUOTE_OPENERS)} {body[0].upper()}{body[1:]}."
            lines.append(f"    quote: {json.dumps(quote, ensure_ascii=False)}\n")
        if speaker:
            lines.append(f"    speaker: {speaker[0]}\n")
        if dated:
            shown = said.isoformat() if rng.random() < 0.9 else said.strftime("%Y-%m")
            lines.append(f"    date: {shown}\n")
        if rng.random() < 0.3:
            lines.append(f"    firmness: {rng.choice(('red-line', 'firm', 'flexible'))}\n")
        if stance == "conditional":
            chosen = rng.sample(CONDITIONS, rng.randint(1, 3))
            lines.append("    conditions:\n" + "".join(f"      - {c}\n" for c in chosen))
        if evidence in ("reported", "assessment"):
            lines.append(f"    via: {scalar(rng.choice(VIA))}\n")
            lines.append(f"    credibility: {rng.randint(1, 6)}\n")
        if rng.random() < 0.25:
            lines.append(f"    tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 2)))}]\n")
        if rng.random() < 0.2:
            lines.append(f"    note: {scalar(rng.choice(NOTES))}\n")
        out["positions"].append("".join(lines))
    return out


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


HEADER = "# A synthetic negotrack knowledge base written by benchmarks/gen_kb.py.\nnegotrack: 1\n"


def render(sections: dict[str, list[str]], names: list[str] | None = None) -> str:
    """One KB file holding the given sections (all of them by default)."""
    names = list(sections) if names is None else names
    return HEADER + "".join(f"\n{name}:\n" + "".join(sections[name]) for name in names)


def write(n: int, seed: int, output: Path, files: int = 1) -> list[Path]:
    """Write the KB to ``output`` (a file, or a directory when ``files`` > 1)."""
    sections = generate(n, seed)
    if files <= 1:
        output.write_text(render(sections), encoding="utf-8")
        return [output]
    output.mkdir(parents=True, exist_ok=True)
    base = output / "base.yaml"
    base.write_text(render(sections, [s for s in sections if s != "positions"]), encoding="utf-8")
    written = [base]
    positions = sections["positions"]
    size = -(-len(positions) // files)
    for k in range(files):
        path = output / f"positions-{k + 1:02d}.yaml"
        chunk = {"positions": positions[k * size : (k + 1) * size]}
        path.write_text(render(chunk), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of positions")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--output", type=Path, help="file (or directory with --files) to write; default stdout"
    )
    parser.add_argument("--files", type=int, default=1, help="split into a directory of files")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be 0 or more")
    if args.output is None:
        if args.files > 1:
            parser.error("--files needs --output DIRECTORY")
        sys.stdout.write(render(generate(args.n, args.seed)))
        return 0
    write(args.n, args.seed, args.output, args.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``negotrack report``: a static site whose links resolve, whose text is text,
that fetches nothing and is the same byte for byte on every build."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

import negotrack
from negotrack.render.html.output import MANIFEST
from tests.conftest import KBS, ROOT

BUNDLED = ROOT / "data" / "positions.yaml"
HOSTILE = KBS / "hostile-text.yaml"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


class Page(HTMLParser):
    """What a test needs of a page: ids, links, sources, tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.links.append((str(found[name]), found))


def build(cli, tmp_path: Path, kb: Path, *args: str) -> Path:
    site = tmp_path / "site"
    result = cli("report", "--kb", kb, "--output", site, *args)
    assert result.exit_code == 0, result.output
    return site


def pages(site: Path) -> dict[str, Page]:
    parsed = {}
    for path in sorted(site.glob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path.name] = page
    return parsed


@pytest.mark.parametrize(
    "kb", [BUNDLED, KBS / "read.yaml", KBS / "scales.yaml"], ids=["bundled", "read", "scales"]
)
def test_every_internal_link_and_anchor_resolves(cli, tmp_path: Path, kb: Path) -> None:
    site = build(cli, tmp_path, kb)
    parsed = pages(site)
    assert "index.html" in parsed and "timeline.html" in parsed and "references.html" in parsed
    for name, page in parsed.items():
        for target, attrs in page.links:
            if target.startswith(("http://", "https://")):
                assert name == "references.html", (name, target)
                assert attrs.get("rel") == "noopener noreferrer"
                continue
            file, _, anchor = target.partition("#")
            file = file or name
            assert (site / file).is_file(), (name, target)
            if anchor:
                assert anchor in parsed[file].ids, (name, target)


def test_one_marker_per_position_and_one_rule_per_event(cli, tmp_path: Path) -> None:
    site = build(cli, tmp_path, BUNDLED)
    kb = negotrack.open_kb(BUNDLED)
    text = (site / "timeline.html").read_text(encoding="utf-8")
    markers = re.findall(r'data-position="([^"]+)"', text)
    rules = re.findall(r'data-event="([^"]+)"', text)
    assert sorted(markers) == sorted(p.id for p in kb.positions)
    assert sorted(rules) == sorted(e.id for e in kb.events)
    assert "<title" in text and 'role="img"' in text


def test_every_position_has_a_stable_anchor_on_its_actors_page(cli, tmp_path: Path) -> None:
    site = build(cli, tmp_path, BUNDLED)
    parsed = pages(site)
    kb = negotrack.open_kb(BUNDLED)
    for p in kb.positions:
        assert f"pos-{p.id}" in parsed[f"actor-{p.actor}.html"].ids, p.id
    for s in kb.sources:
        assert f"src-{s.id}" in parsed["references.html"].ids


def test_nothing_is_fetched_from_the_network(cli, tmp_path: Path) -> None:
    site = build(cli, tmp_path, BUNDLED)
    kb = negotrack.open_kb(BUNDLED)
    urls = {s.url for s in kb.sources}
    for path in site.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "@import" not in text
        # url() only for the arrowhead defined in the picture itself
        assert set(re.findall(r"url\(([^)]*)\)", text)) <= {"#arrow"}, path.name
        for found in re.findall(r"https?://[^\s\"'<>]+", text):
            assert found == SVG_NAMESPACE or found in urls, (path.name, found)
    for page in pages(site).values():
        for tag, attrs in page.tags:
            if tag in ("img", "script", "iframe", "link", "source", "video", "audio"):
                target = str(attrs.get("src") or attrs.get("href") or "")
                assert not target.startswith(("http:", "https:", "//")), (tag, target)


def test_a_second_build_is_byte_identical(cli, tmp_path: Path) -> None:
    first = build(cli, tmp_path / "a", BUNDLED)
    second = build(cli, tmp_path / "b", BUNDLED)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_hostile_kb_text_is_escaped(cli, tmp_path: Path) -> None:
    site = build(cli, tmp_path, HOSTILE)
    for page in pages(site).values():
        for tag, attrs in page.tags:
            assert tag != "script"
            for name, value in attrs.items():
                assert not name.startswith("on"), (tag, name)
                if name in ("href", "src", "xlink:href"):
                    assert not str(value).strip().lower().startswith(("javascript:", "data:"))
    text = (site / "actor-x.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;tag&lt;/b&gt;" in text


def test_a_non_empty_directory_is_refused_without_force(cli, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine\n")
    result = cli("report", "--kb", KBS / "read.yaml", "--output", site)
    assert result.exit_code == 1
    assert "is not empty; use --force" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == ["notes.txt"]


def test_force_removes_only_files_of_the_earlier_report(cli, tmp_path: Path) -> None:
    site = build(cli, tmp_path, KBS / "read.yaml")
    (site / "notes.txt").write_text("mine\n")
    assert (site / "actor-east.html").is_file()
    result = cli("report", "--kb", KBS / "read.yaml", "-o", site, "--actor", "north", "--force")
    assert result.exit_code == 0, result.output
    assert not (site / "actor-east.html").exists()
    assert (site / "actor-north.html").is_file()
    assert (site / "notes.txt").read_text() == "mine\n"
    assert "actor-north.html" in (site / MANIFEST).read_text()


def test_an_output_that_is_a_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    result = cli("report", "--kb", KBS / "read.yaml", "--output", target)
    assert result.exit_code == 2
    assert target.read_text() == "x"


def test_as_of_actor_and_issue_narrow_the_site(cli, tmp_path: Path) -> None:
    site = build(
        cli, tmp_path, KBS / "read.yaml", "--actor", "north", "--issue", "land", "--title", "Land"
    )
    names = sorted(p.name for p in site.glob("*.html"))
    assert "actor-north.html" in names and "actor-south.html" not in names
    assert all(
        not n.startswith("issue-")
        or n.startswith(("issue-land", "issue-coast", "issue-harbour", "issue-hills"))
        for n in names
    )
    assert "<title>Overview · Land</title>" in (site / "index.html").read_text()


def test_timeline_as_svg_on_stdout(cli) -> None:
    result = cli("timeline", "--kb", KBS / "read.yaml", "--format", "svg", "--actor", "north")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<svg ") and result.stdout.rstrip().endswith("</svg>")
    kb = negotrack.open_kb(KBS / "read.yaml")
    markers = re.findall(r'data-position="([^"]+)"', result.stdout)
    assert sorted(markers) == sorted(p.id for p in kb.positions if p.actor == "north")


def test_a_scaled_issue_page_draws_the_zone_and_documents_carry_verdicts(cli, tmp_path) -> None:
    site = build(cli, tmp_path, KBS / "scales.yaml")
    valley = (site / "issue-valley.html").read_text(encoding="utf-8")
    kb = negotrack.open_kb(KBS / "scales.yaml")
    issue = kb.issue("valley")
    assert issue is not None
    assert re.findall(r'data-option="([^"]+)"', valley) == [o.id for o in issue.scale]
    assert "No zone: a gap of 1 step." in valley
    assert re.findall(r'data-actor="([^"]+)"', valley) == ["north", "south", "west", "east"]
    for document in kb.documents:
        page = (site / f"document-{document.id}.html").read_text(encoding="utf-8")
        for provision in document.provisions:
            assert f'id="prov-{provision.id}"' in page
        assert "acceptable" in page or "unknown" in page


def test_an_empty_output_is_a_usage_error_not_the_current_folder(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("report", "--kb", KBS / "read.yaml", "--output", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith("the output directory is empty: name a directory\n")
    assert list(tmp_path.iterdir()) == []


def test_the_zone_chart_is_worked_out_among_the_actors_reported(cli, tmp_path) -> None:
    site = build(cli, tmp_path, KBS / "scales.yaml", "--actor", "north", "--actor", "west")
    valley = (site / "issue-valley.html").read_text(encoding="utf-8")
    assert re.findall(r'data-actor="([^"]+)"', valley) == ["north", "west"]
    assert "zone of possible agreement" in valley and "No zone" not in valley


def test_an_actors_current_stances_carry_their_quotes_and_citations(cli, tmp_path) -> None:
    site = build(cli, tmp_path, KBS / "scales.yaml")
    page = (site / "actor-north.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="stances">') : page.index("</table>")]
    kb = negotrack.open_kb(KBS / "scales.yaml")
    quoted = [p for p in kb.positions if p.actor == "north" and p.quote]
    assert any(f"<q>{escape(p.quote)}</q>" in table for p in quoted)
    assert 'href="references.html#src-' in table

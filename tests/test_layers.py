"""The house rules of the code: core messages name fields, not options."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from negotrack.errors import Field, OutputExists

PACKAGE = Path(__file__).parent.parent / "negotrack"
# Arguments negotrack passes to other programs (git) are not its own options.
FOREIGN = {"--show-toplevel", "--verify", "--quiet", "--name-only"}
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _strings(tree: ast.AST) -> list[str]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    ]


def test_core_code_never_names_a_command_line_option() -> None:
    named = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "cli":
            continue
        for text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            named += [(path.name, o) for o in OPTION.findall(text) if o not in FOREIGN]
    assert named == []


def test_a_message_names_a_field_as_the_library_or_the_command_line_spells_it() -> None:
    error = OutputExists("out.json already exists; use ", Field("force"), " to replace it")
    assert error.message == str(error) == "out.json already exists; use force to replace it"
    assert error.text(lambda f: "--" + f.name) == (
        "out.json already exists; use --force to replace it"
    )


def test_the_library_raises_with_field_names(tmp_path: Path) -> None:
    import negotrack
    from negotrack.render.export import export

    target = tmp_path / "out.json"
    target.write_text("{}")
    kb = negotrack.open_kb(Path(__file__).parent / "kbs" / "minimal.yaml", cache=False)
    with pytest.raises(OutputExists, match="use force to replace it"):
        export(kb, "json", str(target))


#: The stages, lowest first: a module may import its own stage and those below it.
RANK = {
    "errors": 0,
    "atomic": 0,
    "jsontext": 0,
    "model": 0,
    "load": 1,
    "analysis": 2,
    "checks": 3,
    "render": 4,
    "curate": 4,
    "cli": 5,
}


def _imports(tree: ast.AST) -> list[str]:
    """Every negotrack module a module imports, at its top or inside a function."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "negotrack":
                found += [f"negotrack.{alias.name}" for alias in node.names]
            elif node.module.startswith("negotrack."):
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("negotrack.")]
    return found


def test_imports_run_downward_only() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        stage = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if stage not in RANK:
            continue  # __init__, __main__: the package's front door
        for module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            target = module.split(".")[1]
            if target in RANK and RANK[target] > RANK[stage]:
                upward.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert upward == []


def test_the_parse_cache_and_the_loader_do_not_import_each_other() -> None:
    cache = _imports(ast.parse((PACKAGE / "load" / "cache.py").read_text(encoding="utf-8")))
    assert "negotrack.load.loader" not in cache


def test_the_docs_list_every_rule_with_its_level_in_order() -> None:
    from negotrack.checks.rules import RULES

    text = (PACKAGE.parent / "docs" / "knowledge-base.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", text, re.MULTILINE)
    start = [name for name, _ in rows].index(RULES[0].ID)
    assert rows[start:] == [(rule.ID, rule.LEVEL) for rule in RULES]


def test_the_runner_gives_each_problem_its_rule_and_level() -> None:
    import negotrack
    from negotrack.checks import rules

    report = negotrack.check(PACKAGE.parent / "tests" / "bad_inputs" / "quote-missing.yaml")
    by_id = {rule.ID: rule.LEVEL for rule in rules.RULES}
    found = [p for p in report.problems if p.rule in by_id]
    assert found
    assert all(p.level == by_id[p.rule] for p in found)
    for rule in rules.RULES:
        assert rule.LEVEL in ("error", "warning")
        assert rule.__doc__


def test_every_view_renderer_is_known_to_to_text() -> None:
    import importlib

    from negotrack.render.formats import RENDERERS

    for name, module in RENDERERS.items():
        renderer = importlib.import_module(f"negotrack.render.{module}")
        hints = renderer.to_json.__annotations__
        assert hints["view"] == name, module
    for path in sorted((PACKAGE / "render").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^def to_json\(view: (\w+)", text, re.MULTILINE)
        if found:
            assert found.group(1) in RENDERERS, path.name

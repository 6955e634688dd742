"""What pyproject.toml promises about versions is what CI tests.

CI runs the suite twice: with the newest versions the pyproject allows, and
with the lowest, pinned in constraints/lowest.txt. That file must follow the
lower bounds whenever they move; the linters are pinned in the dev extra so
that every machine checks the code the same way.
"""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")


def name_of(text: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", text).lower()


def release(version: str) -> tuple[int, ...]:
    """``13.8`` and ``13.8.0`` are one release."""
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def specifiers(requirements: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Each requirement's name and its ``(operator, version)`` pairs."""
    found = {}
    for requirement in requirements:
        match = REQUIREMENT.match(requirement.split(";")[0].strip())
        assert match, requirement
        name, _, rest = match.groups()
        pairs = [re.match(r"(==|>=|<=|~=|!=|<|>)\s*(\S+)", s.strip()) for s in rest.split(",")]
        found[name_of(name)] = [(p.group(1), p.group(2)) for p in pairs if p]
    return found


def lowest() -> dict[str, str]:
    """The pins of constraints/lowest.txt."""
    pins = {}
    for line in (ROOT / "constraints" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"not a pin: {line}"
            pins[name_of(name.strip())] = version.strip()
    return pins


def test_lowest_pins_each_runtime_and_test_dependency_at_its_lower_bound() -> None:
    required = specifiers([*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]])
    bounds = {}
    for name, pairs in required.items():
        lower = [version for operator, version in pairs if operator == ">="]
        assert len(lower) == 1, f"{name} needs one lower bound (>=) in pyproject.toml"
        bounds[name] = release(lower[0])
    assert {name: release(v) for name, v in lowest().items()} == bounds


def test_the_dev_extra_pins_the_linters() -> None:
    dev = specifiers(PROJECT["optional-dependencies"]["dev"])
    for tool in ("ruff", "mypy"):
        assert [operator for operator, _ in dev[tool]] == ["=="], f"{tool} is not pinned"

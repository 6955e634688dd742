"""Cross-record checks, one module per rule.

Each rule module has an ``ID`` (shown in JSON output and the docs), a ``LEVEL``
(``error`` or ``warning``), a docstring that is its documentation, and
``check(kb)``, a generator of :class:`~negotrack.model.problems.Problem` that
only says what is wrong and where: :func:`run` fills in each problem's rule and
level from the rule (as yamllint's runner does).
"""

from __future__ import annotations

import dataclasses
from types import ModuleType

from negotrack.checks.rules import (
    ambiguous_name,
    claim_via,
    date_after_source,
    duplicate_id,
    duplicate_option,
    ideal_outside_range,
    issue_cycle,
    issue_without_question,
    no_scale,
    provision_answer,
    quote_required,
    range_order,
    revises_cycle,
    speaker_actor,
    stance_range,
    unknown_option,
    unknown_reference,
    unused_source,
    via_missing,
)
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

RULES: tuple[ModuleType, ...] = (
    duplicate_id,
    ambiguous_name,
    unknown_reference,
    speaker_actor,
    issue_cycle,
    date_after_source,
    quote_required,
    via_missing,
    claim_via,
    unused_source,
    issue_without_question,
    duplicate_option,
    revises_cycle,
    provision_answer,
    no_scale,
    unknown_option,
    range_order,
    ideal_outside_range,
    stance_range,
)


def run(kb: KnowledgeBase) -> list[Problem]:
    """Every problem every rule finds in ``kb``, with the rule's id and level."""
    return [
        dataclasses.replace(problem, rule=rule.ID, level=rule.LEVEL)
        for rule in RULES
        for problem in rule.check(kb)
    ]

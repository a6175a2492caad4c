"""Couplings as sentences a student understands: labels, not field names; words, not formulas.

The same sentence serves the scenario card (third person: "Ukraine accepts ...") and a role sheet
(second person, to the actor it concerns: "You accept ...").
"""

from __future__ import annotations

from collections.abc import Sequence

from negosim.scenario.couplings import Condition, Coupling, CrossTrack, Interaction
from negosim.scenario.model import Scenario


def coupling_sentence(coupling: Coupling, scenario: Scenario, you: str | None = None) -> str:
    """A coupling in one plain sentence, without a final full stop.

    Parameters
    ----------
    coupling
        A condition (red line), an interaction or a cross-track coupling.
    scenario
        Its scenario, for labels.
    you
        The actor the sentence is addressed to, if any (a role sheet's reader).

    Returns
    -------
    str
        The sentence.

    Examples
    --------
    >>> from negosim import load_scenario
    >>> minerals = load_scenario("minerals_deal")
    >>> red_line = minerals.couplings[0]
    >>> coupling_sentence(red_line, minerals)
    'Ukraine accepts no deal whose security guarantee is none or us economic presence'
    >>> coupling_sentence(red_line, minerals, you="ukraine")
    'You accept no deal whose security guarantee is none or us economic presence'
    """
    if isinstance(coupling, Condition):
        mine = coupling.actor == you
        who = "You" if mine else _label(scenario, coupling.actor)
        return f"{who} {'accept' if mine else 'accepts'} {_terms(coupling)}"
    if isinstance(coupling, Interaction):
        scaled = _words([_issue(i) for i in coupling.scales])
        owner = "you" if coupling.actor == you else _label(scenario, coupling.actor)
        return (
            f"What {scaled} {'is' if len(coupling.scales) == 1 else 'are'} worth to {owner} "
            f"depends on {_issue(coupling.by)}: from {coupling.floor:.0%} of the full value at "
            "worst to all of it at best"
        )
    assert isinstance(coupling, CrossTrack)
    owners = [("you" if a == you else _label(scenario, a)) for a in coupling.actors]
    return (
        f"Unless the {_issue(coupling.depends_on)} track is settled too, a deal on the "
        f"{_issue(coupling.track)} track keeps only {coupling.factor_without.value:.0%} of its "
        f"value to {_words(owners)}"
    )


def _terms(condition: Condition) -> str:
    """What a red line allows, after "accepts"."""
    issue = _issue(condition.issue)
    if condition.none_of is not None:
        return f"no deal whose {issue} is {_words(condition.none_of, 'or')}"
    if condition.one_of is not None:
        return f"only a deal whose {issue} is {_words(condition.one_of, 'or')}"
    bounds = [
        f"at least {condition.at_least:g}" if condition.at_least is not None else "",
        f"at most {condition.at_most:g}" if condition.at_most is not None else "",
    ]
    return f"only a deal whose {issue} is {' and '.join(b for b in bounds if b)}"


def _label(scenario: Scenario, actor: str) -> str:
    found = scenario.actors.get(actor)
    return found.label if found is not None else actor.replace("_", " ")


def _issue(name: str) -> str:
    return name.replace("_", " ")


def _words(items: Sequence[str], last: str = "and") -> str:
    shown = [item.replace("_", " ") for item in items]
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} {last} {shown[-1]}"

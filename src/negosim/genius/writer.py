"""Writing a negosim scenario as a GENIUS domain, for linear-additive scenarios.

GENIUS has discrete issues, weights and per-option evaluations (divided by the largest when read:
an issue whose best option is worth ``m`` < 1 is written with its weight times ``m``, so GENIUS's
weight × evaluation / largest is negosim's utility exactly), a reservation value and a discount
factor over the deadline (a per-round factor ``d`` is written as ``d ** deadline``, the same
discount in every round). What it cannot say is reported, never silently dropped: couplings,
tracks beyond one, ratification rules other than unanimity, and events.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ElementTree, SubElement, indent

from negosim.games.setup import walk_aways
from negosim.outcomes import build_space
from negosim.outcomes.space import make_axis
from negosim.outcomes.values import value_vector
from negosim.scenario.model import Scenario


def export_genius(scenario: Scenario, directory: Path) -> list[str]:
    """Write DIRECTORY/<name>_domain.xml and one <actor>.xml per actor; return what was lost."""
    space = build_space(scenario)
    lost = _inexpressible(scenario)
    directory.mkdir(parents=True, exist_ok=True)
    labels = {a.name: [str(a.value(i)) for i in range(a.size)] for a in space.axes}
    names = {a.name: scenario.issues[a.name].label or a.name for a in space.axes}
    _write(_domain(scenario.name, names, labels), directory / f"{scenario.name}_domain.xml")
    walkaway = walk_aways(scenario)
    for actor_name, actor in scenario.actors.items():
        root = Element("utility_space")
        SubElement(root, "reservation", value=repr(walkaway[actor_name]))
        objective = SubElement(
            root,
            "objective",
            index="0",
            etype="objective",
            type="objective",
            description="",
            name=scenario.name,
        )
        weights = {k: actor.weights[k].value if k in actor.weights else 0.0 for k in labels}
        total = (sum(weights.values()) or 1.0) if actor.weighting == "normalised" else 1.0
        tops = {}
        for index, (issue, options) in enumerate(labels.items(), start=1):
            element = SubElement(
                objective,
                "issue",
                index=str(index),
                etype="discrete",
                type="discrete",
                vtype="discrete",
                name=names[issue],
            )
            values = _values(scenario, actor_name, issue, len(options))
            tops[issue] = max(values)
            for item, (label, value) in enumerate(zip(options, values, strict=True), start=1):
                SubElement(element, "item", index=str(item), value=label, evaluation=repr(value))
        for index, issue in enumerate(labels, start=1):
            weight = weights[issue] / total * (tops[issue] if tops[issue] > 0 else 1.0)
            SubElement(objective, "weight", index=str(index), value=repr(weight))
        SubElement(root, "discount_factor", value=repr(_deadline_discount(scenario, actor_name)))
        _write(root, directory / f"{actor_name}.xml")
    return lost


def _deadline_discount(scenario: Scenario, actor: str) -> float:
    """GENIUS discounts over the deadline: a per-round factor ``d`` over ``D`` rounds is ``d ** D``."""
    discount = scenario.actors[actor].discount
    deadline = max(t.deadline for t in scenario.tracks.values() if t.negotiated)
    return discount.value if discount.per == "deadline" else float(discount.value**deadline)


def _values(scenario: Scenario, actor: str, issue: str, size: int) -> list[float]:
    spec = scenario.actors[actor]
    if issue not in spec.values:
        return [1.0] * size
    return [
        float(v) for v in value_vector(spec.values[issue], make_axis(issue, scenario.issues[issue]))
    ]


def _inexpressible(scenario: Scenario) -> list[str]:
    lost = [
        f"coupling {i} ({c.kind}) has no GENIUS equivalent"
        for i, c in enumerate(scenario.couplings)
    ]
    if len(scenario.negotiated_tracks()) > 1:
        lost.append("several tracks: exported as one package")
    lost += [
        f"track {t}: rule {tr.ratification.rule} exported as unanimity"
        for t, tr in scenario.tracks.items()
        if tr.ratification.rule != "unanimity"
    ]
    lost += [f"{len(scenario.events)} events have no GENIUS equivalent"] if scenario.events else []
    lost += [
        f"issue {name} is a transferable good: its rates have no GENIUS equivalent (weight 0)"
        for name, issue in scenario.issues.items()
        if getattr(issue, "rates", None)
    ]
    lost += [f"bloc {name} has no GENIUS equivalent" for name in scenario.blocs]
    return lost


def _domain(name: str, names: dict[str, str], labels: dict[str, list[str]]) -> Element:
    root = Element("negotiation_template")
    space = SubElement(root, "utility_space", number_of_issues=str(len(labels)))
    objective = SubElement(
        space,
        "objective",
        description="",
        etype="objective",
        index="0",
        name=name,
        type="objective",
    )
    for index, (issue, options) in enumerate(labels.items(), start=1):
        element = SubElement(
            objective,
            "issue",
            etype="discrete",
            index=str(index),
            name=names[issue],
            type="discrete",
            vtype="discrete",
        )
        for item, label in enumerate(options, start=1):
            SubElement(element, "item", index=str(item), value=label, cost="0", description=label)
    return root


def _write(root: Element, path: Path) -> None:
    indent(root)
    temporary = path.with_name(f".{path.name}.partial")
    ElementTree(root).write(temporary, encoding="utf-8", xml_declaration=False)
    temporary.replace(path)

"""A parameter's dotted path in words, for people: "Russia's cost of the war", not a YAML path.

Reports, the dashboard and the command line name sampled and swept parameters this way; a path
with no reading of its own is shown as it is.
"""

from __future__ import annotations

from negosim.scenario.model import Scenario

PARAMETER_WORDS = {
    "reservation": "walk-away",
    "power": "power",
    "discount": "patience",
    "cost": "cost per round",
    "weight": "priorities",
}
"""An actor's parameters as negosim names them to people, everywhere (one vocabulary)."""


def parameter_words(scenario: Scenario, path: str) -> str:
    """What a dotted path names, in words.

    Parameters
    ----------
    scenario
        The scenario the path belongs to (for labels).
    path
        A dotted path, as in ``uncertainty``, a sweep or a sensitivity analysis.

    Returns
    -------
    str
        A phrase, or the path itself when there is none.

    Examples
    --------
    >>> from negosim import load_scenario
    >>> nato = load_scenario("nato_security")
    >>> print(parameter_words(nato, "tracks.security.war.costs.russia"))
    what the war costs Russia
    >>> print(parameter_words(nato, "tracks.security.war.victory"))
    Ukraine's chance of winning the war
    >>> print(parameter_words(nato, "actors.us.reservation"))
    United States' walk-away
    """
    parts = path.split(".")
    if parts[0] == "actors" and len(parts) >= 3 and parts[1] in scenario.actors:
        return _actor_words(scenario, parts)
    if parts[0] == "tracks" and len(parts) >= 3 and parts[1] in scenario.tracks:
        return _track_words(scenario, parts)
    return path


def _actor_words(scenario: Scenario, parts: list[str]) -> str:
    whose = possessive(scenario.actors[parts[1]].label)
    field = parts[2]
    if field in PARAMETER_WORDS and len(parts) == 3:
        return f"{whose} {PARAMETER_WORDS[field]}"
    if field == "weights" and len(parts) == 4:
        return f"{whose} weight on {parts[3].replace('_', ' ')}"
    if field == "strategy" and len(parts) == 5:
        return f"{whose} strategy {parts[4].replace('_', ' ')}"
    return ".".join(parts)


def _track_words(scenario: Scenario, parts: list[str]) -> str:
    track = scenario.tracks[parts[1]]
    if parts[2] == "breakdown":
        return f"the chance each round that the {parts[1]} talks break down"
    if parts[2] == "deadline":
        return f"the {parts[1]} talks' deadline"
    war = track.war
    if parts[2] == "war" and war is not None and len(parts) >= 4:
        if parts[3] == "victory":
            return f"{possessive(_label(scenario, war.sides[0]))} chance of winning the war"
        if parts[3] == "costs" and len(parts) == 5:
            return f"what the war costs {_label(scenario, parts[4])}"
    return ".".join(parts)


def _label(scenario: Scenario, actor: str) -> str:
    found = scenario.actors.get(actor)
    return found.label if found is not None else actor


def possessive(label: str) -> str:
    """A name's possessive: "Russia's", "United States'".

    Parameters
    ----------
    label
        A name.

    Returns
    -------
    str
        With ``'s``, or ``'`` after a final s.
    """
    return f"{label}'" if label.endswith("s") else f"{label}'s"

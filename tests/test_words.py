"""Parameters and couplings in words a class reads, not YAML paths or field names."""

from __future__ import annotations

import pytest

from negosim.engine.catalogue import load_scenario
from negosim.report.sentences import coupling_sentence
from negosim.scenario.words import parameter_words


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("tracks.security.war.costs.russia", "what the war costs Russia"),
        ("tracks.security.war.victory", "Ukraine's chance of winning the war"),
        ("tracks.security.breakdown", "the chance each round that the security talks break down"),
        ("actors.us.reservation", "United States' walk-away"),
        ("actors.europe.discount", "European allies' patience"),
        ("actors.russia.power", "Russia's power"),
        ("actors.ukraine.weights.territory", "Ukraine's weight on territory"),
        ("actors.us.strategy.params.exponent", "United States' strategy exponent"),
        ("issues.territory.status_quo", "issues.territory.status_quo"),  # no reading: as it is
    ],
)
def test_a_parameter_reads_as_words(path: str, words: str) -> None:
    assert parameter_words(load_scenario("nato_security"), path) == words


def test_a_coupling_reads_as_a_sentence_to_the_class_and_to_its_actor() -> None:
    grand = load_scenario("grand_bargain")
    sentences = [coupling_sentence(c, grand) for c in grand.couplings]
    assert "Russia accepts no deal whose nato path is invited" in sentences
    assert (
        "What repayment is worth to United States depends on revenue share: from 0% of the "
        "full value at worst to all of it at best" in sentences
    )
    assert all("_" not in sentence for sentence in sentences)
    mine = [coupling_sentence(c, grand, you="us") for c in grand.couplings]
    assert "You accept no deal whose nato path is invited" in mine

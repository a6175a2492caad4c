"""Each protocol's own settings, typed.

What the recognition, mediated and expected-utility protocols read from a game besides its
utilities.

A game carries one :class:`ProtocolOptions` with a part per protocol, so that a protocol reads its
settings by attribute and a misspelt key is a type error rather than a silent default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from negosim.arrays import FloatArray


@dataclass(frozen=True)
class RecognitionOptions:
    """Who is recognised to propose in recognition bargaining.

    Attributes
    ----------
    weights
        ``"equal"``: every actor with the same chance; ``"power"``: in proportion to power.
    """

    weights: Literal["equal", "power"] = "equal"


@dataclass(frozen=True)
class MediationOptions:
    """Who holds the chair of the single negotiating text.

    Attributes
    ----------
    mediator
        Column of the actor who mediates, or ``None`` for a neutral mediator.
    """

    mediator: int | None = None


@dataclass(frozen=True, eq=False)
class Positions:
    """Bueno de Mesquita's inputs: each actor's ideal point and salience on each issue scale.

    Attributes
    ----------
    ideal
        (actors, issues) the position of each actor's most valued option on each issue.
    salience
        (actors, issues) each actor's salience of each issue in [0, 1]: as the scenario states
        it, or else the issue's weight over the actor's largest weight.
    rules
        Whose formalisation the dynamics follow: ``scholz`` (Scholz, Calbert and Smith 2011) or
        ``masad`` (David Masad's public replication of it).
    """

    ideal: FloatArray
    salience: FloatArray
    rules: Literal["scholz", "masad"] = "scholz"

    @classmethod
    def empty(cls, actors: int) -> Positions:
        """No issues: a game built from arrays alone (textbook games).

        Parameters
        ----------
        actors
            Number of actors.

        Returns
        -------
        Positions
            Zero-width arrays.
        """
        return cls(np.zeros((actors, 0)), np.zeros((actors, 0)))


@dataclass(frozen=True)
class ProtocolOptions:
    """The settings of every protocol for one game; each protocol reads its own part.

    Attributes
    ----------
    recognition
        Recognition bargaining's proposer draw.
    mediation
        The mediated text's chair.
    positions
        The expected-utility model's positions, ``None`` when the game has no issue scales.
    """

    recognition: RecognitionOptions = field(default_factory=RecognitionOptions)
    mediation: MediationOptions = field(default_factory=MediationOptions)
    positions: Positions | None = None

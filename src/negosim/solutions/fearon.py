"""Fearon (1995), "Rationalist explanations for war": the bargaining range and the risk-return trade-off.

Two sides dispute a unit pie; the first wins a war with probability ``p`` and fighting costs the
sides ``c_A`` and ``c_B``. With complete information every share ``x`` of the first side in
``[p − c_A, p + c_B]`` is worth at least fighting to both, so a deal always exists. When the second
side's cost is private, a first side that asks for more risks a war: its optimal demand trades the
better deal against the chance that the other side prefers to fight.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def bargaining_range(victory: float, cost_first: float, cost_second: float) -> tuple[float, float]:
    """The first side's shares that both sides prefer to fighting, on a unit pie.

    Parameters
    ----------
    victory
        The first side's probability of winning, ``p``.
    cost_first
        The first side's cost of fighting, ``c_A``.
    cost_second
        The second side's cost of fighting, ``c_B``.

    Returns
    -------
    tuple of float
        ``(p − c_A, p + c_B)``, within [0, 1].

    Examples
    --------
    >>> bargaining_range(0.6, 0.1, 0.25)
    (0.5, 0.85)
    """
    return max(0.0, victory - cost_first), min(1.0, victory + cost_second)


def screening_demand(
    demands: npt.ArrayLike,
    victory: float,
    cost_first: float,
    costs_second: npt.ArrayLike,
    prior: npt.ArrayLike,
) -> tuple[float, float]:
    """The first side's best take-it-or-leave-it demand when the second side's cost is private.

    The second side of cost ``c`` accepts a demand ``x`` when ``1 − x ≥ 1 − p − c``, i.e. when
    ``c ≥ x − p``; a refusal means war, worth ``p − c_A`` to the first side.

    Parameters
    ----------
    demands
        The first side's shares it may demand.
    victory
        The first side's probability of winning, ``p``.
    cost_first
        The first side's cost of fighting, ``c_A``.
    costs_second
        The second side's possible costs (its types).
    prior
        Each type's probability.

    Returns
    -------
    tuple of float
        The demand that maximises the first side's expected utility, and the chance of war it
        runs (the first of equally good demands).
    """
    x = np.asarray(demands, dtype=np.float64)
    c = np.asarray(costs_second, dtype=np.float64)
    weights = np.asarray(prior, dtype=np.float64) / np.sum(prior)
    accepted = (c[np.newaxis, :] >= x[:, np.newaxis] - victory - 1e-12) @ weights
    expected = accepted * x + (1.0 - accepted) * (victory - cost_first)
    best = int(np.argmax(expected))
    return float(x[best]), float(1.0 - accepted[best])


def uniform_screening_demand(
    victory: float, cost_first: float, cost_ceiling: float
) -> tuple[float, float]:
    """Fearon's closed form for :func:`screening_demand` when ``c_B`` is uniform on [0, c̄].

    The first side's expected utility ``(1 − (x − p)/c̄) x + ((x − p)/c̄)(p − c_A)`` is concave in
    ``x``; its maximum is ``x* = p + (c̄ − c_A)/2``, kept within ``[p, min(p + c̄, 1)]``, and the chance
    of war is ``(x* − p)/c̄``: a side that fights cheaply demands less and risks less.

    Parameters
    ----------
    victory
        The first side's probability of winning, ``p``.
    cost_first
        The first side's cost of fighting, ``c_A``.
    cost_ceiling
        The largest cost the second side may have, ``c̄ > 0``.

    Returns
    -------
    tuple of float
        The optimal demand and the chance of war it runs.

    Examples
    --------
    >>> demand, risk = uniform_screening_demand(0.5, 0.1, 0.3)
    >>> round(demand, 6), round(risk, 6)
    (0.6, 0.333333)
    """
    demand = victory + (cost_ceiling - cost_first) / 2.0
    demand = min(max(demand, victory), victory + cost_ceiling, 1.0)
    return demand, (demand - victory) / cost_ceiling

"""Nash bargaining with side payments: with transferable utility the pie is the joint surplus.

When money (aid, sanctions relief) can change hands at a rate ``r_i`` of utility per unit, a deal
is terms plus payments. For fixed terms, the payments that maximise the Nash product give every
actor the same share of the surplus measured in money, ``M = Σ (u_i − d_i)/r_i``: actor ``i`` ends
at ``d_i + r_i M / n``, and the product is ``Π r_i (M/n)^n``, larger the larger ``M``. So the Nash
solution of the enlarged game chooses the terms with the greatest joint surplus (in money; in
utility when the rates are equal) and splits it equally — the classic result for transferable
utility under unanimity.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from negosim.arrays import FloatArray


def joint_surplus(
    agenda: npt.ArrayLike, disagreement: npt.ArrayLike, rates: npt.ArrayLike
) -> tuple[int, FloatArray]:
    """The Nash solution with unlimited transfers: its terms, and each actor's utility in it.

    Parameters
    ----------
    agenda
        (outcomes, actors) each actor's utility of the terms, before any payment.
    disagreement
        What each actor gets without a deal.
    rates
        Each actor's utility per unit of money (positive).

    Returns
    -------
    tuple
        The row with the greatest money surplus ``Σ (u_i − d_i)/r_i`` (the first of equals), and
        ``d_i + r_i M / n``: each actor's utility once payments split that surplus equally.

    Examples
    --------
    The terms best for the pair are row 1 (0.9 + 0.5), although actor 0 alone prefers row 0;
    a payment of 0.15 from actor 1 to actor 0 leaves each 0.7:

    >>> terms, shares = joint_surplus([[1.0, 0.1], [0.9, 0.5]], [0.0, 0.0], [1.0, 1.0])
    >>> terms, shares.round(3).tolist()
    (1, [0.7, 0.7])
    """
    u = np.asarray(agenda, dtype=np.float64)
    d = np.asarray(disagreement, dtype=np.float64)
    r = np.asarray(rates, dtype=np.float64)
    money = ((u - d) / r).sum(axis=1)
    best = int(np.argmax(money))
    shares: FloatArray = d + r * money[best] / len(r)
    return best, shares

"""``δ ** t`` for every run, round and actor, computed as each engine's code computes it.

The Mesa engine raises a game's patience array to a Python integer (numpy's array power, which
squares for t = 2) in some places and a Python float to an integer (libm's ``pow``) in others; the
kernels read whichever the code they transcribe uses. Each distinct patience factor is raised once.
"""

from __future__ import annotations

import numpy as np

from negosim.arrays import FloatArray


def python_powers(discount: FloatArray, deadline: int) -> FloatArray:
    """``δ ** t`` as Python's float power computes it (what ``Seat.worth`` uses).

    Parameters
    ----------
    discount
        (runs, actors) per-round patience.
    deadline
        The last round needed (inclusive).

    Returns
    -------
    FloatArray
        (runs, deadline + 1, actors).
    """
    distinct, which = np.unique(discount, return_inverse=True)
    table = np.array([[d**k for k in range(deadline + 1)] for d in distinct.tolist()])
    powers: FloatArray = np.ascontiguousarray(
        table[which.reshape(discount.shape)].transpose(0, 2, 1)
    )
    return powers


def array_powers(discount: FloatArray, deadline: int) -> FloatArray:
    """``δ ** t`` as numpy's array power computes it (``game.discount ** t`` in the Mesa engine).

    Each distinct row of patience factors is raised once, as the Mesa engine raises a game's
    (an array to a Python integer power, so that numpy squares for t = 2 as it does there).

    Parameters
    ----------
    discount
        (runs, actors) per-round patience.
    deadline
        The last round needed (inclusive).

    Returns
    -------
    FloatArray
        (runs, deadline + 1, actors).
    """
    rows, which = np.unique(discount, axis=0, return_inverse=True)
    table = np.stack([np.stack([row**k for k in range(deadline + 1)]) for row in rows])
    powers: FloatArray = table[which.reshape(-1)]
    return powers

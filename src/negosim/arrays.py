"""Array aliases shared by every layer: numpy arrays of the dtypes negosim computes with."""

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
"""Utilities, powers, probabilities."""
IntArray = npt.NDArray[np.int64]
"""Outcome indices and issue levels."""
BoolArray = npt.NDArray[np.bool_]
"""Masks over outcomes or actors."""


def row_sums(matrix: FloatArray) -> FloatArray:
    """Each row's sum, added left to right.

    numpy's own sum picks its order of additions by array layout, so the last bit of a sum
    could differ from a compiled loop's; the Mesa engine and the batch engine both add in this
    order, so that the offers they compare, and the deals they reach, are the same.

    Parameters
    ----------
    matrix
        (rows, columns), at least one column.

    Returns
    -------
    FloatArray
        One sum per row.
    """
    total: FloatArray = matrix[:, 0].astype(np.float64, copy=True)
    for column in range(1, matrix.shape[1]):
        total += matrix[:, column]
    return total

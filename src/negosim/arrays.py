"""Array aliases shared by every layer: numpy arrays of the dtypes negosim computes with."""

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
"""Utilities, powers, probabilities."""
IntArray = npt.NDArray[np.int64]
"""Outcome indices and issue levels."""
BoolArray = npt.NDArray[np.bool_]
"""Masks over outcomes or actors."""

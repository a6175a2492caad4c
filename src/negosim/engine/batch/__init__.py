"""The batch engine: many runs of one game played at once by compiled kernels.

The Mesa model (:class:`negosim.engine.model.NegotiationModel`) stays the reference and plays
single negotiations, people and anything without a kernel; the batch engine plays Monte Carlo
blocks of the protocols and strategies it has kernels for, with the same results to the last bit.
"""

from negosim.engine.batch.block import play_block, unsupported
from negosim.engine.batch.runs import Played, Runs

__all__ = ["Played", "Runs", "play_block", "unsupported"]

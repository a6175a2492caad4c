"""How much work negosim takes on before it refuses: the limits that keep every command bounded.

A scenario can be valid and still ask for hours of computation or gigabytes of tables (an issue in
steps of a millionth, a deadline of 100,000 rounds). Rather than run on, negosim estimates the work
before it starts and refuses with the estimate and the limit, which the user can raise.

The limits are read from environment variables, so that the command line, the dashboard and every
worker process see the same values without passing them around.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

TABLE_BYTES_PER_CELL = 40
"""Working memory per outcome and actor: the utility table (8 bytes), its masks, the sorted copies
and scratch arrays of the frontier and the solutions (measured peak: 34-38 bytes on the bundled
scenarios refined to a million outcomes)."""


class WorkLimitError(ValueError):
    """A computation would exceed one of the configured limits; the message names the estimate."""


class LimitSettingError(ValueError):
    """An environment variable that sets a limit holds something other than a positive number."""


@dataclass(frozen=True)
class Limits:
    """The configured limits, each with the environment variable that sets it.

    Attributes
    ----------
    table_mb
        Working memory for one outcome table, in megabytes (``NEGOSIM_MAX_TABLE_MB``).
    induction_steps
        Outcomes times rounds of backward induction (``NEGOSIM_MAX_INDUCTION_STEPS``).
    pareto_checks
        Pairwise dominance checks when finding a Pareto frontier
        (``NEGOSIM_MAX_PARETO_CHECKS``).
    file_mb
        Size of an input file read (scenario, GENIUS domain), in megabytes
        (``NEGOSIM_MAX_FILE_MB``).
    """

    table_mb: float = 2048
    induction_steps: float = 1e9
    pareto_checks: float = 1e10
    file_mb: float = 20

    @staticmethod
    def variable(name: str) -> str:
        """The environment variable that sets a limit.

        Parameters
        ----------
        name
            The attribute's name.

        Returns
        -------
        str
            ``NEGOSIM_MAX_`` and the name in capitals.
        """
        return "NEGOSIM_MAX_" + name.upper()

    @property
    def file_bytes(self) -> int:
        """The input-file limit in bytes.

        Returns
        -------
        int
            ``file_mb`` megabytes.
        """
        return int(self.file_mb * 1_000_000)


def current() -> Limits:
    """The limits in force: the defaults, overridden by the environment.

    Returns
    -------
    Limits
        Read afresh on every call (a test or a user may change the environment).

    Raises
    ------
    LimitSettingError
        When a variable is set to something other than a positive number.
    """
    values = {}
    for spec in fields(Limits):
        variable = Limits.variable(spec.name)
        text = os.environ.get(variable)
        if text is None:
            continue
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not 0 < value < float("inf"):
            raise LimitSettingError(f"{variable}={text!r}: allowed is a positive number")
        values[spec.name] = value
    return Limits(**values)


def refuse(what: str, estimate: float, limit: float, unit: str, setting: str) -> WorkLimitError:
    """The error for work over a limit, worded the same everywhere.

    Parameters
    ----------
    what
        The work, e.g. "backward induction over 8,100,000 outcomes x 100,000 rounds".
    estimate
        Its size.
    limit
        The limit in force.
    unit
        What both count.
    setting
        The attribute of :class:`Limits` that sets the limit.

    Returns
    -------
    WorkLimitError
        To raise.
    """
    return WorkLimitError(
        f"{what} needs about {estimate:,.0f} {unit}, over the limit of {limit:,.0f} "
        f"({Limits.variable(setting)}; raise it to go on)"
    )


def check_induction(outcomes: int, rounds: int) -> None:
    """Refuse backward induction whose table-times-horizon work is over the limit.

    Parameters
    ----------
    outcomes
        The outcomes solved over.
    rounds
        The horizon.

    Raises
    ------
    WorkLimitError
        When ``outcomes x rounds`` is over ``induction_steps``.
    """
    allowed = current().induction_steps
    if outcomes * rounds > allowed:
        raise refuse(
            f"backward induction over {outcomes:,} outcomes x {rounds:,} rounds",
            outcomes * rounds,
            allowed,
            "outcome-rounds",
            "induction_steps",
        )

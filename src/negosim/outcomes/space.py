"""The discretised outcome space: every combination of one option per issue.

An outcome is a flat index into the C-ordered grid of issue levels, so per-outcome data are plain
numpy columns and a million outcomes cost a few megabytes per actor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from negosim import limits
from negosim.arrays import FloatArray, IntArray
from negosim.scenario.issues import ContinuousIssue, Issue
from negosim.scenario.model import Scenario

OutcomeValue = float | str


class SpaceTooLargeError(limits.WorkLimitError):
    """The product of the issues' levels is beyond what can be tabulated."""


@dataclass(frozen=True, eq=False)
class Axis:
    """One issue's options: numeric grid points (continuous) or ranks of labels (ordinal, categorical)."""

    name: str
    kind: str
    track: str
    points: FloatArray
    labels: tuple[str, ...] | None
    status_quo: int
    draft: int | None = None
    """The level of the draft terms, where the scenario gives them."""

    @property
    def size(self) -> int:
        """The number of levels.

        Returns
        -------
        int
            Length of :attr:`points`.
        """
        return len(self.points)

    def value(self, level: int) -> OutcomeValue:
        """What a level means: its label, or its number on a continuous issue.

        Parameters
        ----------
        level
            A level of this issue.

        Returns
        -------
        str or float
            The option.
        """
        return (
            self.labels[level] if self.labels is not None else round(float(self.points[level]), 12)
        )

    def level_of(self, value: OutcomeValue) -> int:
        """The level of an option (the nearest level for a number).

        Parameters
        ----------
        value
            A label or a number.

        Returns
        -------
        int
            Its level.
        """
        if self.labels is not None:
            return self.labels.index(str(value))
        return int(np.argmin(np.abs(self.points - float(value))))


def make_axis(name: str, issue: Issue) -> Axis:
    """An issue's levels; its status quo (default: the first level) is what holds without a deal.

    Parameters
    ----------
    name
        The issue's name.
    issue
        The issue as the scenario states it.

    Returns
    -------
    Axis
        Its levels, labels, status quo and draft.
    """
    if isinstance(issue, ContinuousIssue):
        points = issue.min + issue.step * np.arange(issue.levels, dtype=np.float64)
        points[-1] = issue.max
        axis = Axis(name, issue.kind, issue.track, points, None, 0)
        status_quo: OutcomeValue = issue.min if issue.status_quo is None else issue.status_quo
    else:
        ranks = np.arange(issue.levels, dtype=np.float64)
        axis = Axis(name, issue.kind, issue.track, ranks, tuple(issue.values), 0)
        status_quo = issue.status_quo or issue.values[0]
    draft = None if issue.draft is None else axis.level_of(issue.draft)
    return replace(axis, status_quo=axis.level_of(status_quo), draft=draft)


@dataclass(frozen=True, eq=False)
class OutcomeSpace:
    """Every combination of the issues' levels, indexed in C order.

    Attributes
    ----------
    axes
        One axis per issue.
    tracks
        The tracks negotiated in this space.
    """

    axes: tuple[Axis, ...]
    tracks: tuple[str, ...]

    @cached_property
    def shape(self) -> tuple[int, ...]:
        """The number of levels of each issue.

        Returns
        -------
        tuple of int
            One entry per axis.
        """
        return tuple(axis.size for axis in self.axes)

    @cached_property
    def size(self) -> int:
        """The number of outcomes.

        Returns
        -------
        int
            The product of :attr:`shape`.
        """
        return int(np.prod(self.shape, dtype=np.int64))

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The issues' names.

        Returns
        -------
        tuple of str
            One per axis.
        """
        return tuple(axis.name for axis in self.axes)

    def levels(self, index: int | IntArray) -> IntArray:
        """Issue levels of one outcome or of many.

        Parameters
        ----------
        index
            One outcome index or an array of them.

        Returns
        -------
        IntArray
            Shape ``(issues,)`` for one outcome, ``(issues, n)`` for many.
        """
        return np.asarray(np.unravel_index(index, self.shape), dtype=np.int64)

    def outcome(self, index: int) -> dict[str, OutcomeValue]:
        """An outcome's terms, issue by issue.

        Parameters
        ----------
        index
            The outcome's index.

        Returns
        -------
        dict
            Issue name to option.
        """
        levels = self.levels(int(index))
        return {
            axis.name: axis.value(int(level)) for axis, level in zip(self.axes, levels, strict=True)
        }

    def index_of(self, outcome: Mapping[str, OutcomeValue]) -> int:
        """The index of the outcome with these terms.

        Parameters
        ----------
        outcome
            Issue name to option (numbers snap to the nearest level).

        Returns
        -------
        int
            Its index.
        """
        levels = [axis.level_of(outcome[axis.name]) for axis in self.axes]
        return int(np.ravel_multi_index(levels, self.shape))

    def broadcast(self, axis_name: str, vector: FloatArray) -> FloatArray:
        """A vector over one issue's levels, shaped to broadcast against the whole grid.

        Parameters
        ----------
        axis_name
            The issue.
        vector
            One value per level of that issue.

        Returns
        -------
        FloatArray
            The same values with a singleton axis for every other issue.
        """
        position = self.names.index(axis_name)
        shape = [1] * len(self.axes)
        shape[position] = len(vector)
        return vector.reshape(shape)


def build_space(scenario: Scenario, tracks: Sequence[str] | None = None) -> OutcomeSpace:
    """The outcome space of the given tracks.

    Parameters
    ----------
    scenario
        A validated scenario.
    tracks
        The tracks (default: every negotiated track, linked as one package).

    Returns
    -------
    OutcomeSpace
        Its axes.

    Raises
    ------
    SpaceTooLargeError
        When tabulating the space would take more memory than the configured limit
        (:mod:`negosim.limits`).
    """
    chosen = tuple(tracks) if tracks is not None else tuple(scenario.negotiated_tracks())
    axes = tuple(
        make_axis(name, scenario.issues[name]) for name in scenario.issues_of(list(chosen))
    )
    space = OutcomeSpace(axes, chosen)
    actors = len(scenario.parties_of(list(chosen)))
    estimate = space.size * max(actors, 1) * limits.TABLE_BYTES_PER_CELL / 1e6
    allowed = limits.current().table_mb
    if estimate > allowed:
        shown = " x ".join(f"{a.name}({a.size})" for a in axes)
        raise SpaceTooLargeError(
            f"tracks {', '.join(chosen)} give {space.size:,} outcomes ({shown}) for {actors} "
            f"actors: tabulating them needs about {estimate:,.0f} MB, over the limit of "
            f"{allowed:,.0f} MB ({limits.Limits.variable('table_mb')}); coarsen a continuous "
            "issue's step, drop options, or raise the limit"
        )
    return space

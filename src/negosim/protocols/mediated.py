"""The single negotiating text (Fisher; Raiffa's Camp David account).

A mediator tables one text, the parties accept or object, and the mediator revises the text toward
one all can accept. The mediator starts from the draft terms where the scenario gives them (the
status quo on the other issues) and may move any issue. It learns from objections: each party that
objects weighs more in the next revision. A revision is the text, among the current one and those
differing on one issue, that most reduces the objectors' weighted shortfall below what would make
them accept (each party's patience and cost per round included), then passes the ratification
rule, then raises the worst-off party's gain (a neutral mediator) or the mediator's own utility (a
mediator who is also a party). It looks at texts differing on one issue, then on two, then at the
efficient texts of the whole space (Raiffa's improving steps on the frontier), and takes the
smallest step that makes the text pass or, if none does, the smallest that improves it. When
nothing improves a text that cannot pass, talks are deadlocked. A person (or any strategy that
drafts texts) may hold the chair: the text is then theirs.
"""

from __future__ import annotations

import itertools
from typing import ClassVar

import numpy as np

from negosim.arrays import FloatArray, IntArray, row_sums
from negosim.games.game import Game
from negosim.games.result import NEUTRAL_MEDIATOR
from negosim.protocols.base import Protocol, Table


class MediatedText(Protocol):
    """One text on the table, revised by the mediator until it passes or cannot improve."""

    name: ClassVar[str] = "mediated"
    description: ClassVar[str] = "a mediator revises one text until every party can accept it"

    def reset(self, table: Table) -> None:
        """Seat the mediator and open with the draft terms.

        Parameters
        ----------
        table
            The negotiation about to start.
        """
        chair = table.game.options.mediation.mediator
        self.mediator = NEUTRAL_MEDIATOR if chair is None else chair
        self.text = _opening_text(table.game)
        self.objections = np.ones(table.game.n)

    def play_round(self, table: Table) -> None:
        """Put the text to the parties; if it fails, learn from the objections and revise it.

        Parameters
        ----------
        table
            The negotiation in progress.
        """
        if self.mediator != NEUTRAL_MEDIATOR and table.drafts(self.mediator):
            self.text = table.propose(self.mediator)
        if table.vote(self.mediator, self.text):
            return
        self.objections += np.asarray(table.last_no, dtype=np.float64)
        revised, improved = self._revise(table.game, table.round + 1)
        if not improved:
            table.conclude(None, "deadlock", None)
        self.text = revised

    def _revise(self, game: Game, round_: int) -> tuple[int, bool]:
        """The best revision, and whether it improves on the current text (or passes).

        The smallest step that makes the text pass wins; failing that, the smallest step that
        improves it (one issue, then two, then the frontier).
        """
        current = self._scores(game, np.array([self.text]), round_)[0]
        improving: int | None = None
        for candidates in (
            _neighbours(game, self.text, 1),
            _neighbours(game, self.text, 2),
            game.frontier(),
        ):
            if candidates.size == 0:
                continue
            pool = np.append(candidates, self.text)
            scores = self._scores(game, pool, round_)
            best = int(np.lexsort(scores.T[::-1])[-1])
            if pool[best] != self.text and tuple(scores[best]) > tuple(current):
                if scores[best][1] > 0:
                    return int(pool[best]), True
                improving = int(pool[best]) if improving is None else improving
        if improving is not None:
            return improving, True
        return self.text, bool(current[1] > 0)

    def _scores(self, game: Game, texts: IntArray, round_: int) -> FloatArray:
        """Sort keys of each text, best last.

        Weighted shortfall, passing, then gain or own utility, then total utility.
        """
        u = game.utilities[texts]
        worth = u * game.discount**round_ - game.cost * round_
        margin = np.where(game.admissible[texts], worth - game.reservation, -1.0)
        shortfall = row_sums(np.minimum(margin, 0.0) * self.objections)
        passes = game.ratify_matrix(margin >= -1e-12, texts).astype(np.float64)
        third = margin.min(axis=1) if self.mediator == NEUTRAL_MEDIATOR else u[:, self.mediator]
        return np.column_stack([shortfall, passes, third, row_sums(u)])


def _opening_text(game: Game) -> int:
    space = game.space
    if space is None:
        return int(np.argmax(game.utilities.sum(axis=1)))
    levels = [axis.status_quo if axis.draft is None else axis.draft for axis in space.axes]
    return int(np.ravel_multi_index(levels, space.shape))


def _neighbours(game: Game, text: int, issues: int) -> IntArray:
    """Every text that differs from ``text`` on exactly ``issues`` (one or two) issues.

    Found by index arithmetic: in the C-ordered grid, moving issue ``k`` from level ``l`` to
    ``l'`` adds ``(l' - l)`` times that issue's stride to the text's index. Every move of the
    grid (issue, new level), or pair of moves on two issues, is listed once per game; a text's
    neighbours are those moves that change a level, shifted by its own levels.
    """
    space = game.space
    if space is None:
        return np.arange(game.size) if issues == 1 else np.zeros(0, dtype=np.int64)
    moves = _moves(game, issues)
    levels = space.levels(text)
    shift = np.zeros(0, dtype=np.int64)
    keep = np.ones(moves.shape[1], dtype=np.bool_)
    for issue, to, stride in moves.reshape(issues, 3, -1):
        keep &= to != levels[issue]
        shift = (to - levels[issue]) * stride + (shift if shift.size else 0)
    found: IntArray = text + shift[keep]
    return found


def _moves(game: Game, issues: int) -> IntArray:
    """(issues × (issue, new level, stride), moves): every move on one issue or on two, cached."""
    key = ("mediator moves", issues)
    if key not in game.order_cache:
        assert game.space is not None
        shape = game.space.shape
        strides = np.cumprod((*shape[1:], 1)[::-1])[::-1]
        single = [(k, level, strides[k]) for k, size in enumerate(shape) for level in range(size)]
        if issues == 1:
            rows = [[*move] for move in single]
        else:
            rows = [[*a, *b] for a, b in itertools.combinations(single, 2) if a[0] != b[0]]
        game.order_cache[key] = np.array(rows, dtype=np.int64).reshape(-1, 3 * issues).T.copy()
    moves: IntArray = game.order_cache[key]
    return moves

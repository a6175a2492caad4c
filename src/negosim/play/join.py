"""A person at a shared table from the terminal: wait for your turn, answer, see the others move.

Several terminals (or pages) can sit at one table: each reads the table from its store, and the
one whose turn it is answers through :class:`negosim.play.game.Seat`, the same prompts as
``negosim play``. The others' utilities stay hidden until the talks are over.
"""

from __future__ import annotations

from collections.abc import Callable

from negosim.play.game import Asker, Seat
from negosim.play.table_store import TableStore
from negosim.play.tables import SharedTable, TableError, TableView


def join_table(
    store: TableStore, name: str, token: str, asker: Asker, wait: Callable[[], None]
) -> TableView:
    """Sit at a table until its talks are over, answering whenever it is this seat's turn.

    Parameters
    ----------
    store
        Where the table is kept.
    name
        The table's name.
    token
        The seat's token.
    asker
        How the person is asked (the terminal's prompts).
    wait
        Called between looks at the table while another seat is to move.

    Returns
    -------
    TableView
        The table once its talks are over.

    Raises
    ------
    TableError
        When the token opens no seat at the table.
    """
    table = store.load(name)
    actor = table.seat_of(token)
    if actor is None:
        raise TableError("this link opens no seat at this table")
    game = table.game()
    me = game.actors.index(actor)
    asker.say(f"You are {game.label(me)} at table {name}.")
    seat = Seat(table.scenario, game, me, asker)
    told, waiting_for, seen = 0, "", (-1, -1)
    while True:
        if store.stamp(name) == seen:  # nothing moved: no replay (a replay costs a tenth of
            wait()  # a second on the grand bargain; a class polls many times a second)
            continue
        seen = store.stamp(name)
        view = store.load(name).view()
        for line in view.log[told:]:
            asker.say(line)
        told = len(view.log)
        if view.turn is None:
            return view
        if view.turn.actor != actor:
            if view.turn.actor != waiting_for:
                waiting_for = view.turn.actor
                who = view.game.label(view.game.actors.index(waiting_for))
                asker.say(f"Waiting for {who} to {view.turn.kind}...")
            wait()
            continue
        waiting_for = ""
        seat.game = view.game
        turn = view.turn
        value = seat.move(turn.kind, turn.round, turn.offer, turn.proposer)
        store.update(name, _answering(token, value))


def _answering(token: str, value: int | bool) -> Callable[[SharedTable], SharedTable]:
    return lambda table: table.answer(token, value)

"""Where chunks run: in this process, in a local process pool, or on a Dask cluster.

Each backend yields ``(chunk index, rows, trace rows)`` as chunks complete, in any order; the store
puts them back in run order, so the backend never changes the results. Only a few chunks are in
flight at once and each result is dropped once yielded, so memory does not grow with the run count.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.context
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any

from negosim.experiments.runner import RunSpec, play_chunk

Chunk = tuple[int, int, int]
Done = tuple[int, list[dict[str, Any]] | Any, list[dict[str, Any]]]
"""(chunk index, rows or a table of them, trace rows)."""


def run_local(spec: RunSpec, chunks: Sequence[Chunk], workers: int) -> Iterator[Done]:
    """Chunks in this process (one worker) or in a local process pool.

    Parameters
    ----------
    spec
        The experiment.
    chunks
        (index, first run, run after the last) of each chunk to play.
    workers
        Processes; 1 plays in this process.

    Yields
    ------
    tuple
        (chunk index, rows, trace rows) as chunks complete.
    """
    if workers <= 1:
        for index, start, stop in chunks:
            yield (index, *play_chunk(spec, start, stop))
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context()) as pool:
        yield from _bounded(
            lambda c: pool.submit(play_chunk, spec, c[1], c[2]), chunks, 2 * workers
        )


PRELOADED = ("negosim.experiments.runner", "negosim.experiments.batch", "scipy.stats")
"""Imported once by the fork server, so that every worker starts with them."""


def _worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a server that has imported negosim, if possible.

    Importing Mesa sets the start method to ``spawn`` for the whole process (its batch runner
    does), so every worker would import negosim, numpy, pandas and scipy afresh: seconds per
    worker, longer than a batch engine's chunk. A fork server imports them once; workers forked
    from it start at once (and it holds no thread of ours, as forking this process would).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOADED))
    return context


def _bounded(
    submit: Callable[[Chunk], Future[Any]], chunks: Sequence[Chunk], limit: int
) -> Iterator[Done]:
    pending: dict[Future[Any], int] = {}
    queue = iter(chunks)
    for chunk in queue:
        pending[submit(chunk)] = chunk[0]
        if len(pending) >= limit:
            break
    while pending:
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            index = pending.pop(future)
            yield (index, *future.result())
            following = next(queue, None)
            if following is not None:
                pending[submit(following)] = following[0]


class ClusterLostError(RuntimeError):
    """The Dask scheduler or a worker could not be reached, or went away mid-run."""


def run_dask(
    spec: RunSpec, chunks: Sequence[Chunk], workers: int, scheduler: str | None
) -> Iterator[Done]:
    """Chunks on a Dask cluster: the scheduler at ``scheduler``, or a LocalCluster of ``workers``.

    Parameters
    ----------
    spec
        The experiment.
    chunks
        (index, first run, run after the last) of each chunk to play.
    workers
        Processes of the LocalCluster (ignored with a scheduler).
    scheduler
        The address of a running scheduler, or ``None``.

    Yields
    ------
    tuple
        (chunk index, rows, trace rows) as chunks complete.
    """
    from distributed import Client, LocalCluster
    from distributed import TimeoutError as DaskTimeout
    from distributed.client import FutureCancelledError
    from distributed.comm.core import CommClosedError
    from distributed.scheduler import KilledWorker

    lost = (FutureCancelledError, CommClosedError, KilledWorker, DaskTimeout, OSError)
    try:
        with _quiet_dask():
            yield from _play_on_dask(spec, chunks, workers, scheduler, Client, LocalCluster)
    except lost as error:
        where = scheduler or "the local cluster"
        said = " ".join(str(error).split()) or type(error).__name__
        raise ClusterLostError(f"lost the Dask scheduler or a worker ({where}: {said})") from None


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Keep Dask's own log lines (with tracebacks, when a connection drops) from the user.

    A lost cluster is reported once, as :class:`ClusterLostError`.
    """
    names = [*logging.root.manager.loggerDict, "distributed", "tornado", "asyncio"]
    loggers = [
        logging.getLogger(name)
        for name in names
        if name.split(".")[0] in ("distributed", "tornado", "asyncio")
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _play_on_dask(
    spec: RunSpec,
    chunks: Sequence[Chunk],
    workers: int,
    scheduler: str | None,
    client_class: Any,
    cluster_class: Any,
) -> Iterator[Done]:
    """:func:`run_dask`'s work, with Dask's classes passed in (imported only when asked for)."""
    from distributed import as_completed as dask_completed

    cluster = None
    if scheduler is None:
        # ":0": the scheduler's web server (dashboard, health) on a free port, never a clash on
        # Dask's default 8787 with another cluster on the machine.
        cluster = cluster_class(
            n_workers=max(workers, 1), threads_per_worker=1, dashboard_address=":0", processes=True
        )
    client = client_class(scheduler or cluster)
    try:
        remote_spec = client.scatter(spec, broadcast=True)
        queue = iter(chunks)
        limit = 2 * max(len(client.scheduler_info().get("workers", {})), workers, 1)
        first = [next(queue) for _ in range(min(limit, len(chunks)))]
        futures = {client.submit(play_chunk, remote_spec, s, e, pure=False): i for i, s, e in first}
        completed = dask_completed(list(futures))
        for future in completed:
            index = futures.pop(future)
            yield (index, *future.result())
            future.release()
            following = next(queue, None)
            if following is not None:
                submitted = client.submit(
                    play_chunk, remote_spec, following[1], following[2], pure=False
                )
                futures[submitted] = following[0]
                completed.add(submitted)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

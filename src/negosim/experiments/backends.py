"""Where chunks run: in this process, in a local process pool, or on a Dask cluster.

Each backend yields ``(chunk index, rows, trace rows)`` as chunks complete, in any order; the store
puts them back in run order, so the backend never changes the results.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from negosim.experiments.runner import RunSpec, play_chunk

Chunk = tuple[int, int, int]
Done = tuple[int, list[dict[str, Any]], list[dict[str, Any]]]


def run_local(spec: RunSpec, chunks: Sequence[Chunk], workers: int) -> Iterator[Done]:
    if workers <= 1:
        for index, start, stop in chunks:
            yield (index, *play_chunk(spec, start, stop))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(play_chunk, spec, start, stop): index for index, start, stop in chunks
        }
        for future in as_completed(futures):
            yield (futures[future], *future.result())


def run_dask(
    spec: RunSpec, chunks: Sequence[Chunk], workers: int, scheduler: str | None
) -> Iterator[Done]:
    """On the scheduler at ``scheduler``, or on a LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster
    from distributed import as_completed as dask_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=max(workers, 1), threads_per_worker=1, dashboard_address=None, processes=True
        )
    client = Client(scheduler or cluster)
    try:
        futures = {
            client.submit(
                play_chunk, spec, start, stop, pure=False, key=f"negosim-chunk-{index}"
            ): index
            for index, start, stop in chunks
        }
        for future in dask_completed(futures):
            yield (futures[future], *future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

"""One look for every figure: a colour-blind-safe palette (Okabe and Ito, 2008) with one colour per
actor that never changes between figures, and titles that say the scenario, N and seed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
GREY = "#7F7F7F"


def actor_colours(actors: Sequence[str]) -> dict[str, str]:
    """Colours by the actor's position in the scenario, so 'us' is the same blue everywhere."""
    return {actor: OKABE_ITO[i % len(OKABE_ITO)] for i, actor in enumerate(actors)}


@dataclass(frozen=True)
class Caption:
    scenario: str
    runs: int | None = None
    seed: int | None = None

    def title(self, what: str) -> str:
        parts = [self.scenario]
        if self.runs is not None:
            parts.append(f"{self.runs:,} runs")
        if self.seed is not None:
            parts.append(f"seed {self.seed}")
        return f"{what}\n{' · '.join(parts)}"


def figure(width: float = 8.0, height: float = 5.0) -> Figure:
    """A figure built with the object-oriented API only: no pyplot state is touched."""
    return Figure(figsize=(width, height), layout="constrained")

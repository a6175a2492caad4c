"""Experiments: Monte Carlo under uncertainty, what-if variants, chunked storage, local or Dask."""

from negosim.experiments.experiment import Options, VariantError, run_experiment
from negosim.experiments.store import StoreError

__all__ = ["Options", "StoreError", "VariantError", "run_experiment"]

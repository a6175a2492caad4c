"""The seminar dashboard (``negosim web``): Solara pages over the same engine, plots and reports."""

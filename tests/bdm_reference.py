"""Masad's replication of Bueno de Mesquita's model, written again from its description.

An independent reference for the ``masad`` rules: plain loops over actors, sharing no code with
negosim, following the steps of Scholz, Calbert and Smith's appendix as the replication runs them
(risk exponents from expected utilities at r = 1, then expected utilities again with each actor's
own exponent; challenges sent when worth more than nothing; each actor answers the challenge its
challenger values most, the nearest of equals).
"""

from __future__ import annotations


def masad_round(x: list[float], c: list[float], s: list[float], span: float) -> list[float]:
    """Positions after one round of the replication's rules (Q = 1)."""
    n = len(x)

    def probability(i: int, j: int) -> float:
        if x[i] == x[j]:
            return 0.0
        votes = [c[k] * s[k] * (abs(x[k] - x[j]) - abs(x[k] - x[i])) for k in range(n)]
        return max(sum(votes), 0.0) / sum(abs(v) for v in votes)

    def expected(i: int, j: int, r: float) -> float:
        gap = abs(x[i] - x[j]) / span
        success = 2 - 4 * (0.5 - 0.5 * gap) ** r
        failure = 2 - 4 * (0.5 + 0.5 * gap) ** r
        status_quo = 2 - 4 * 0.5**r
        p = probability(i, j)
        return s[j] * (p * success + (1 - p) * failure) + (1 - s[j]) * success - status_quo

    first = {(i, j): expected(i, j, 1.0) for i in range(n) for j in range(n) if i != j}
    security = [sum(first[(j, i)] for j in range(n) if j != i) for i in range(n)]
    high, low = max(security), min(security)
    risk = []
    for i in range(n):
        big_r = (2 * security[i] - high - low) / (high - low)
        risk.append((1 - big_r / 3) / (1 + big_r / 3))
    eu = {(i, j): expected(i, j, risk[i]) for i in range(n) for j in range(n) if i != j}
    after = list(x)
    for i in range(n):
        offers = [(eu[(j, i)], j) for j in range(n) if j != i and eu[(j, i)] > 0]
        if not offers:
            continue
        best = max(value for value, _ in offers)
        sender = min((j for value, j in offers if value == best), key=lambda j: abs(x[i] - x[j]))
        mine, theirs = eu[(i, sender)], best
        if 0 < mine < theirs:
            after[i] = x[sender]
        elif mine < 0 and abs(mine) < theirs:
            after[i] = x[i] + (x[sender] - x[i]) * abs(mine / theirs)
        elif mine < 0 and abs(mine) > theirs:
            after[i] = x[sender]
    return after

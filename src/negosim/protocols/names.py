"""The protocol names a scenario may use (kept apart so validation need not import the engine)."""

PROTOCOL_NAMES = (
    "alternating_offers",
    "recognition",
    "mediated",
    "expected_utility",
)

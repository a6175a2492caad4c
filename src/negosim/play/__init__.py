"""Human-in-the-loop play: a person takes one seat, the simulation plays the others."""

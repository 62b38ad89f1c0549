"""backcoach: a back-health coach with one core and several chat platforms."""

__version__ = "0.1.0"

"""breachtrack: a personal-data breach register kept as YAML files, and the legal clocks it starts."""

__version__ = "0.1.0"

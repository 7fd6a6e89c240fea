"""Version of the enrich logic, stamped on every enriched article (pipeline.enrich).

Bump it whenever the output for the same input can change (rules or model).
"""

ENRICH_VERSION = "0.5.0"

"""Version of the parse logic, stamped on every parsed article (pipeline.parse).

Bump it whenever the output for the same input can change, so that stored
articles record which logic made them.
"""

PARSE_VERSION = "0.10.13"

"""Other event datasets in and out: ICEWS, GDELT 2.0 and POLECAT imports, the GDELT export,
the CAMEO views of our codebook and the country codes these datasets use.

Kept apart from `detente.analysis`, which only reads the store: a dataset's quirks (its
columns, its country spellings, its code tables) stop at this package's edge.
"""

"""newsflow parse stage: separates metadata from a clean body and finds the quotes in it."""

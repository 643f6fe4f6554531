"""Each schema change, oldest first."""

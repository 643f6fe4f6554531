"""Where answers live: the store, its atomic files and journal, records and their checks."""

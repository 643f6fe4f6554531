"""Demo deals as data files, loaded through the normal import path."""

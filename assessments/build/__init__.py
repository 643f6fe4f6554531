"""The static site: build stages, freezing pages, the manifest, PDFs, static forms."""

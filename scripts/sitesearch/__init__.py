"""Site search: the index the search box reads, and tools that measure it (see design/search.md)."""

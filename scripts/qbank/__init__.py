"""The question bank's tools: page model and Markdown scanner, importer, checkers, generators."""

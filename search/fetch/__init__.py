"""Fetching feeds and pages into a corpus folder (``brief-tui fetch``); never used while indexing."""

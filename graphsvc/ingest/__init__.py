"""Seed files into the graph: read YAML with line numbers, validate against the model, load."""

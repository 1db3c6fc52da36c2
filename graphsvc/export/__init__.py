"""Exports of the graph for other tools: Gephi (GEXF), networkx (GraphML, JSON), linked data."""

"""graphsvc: a partner-relationship and activity-mapping graph for international urban cooperation.

The package is organised by the direction data flows in: seeds are read and validated against the
domain model (`graphsvc.model`, `graphsvc.ingest`), written to Neo4j (`graphsvc.store`), and served
from there. `graphsvc.neo4j_server` runs a local Neo4j when no external one is configured.
"""

__version__ = "0.1.0"

"""Neo4j: connections, the schema derived from the model, writes and reads, all parameterised."""

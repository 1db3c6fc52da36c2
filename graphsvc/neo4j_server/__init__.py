"""A local Neo4j 5.26 Community server, obtained from Maven Central and run by graphsvc.

Used when `NEO4J_URI` is not set. Neo4j's server is published on Maven Central as jars (the
`org.neo4j.app:neo4j-server` artifact and its dependencies) rather than as the tarball, so graphsvc
resolves those jars with `mvn` into a cache outside the repository, writes its own `neo4j.conf`
(loopback only, small memory) and runs `org.neo4j.server.CommunityEntryPoint` directly.
"""

from graphsvc.neo4j_server.instance import ManagedInstance, ServerStatus

__all__ = ["ManagedInstance", "ServerStatus"]

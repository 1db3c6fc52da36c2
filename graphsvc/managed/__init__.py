"""What every server graphsvc runs on this machine has in common (Neo4j, the language engine).

A managed server is a directory of its own (pid, metadata, password, logs) and a daemon process
started from it. Spawning, finding it again by its pid file, waiting until it answers, stopping it
and fetching its jars with Maven are the same for every server, so they live here once; what a
server is (its configuration, credentials, warm-up) stays in its own package.
"""

from graphsvc.managed.process import ManagedProcess, process_alive, spawn_daemon

__all__ = ["ManagedProcess", "process_alive", "spawn_daemon"]

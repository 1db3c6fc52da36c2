"""The `graphsvc` command line: one module per command group, each a thin call into the library."""

"""Entity resolution: the same institution under many names becomes one node, with review."""

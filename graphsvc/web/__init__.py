"""The coordinators' web application: pages for reading, reviewing and editing the graph.

Served by `graphsvc serve` beside `/graphql` and `/maps`. Pages are rendered on the server
(Jinja2, autoescape on) and work without JavaScript; small scripts only enhance them (names
suggested as one types). Every page reads through the same `graphsvc.store` functions as the
API, and nothing is kept in a worker between requests, so any number of replicas serve the same
pages.
"""

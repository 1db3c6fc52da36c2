"""Which relationships cite a Source: through the citations index, never a scan of every link.

A relationship names the Sources it cites in its `sources` list. Asking `$source IN r.sources` of
every relationship costs a pass over the whole graph's links (2M at a million nodes) for one
source page or one delete confirmation; the full-text index `CITATIONS_INDEX` (keyword analyzer:
each id one term) answers with just the citing ones. The index is asked for the quoted id, and
`$source IN r.sources` is checked again on what it returns, so the answer is exact.
"""

from __future__ import annotations

from graphsvc.store.constraints import CITATIONS_INDEX

CITING = f"""
CALL db.index.fulltext.queryRelationships('{CITATIONS_INDEX}', $citing_term)
YIELD relationship AS r
WITH r WHERE $source IN r.sources
"""
"""Cypher yielding `r` for every relationship citing `$source`; pass `citing_term(source)` as
`$citing_term`."""


def citing_term(source_id: str) -> str:
    """The Lucene query matching exactly the term `source_id` (quoted; backslash, quote escaped)."""
    escaped = source_id.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def citing_term_of(expression: str) -> str:
    """`citing_term` as a Cypher expression over `expression` (a variable the query holds)."""
    return r"""'"' + replace(replace(""" + expression + r""", '\\', '\\\\'), '"', '\\"') + '"'"""

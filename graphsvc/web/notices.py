"""The confirmations a page shows after a change or a decision: "Saved.", "Merged: ..." ...

A form's handler redirects to the changed entity's page with `?done=KEY` (Post/Redirect/Get), and
the page, whoever renders it, shows the sentence for that key. Only these fixed sentences can
appear: a crafted address cannot make the site say anything else.
"""

from __future__ import annotations

NOTICES = {
    "created": "Created. It is in the graph now, and in the change history.",
    "saved": "Saved. The change is in the graph and in the change history.",
    "unchanged": "Nothing was changed: the form held the stored values.",
    "linked": "Link saved.",
    "unlinked": "Link removed.",
    "deleted": "Deleted, with its links. The change history keeps what it was.",
    # review decisions (graphsvc.web.deciding)
    "submitted": "The document was taken in: its facts wait for review below.",
    "accepted": "Accepted: the chosen facts are in the graph, each citing this document.",
    "rejected": "Rejected: nothing from this document goes into the graph.",
    "rejected-fact": "That fact was rejected; the others still wait for a decision.",
    "edited": "The fact was changed. Accept it when it reads right.",
    "undone": "Undone: what the acceptance wrote is out of the graph; the facts wait again.",
    "unrejected": "The rejection is taken back: the document's facts wait for review again.",
    "reconsidered": "The fact is back in review: it waits for a decision with the others.",
    "merged": "Merged: one record now holds both names, links and sources.",
    "kept-apart": "Marked as two different organisations; the pair will not be proposed again.",
    "unmerged": "Undone: both records are back as they were before the merge.",
}


def notice_for(done: str | None) -> str | None:
    """The confirmation for a `done` key, or None for none or an unknown one."""
    return NOTICES.get(done or "")

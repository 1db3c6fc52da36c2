"""The confirmations a page shows after a change: "Saved.", "Link removed." ...

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
}


def notice_for(done: str | None) -> str | None:
    """The confirmation for a `done` key, or None for none or an unknown one."""
    return NOTICES.get(done or "")

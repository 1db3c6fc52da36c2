"""The IATI code lists graphsvc reads, with the legacy (1.x) forms real files still carry.

IATI 2.x writes codes (`role="1"`, transaction type `3`); 1.0x files wrote words (`role="Funding"`)
and letters (`C`, `D`). Both are read; everything else is reported as a problem of its activity.
"""

from __future__ import annotations

from graphsvc.model import MODEL
from graphsvc.model.domain import ACTIVITY_STATUSES, TRANSACTION_TYPES

LEGACY_ROLES = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}

TRANSACTION_CODES = {str(number): name for number, name in enumerate(TRANSACTION_TYPES, 1)}
LEGACY_TRANSACTIONS = {
    "IF": "incoming-funds",
    "C": "outgoing-commitment",
    "D": "disbursement",
    "E": "expenditure",
    "IR": "interest-payment",
    "LR": "loan-repayment",
    "R": "reimbursement",
    "QP": "purchase-of-equity",
    "QS": "sale-of-equity",
    "CG": "credit-guarantee",
}
MIRRORED = {
    "disbursement": "incoming-funds",
    "outgoing-commitment": "incoming-commitment",
    "outgoing-pledge": "incoming-pledge",
}
"""What the provider reports -> what the receiver reports for the same money."""

STATUS_CODES = {str(number): name for number, name in enumerate(ACTIVITY_STATUSES, 1)}
LEGACY_STATUSES = {
    "pipeline/identification": "pipeline",
    "implementation": "implementation",
    "completion": "finalisation",
    "post-completion": "closed",
    "cancelled": "cancelled",
    "suspended": "suspended",
}

DATE_TYPES = {"1": "start-planned", "2": "start-actual", "3": "end-planned", "4": "end-actual"}

RELATED_TYPES = {"1": "parent", "2": "child", "3": "sibling", "4": "co-funded", "5": "third-party"}

ORG_CATEGORIES = {
    "10": "government",
    "11": "municipality",
    "15": "public-sector",
    "21": "ngo",
    "22": "ngo",
    "23": "ngo",
    "24": "ngo",
    "30": "partnership-platform",
    "40": "multilateral-agency",
    "60": "foundation",
    "70": "private-sector",
    "71": "private-sector",
    "72": "private-sector",
    "73": "private-sector",
    "80": "research-centre",
    "90": "other",
}
"""IATI OrganisationType -> the model's institution category."""

SECTOR_VOCABULARIES = {
    "1": "DAC 5-digit",
    "2": "DAC 3-digit",
    "7": "SDG goal",
    "8": "SDG target",
    "10": "Humanitarian cluster",
    "99": "publisher's own",
    "98": "publisher's own",
    "dac": "DAC 5-digit",
    "dac-3": "DAC 3-digit",
}
"""Sector vocabularies, for naming a theme whose publisher gave no narrative."""


def role_code(raw: str | None) -> str | None:
    """A participating-org role as a 2.x code ('1'..'4'), from a code or a 1.x word."""
    if raw is None:
        return None
    text = raw.strip()
    return text if role_relationship(text) else LEGACY_ROLES.get(text.lower())


def role_relationship(code: str) -> str | None:
    """The relationship type a participating-org role code is imported as, from the model."""
    return MODEL.relationship_for_iati_role(code)


def transaction_type(raw: str | None) -> str | None:
    if raw is None:
        return None
    text = raw.strip()
    return TRANSACTION_CODES.get(text) or LEGACY_TRANSACTIONS.get(text.upper())


def activity_status(code: str | None, text: str | None) -> str | None:
    if code and code.strip() in STATUS_CODES:
        return STATUS_CODES[code.strip()]
    return LEGACY_STATUSES.get((text or "").strip().lower())


def sector_vocabulary(raw: str | None) -> str:
    """A sector vocabulary as a short key ('1' when absent, as the standard says)."""
    text = (raw or "1").strip().lower()
    return {"dac": "1", "dac-3": "2"}.get(text, text)

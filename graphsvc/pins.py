"""Every third-party file the app serves or inlines, with the sha256 it must have.

Pinning a package's version trusts the registry to hand out the same bytes for it forever; a
recorded digest does not. GraphiQL's scripts and the world atlas are fetched with `npm pack` and
checked before they are written to the cache; vis-network, inlined into every map from the pyvis
package, is checked when first read. A file whose digest differs is refused with both digests
named, and `tests/test_pins.py` fails when a file served or inlined has no recorded digest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from graphsvc.errors import GraphsvcError


@dataclass(frozen=True)
class Pin:
    """One file: where it comes from and the sha256 of its bytes."""

    package: str
    """`npm:name@version` or `pypi:name==version`."""
    path: str
    """Inside the package."""
    sha256: str


PINS: dict[str, Pin] = {
    "react.production.min.js": Pin(
        "npm:react@18.3.1",
        "umd/react.production.min.js",
        "d949f1c3687aedadcedac85261865f29b17cd273997e7f6b2bfc53b2f9d4c4dd",
    ),
    "react-dom.production.min.js": Pin(
        "npm:react-dom@18.3.1",
        "umd/react-dom.production.min.js",
        "35f4f974f4b2bcd44da73963347f8952e341f83909e4498227d4e26b98f66f0d",
    ),
    "graphiql.min.js": Pin(
        "npm:graphiql@3.8.3",
        "graphiql.min.js",
        "22faab94067b695e5f7959619fbe686ebcc8955002a0c97d986bcbba4ad4bc2c",
    ),
    "graphiql.min.css": Pin(
        "npm:graphiql@3.8.3",
        "graphiql.min.css",
        "b1868247f8e0502cd869e581f5f3cb55b334862e7f51b1d6cbace11059b9adc2",
    ),
    "countries-110m.json": Pin(
        "npm:world-atlas@2.0.2",
        "countries-110m.json",
        "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
    ),
    "vis-network.min.js": Pin(
        "pypi:pyvis==0.3.2",
        "lib/vis-9.1.2/vis-network.min.js",
        "1f20f0736f32cb9bedf8f6383b25cfea2f839e1abe80d6e8040b4d5bea378c69",
    ),
    "vis-network.css": Pin(
        "pypi:pyvis==0.3.2",
        "lib/vis-9.1.2/vis-network.css",
        "2e82d445ad5878ea881652470ce632601f8f55f1b99e6ebecdff8614600e6d0e",
    ),
}


class AssetMismatch(GraphsvcError):
    """A third-party file is not the one recorded: it is neither cached nor served."""


def checked(name: str, body: bytes) -> bytes:
    """`body` when its sha256 is the one recorded for `name`, else AssetMismatch."""
    pin = PINS.get(name)
    if pin is None:
        raise AssetMismatch(f"{name} has no recorded sha256 in graphsvc.pins; add it there")
    digest = hashlib.sha256(body).hexdigest()
    if digest != pin.sha256:
        raise AssetMismatch(
            f"{pin.package} {pin.path} has sha256 {digest}, not the recorded {pin.sha256}: "
            "refused (a changed package or a tampered download)"
        )
    return body

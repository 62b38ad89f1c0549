"""Loaded by a subprocess under test (via PYTHONPATH): log every host it resolves or connects to.

Python's audit hooks see every ``socket.getaddrinfo`` and ``socket.connect`` of the
process, whatever library makes them, so the test can prove the bot talked to
the loopback fake and nowhere else.
"""

import json
import os
import sys

_LOG = os.environ.get("BACKCOACH_NET_AUDIT_LOG")


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "socket.getaddrinfo":
        record = {"event": event, "host": str(args[0]), "port": str(args[1])}
    elif event == "socket.connect":
        address = args[1]
        if not isinstance(address, tuple):  # a Unix socket path: not the network
            return
        record = {"event": event, "host": str(address[0]), "port": str(address[1])}
    else:
        return
    with open(_LOG, "a", encoding="utf-8") as log:  # type: ignore[arg-type]
        log.write(json.dumps(record) + "\n")


if _LOG:
    sys.addaudithook(_audit)

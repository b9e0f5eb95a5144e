"""How a failed request is told apart and described."""

from __future__ import annotations

from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectError, DNSLookupError, TimeoutError as TxTimeoutError
from twisted.python.failure import Failure

# Failures that mean nobody answered (Scrapy >= 2.17 wraps Twisted's in its own).
UNREACHABLE = (DownloadConnectionRefusedError, CannotResolveHostError, DownloadTimeoutError,
               ConnectError, DNSLookupError, TxTimeoutError)


def is_unreachable(failure: Failure) -> bool:
    """Return whether a failure means the host did not answer at all."""
    return failure.check(*UNREACHABLE) is not None


def describe(failure: Failure) -> str:
    """Return a one-line description of a failed request."""
    if failure.check(HttpError):
        response = failure.value.response
        return f"HTTP {response.status} at {response.url}"
    request = getattr(failure, "request", None)
    where = f" at {request.url}" if request is not None else ""
    message = str(failure.value).strip().splitlines()[0] if str(failure.value).strip() else ""
    return f"{type(failure.value).__name__}{where}" + (f": {message}" if message else "")


def is_timeout(failure: Failure) -> bool:
    """Return whether a failure is a request that timed out (the host may just be slow)."""
    return failure.check(DownloadTimeoutError, TxTimeoutError) is not None

"""Per-request values that deep code (audit events) may read without passing the request around."""

from contextvars import ContextVar

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")

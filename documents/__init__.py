"""Proof documents (证明材料) attached to records of any app that registers its models.

`documents` is a lower layer, like `core`: domain apps import it (`documents.register(...)` in
their AppConfig.ready()), it never imports them.
"""

from .registry import register

__all__ = ["register"]

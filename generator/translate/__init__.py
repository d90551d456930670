"""Translators' tools: `guidegen translate status|export|import` and `guidegen new translation`."""

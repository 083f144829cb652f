"""Exports a client can hold: pure functions returning bytes or text. No UI code here."""

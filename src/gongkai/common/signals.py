"""Signals of the shared kernel, for decoupled concerns only (STYLE.md layer rule 5)."""

from django.dispatch import Signal

# Sent after a dated rule value was set, once the transaction commits; ``key`` is the
# rule's key. The clocks app recomputes due dates derived from ``clock.*`` values.
rule_value_changed = Signal()

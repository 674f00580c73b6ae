from gongkai.common.modules import Module

from .clock_rules import CLOCK_RULES


def declare() -> Module:
    # Incidents and public concern (plan task 12): the clocks come first; the pages,
    # consultations, mailbox and proposals follow (issue 13).
    return Module(name="participation", clock_rules=CLOCK_RULES)

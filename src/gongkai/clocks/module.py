from gongkai.common.modules import Module


def declare() -> Module:
    return Module(
        name="clocks",
        prefix="calendar",  # /workbench/calendar/: the holiday table
        staff_urls="gongkai.clocks.urls",
        commands=["calendar"],
        demo="gongkai.clocks.demo",
    )

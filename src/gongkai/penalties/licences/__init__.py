"""行政许可 双公示: licensing decisions, the other half of 双公示 beside penalties.

A sub-area of the penalties module (the 双公示 module): its own model, rules, clock,
pages, API, feed, search source, exchange export and XLSX import, declared with the
penalties module (``penalties.module``).
"""

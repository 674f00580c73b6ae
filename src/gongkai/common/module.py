from gongkai.common.modules import Module


def declare() -> Module:
    return Module(
        name="common", commands=["audit", "imports"], demo="gongkai.common.demo"
    )

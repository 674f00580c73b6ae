from gongkai.common.modules import Module


def declare() -> Module:
    return Module(name="accounts", demo="gongkai.accounts.demo")

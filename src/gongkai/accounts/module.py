from gongkai.common.modules import CacheWatch, Module

from .models import Department


def declare() -> Module:
    # Public pages name the department in charge (a guide's 承办处室, a power's
    # 责任处室): a rename renews the pages whose render loaded that department.
    return Module(
        name="accounts",
        cache=[CacheWatch(Department)],
        demo="gongkai.accounts.demo",
    )

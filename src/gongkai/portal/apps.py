from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "门户"

    def ready(self) -> None:
        from gongkai.common.kept import FRAME_PARTS

        from .templatetags.site_frame import frame_parts

        if frame_parts not in FRAME_PARTS:
            FRAME_PARTS.append(frame_parts)

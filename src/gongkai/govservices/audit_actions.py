"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class GovservicesAudit(AuditAction):
    SERVICE_CREATE = "govservices.service_create"
    SERVICE_UPDATE = "govservices.service_update"
    MATERIAL_ADD = "govservices.material_add"
    MATERIAL_DELETE = "govservices.material_delete"
    POWER_CREATE = "govservices.power_create"
    POWER_ADJUST = "govservices.power_adjust"
    INTERMEDIARY_CREATE = "govservices.intermediary_create"
    INTERMEDIARY_UPDATE = "govservices.intermediary_update"
    IMPORT_BATCH = "govservices.import_batch"

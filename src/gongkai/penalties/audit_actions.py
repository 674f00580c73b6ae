"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class PenaltiesAudit(AuditAction):
    CHANGE_RECORD = "penalty.change_record"
    CREATE = "penalty.create"
    IMPORT_BATCH = "penalty.import_batch"
    EARLY_END = "penalty.early_end"
    EXCHANGE_EXPORT = "penalty.exchange_export"
    GSXT_RECORD = "penalty.gsxt_record"
    PERSONAL_DATA_VIEW = "penalty.personal_data_view"
    UPDATE = "penalty.update"


class LicencesAudit(AuditAction):
    CREATE = "licence.create"
    UPDATE = "licence.update"
    IMPORT_BATCH = "licence.import_batch"
    EXCHANGE_EXPORT = "licence.exchange_export"
    PERSONAL_DATA_VIEW = "licence.personal_data_view"

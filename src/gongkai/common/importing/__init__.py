"""Spreadsheet imports shared by every app that imports rows (penalties, licences,
registers, govservices, participation); their workbench pages are shared too
(``publishing.import_pages``).

The bookkeeping is the same everywhere, so it lives here once (``runner``): open the
file, find or start the run for this file (resumable: the run remembers the first
row not yet committed), check each row through the app's importer, commit one
batch per transaction with its rejected rows and one audit event (row range, digest
of the rows, created/updated keys), and write the error file that staff fix and
import again. ``jobs`` queues a large file as a run that a worker
(``gongkai imports work``) processes outside the request. The app supplies only what
differs: its columns, the check of one row and the write of a batch.
"""

from .jobs import (
    import_claim,
    import_enqueue,
    import_status,
    imports_work_once,
    inline_rows_limit,
)
from .models import ImportRowErrorBase, ImportRunBase, ImportState
from .runner import (
    BATCH_SIZE,
    MAX_FILE_BYTES,
    Columns,
    Importer,
    ImportOptions,
    Rejected,
    Written,
    batch_digest,
    import_error_file,
    import_file,
    import_rows,
    import_run_for,
    jsonable,
    table_open,
)

__all__ = [
    "BATCH_SIZE",
    "MAX_FILE_BYTES",
    "Columns",
    "ImportOptions",
    "ImportRowErrorBase",
    "ImportRunBase",
    "ImportState",
    "Importer",
    "Rejected",
    "Written",
    "batch_digest",
    "import_claim",
    "import_enqueue",
    "import_error_file",
    "import_file",
    "import_rows",
    "import_run_for",
    "import_status",
    "imports_work_once",
    "inline_rows_limit",
    "jsonable",
    "table_open",
]

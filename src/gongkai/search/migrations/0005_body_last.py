"""Move ``SearchEntry.body`` to the end of the row.

SQLite stores columns in declaration order and a long body spills onto overflow
pages: reading a column declared after it (date, issuer, validity, the window)
walks the whole body. Ranking reads those columns for up to 1000 candidates per
query, so the body goes last: a new last column, filled from the old one, which is
then dropped. PostgreSQL keeps long values out of line anyway; the copy is the
same there.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0004_code_mention")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="body_last",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.RunSQL(
            "UPDATE search_searchentry SET body_last = body",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RemoveField(model_name="searchentry", name="body"),
        migrations.RenameField(
            model_name="searchentry", old_name="body_last", new_name="body"
        ),
    ]

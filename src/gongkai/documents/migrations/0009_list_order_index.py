from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0008_category")]

    operations = [
        migrations.RemoveIndex(model_name="document", name="document_publish_order"),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                fields=["publish_at", "id", "status", "unpublish_at"],
                name="document_list_order",
            ),
        ),
    ]

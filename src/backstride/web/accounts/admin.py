from django.contrib import admin

from backstride.web.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("email", "date_joined", "is_staff")
    search_fields = ("email",)
    exclude = ("password",)

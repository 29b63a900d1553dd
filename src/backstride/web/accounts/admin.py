from typing import TYPE_CHECKING

from django.contrib import admin

from backstride.web.accounts.models import User

# The stubs make ModelAdmin generic in its model; Django's class takes no subscript at run time.
if TYPE_CHECKING:
    AdminOfUser = admin.ModelAdmin[User]
else:
    AdminOfUser = admin.ModelAdmin


@admin.register(User)
class UserAdmin(AdminOfUser):
    list_display = ("email", "date_joined", "is_staff")
    search_fields = ("email",)
    exclude = ("password",)

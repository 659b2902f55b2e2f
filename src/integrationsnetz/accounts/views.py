"""Login (with the second factor for office and coordinators), the profile page and personal data."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from integrationsnetz.accounts.models import Membership


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user_id=request.user.pk or 0).select_related(
        "region", "organisation"
    )
    return render(request, "accounts/profile.html", {"memberships": memberships})

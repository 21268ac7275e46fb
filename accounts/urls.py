from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import LoginForm
from .views import PasswordChangeDoneView, PasswordChangeView

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's standard names, so that its views and the admin's links find them.
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", PasswordChangeDoneView.as_view(), name="password_change_done"),
]

# The user pages (administrators): /accounts/users/...
user_patterns = (
    [
        path("", views.UserListView.as_view(), name="user-list"),
        path("new/", views.UserCreateView.as_view(), name="user-create"),
        path("<int:pk>/", views.UserDetailView.as_view(), name="user-detail"),
        path("<int:pk>/edit/", views.UserUpdateView.as_view(), name="user-update"),
        path("<int:pk>/deactivate/", views.UserDeactivateView.as_view(), name="user-deactivate"),
        path("<int:pk>/reactivate/", views.UserReactivateView.as_view(), name="user-reactivate"),
        path("<int:pk>/reset-password/", views.PasswordResetView.as_view(),
             name="user-password-reset"),
        path("<int:pk>/unlock/", views.UserUnlockView.as_view(), name="user-unlock"),
    ],
    "accounts",
)

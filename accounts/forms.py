from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from core.text import validate_name

from .models import User
from .roles import Role


class LoginForm(AuthenticationForm):
    """The stock form; the username field gets the keyboard focus."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autofocus"] = True


class UserForm(forms.Form):
    """姓名 and role: what an administrator edits of an account."""

    full_name = forms.CharField(label=_("Full name"), max_length=60, validators=[validate_name])
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class UserCreateForm(forms.ModelForm):
    """A new account: its username, 姓名, role, and an initial password or a generated one.
    (A model form for core.edit's create view; the service `user_create` saves it.)"""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    password = forms.CharField(
        label=_("Initial password"), max_length=128, required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to have one generated and shown once. Either way the user "
                    "chooses their own at the first sign-in."))

    class Meta:
        model = User
        fields = ("username", "full_name")
        field_classes = {"username": UsernameField}
        labels = {"username": _("Username"), "full_name": _("Full name")}
        help_texts = {"username": _("What the user types to sign in: letters, digits and "
                                    "@/./+/-/_ only.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["password"].help_text = (
            f"{self.fields['password'].help_text} {password_validators_help_text_html()}")

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("A user with that username already exists."))
        return username

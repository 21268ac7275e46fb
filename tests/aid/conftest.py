import pytest

from tests.aid.factories import make_union


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The test users' passwords need no strength here; hashing them slowly costs seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def unions(db):
    """A handful of grassroots unions, one of them an industry joint union, one dissolved."""
    from datetime import date

    from unions.models import Union

    made = [make_union(name=f"嘉荫县第{n}基层工会") for n in range(1, 5)]
    made.append(make_union(name="嘉荫县商业零售行业联合工会", kind=Union.Kind.JOINT))
    made.append(make_union(name="嘉荫县已撤销工会", dissolved_on=date(2010, 6, 30)))
    return made


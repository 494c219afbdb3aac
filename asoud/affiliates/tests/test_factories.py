import pytest
from django.core.exceptions import ValidationError

from .factories import MarketerFactory

pytestmark = pytest.mark.django_db


def test_factory_marketers_pass_the_models_own_checks():
    marketer = MarketerFactory()
    marketer.full_clean()
    assert str(marketer) == f"@{marketer.handle}"
    with pytest.raises(ValidationError):
        MarketerFactory.build(handle="-Bad Handle").full_clean()

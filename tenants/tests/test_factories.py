import pytest
from django.core.exceptions import ValidationError

from .factories import PlanFactory

pytestmark = pytest.mark.django_db


def test_factory_plans_pass_the_models_own_checks():
    PlanFactory().full_clean()
    with pytest.raises(ValidationError):
        PlanFactory.build(code="not a slug").full_clean()

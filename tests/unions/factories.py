"""Small factories for the unions tests."""

from datetime import date
from itertools import count

from unions.models import HeadcountReturn, Union
from unions.validators import credit_code_check_character

_serial = count(1)


def valid_credit_code(serial: int) -> str:
    first17 = f"81230722{serial:08d}0"
    return first17 + credit_code_check_character(first17)


def make_union(**fields) -> Union:
    values = {"name": f"测试工会{next(_serial)}", "kind": Union.Kind.GOVERNMENT,
              "established_on": date(2000, 1, 1)}
    values.update(fields)
    return Union.objects.create(**values)


def make_return(union: Union, as_of: date = date(2012, 6, 30), **fields) -> HeadcountReturn:
    values = {"members": 10, "employed": 8, "laid_off": 2, "joined": 0}
    values.update(fields)
    return HeadcountReturn.objects.create(union=union, as_of=as_of, **values)

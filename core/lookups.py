"""`in` on integer columns: a value no such column can hold matches nothing.

Django (5.0+) already treats `exact`, `gt`, `lt`... with an out-of-range integer as matching
nothing, but not `in`: SQLite then raises OverflowError (a 500) for e.g. a 30-digit id posted to
a ModelMultipleChoiceField. Registered on IntegerField (and so on every id and foreign key) in
CoreConfig.ready(), this makes every form's choice fields refuse such ids with their usual
"not one of the available choices" error, on SQLite and PostgreSQL alike.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type())
            self.rhs = [value for value in self.rhs if not (
                isinstance(value, int)
                and ((low is not None and value < low) or (high is not None and value > high)))]
        return super().process_rhs(compiler, connection)

"""Names found by pinyin: the stored search key of a name, and the one matching rule.

A name's search key (`search_key`) is a few space-separated tokens, all lower-case ASCII:

- the full pinyin without tones: 赵大山 → "zhaodashan";
- the initials: "zds";
- for names of up to four syllables (people), each mix of initials then the rest in full:
  "zdashan", "zdshan", so that "zdsh" (the way people type 赵大山 with 山 spelled) matches.

Characters that are not Han stay as they are, lower-cased (letters and digits only): "ABC木业"
→ "abcmuye abcmy". Polyphones take pypinyin's most common reading (heteronyms off: 单 is "dan").

The rule (`name_matches`), used by every search box and type-ahead of unions and workers: a term
with a Han character (or anything but letters) matches the name's characters anywhere; a term of
Latin letters matches the name's characters or the start of a token of the key — the start of
the full pinyin ("zhao", "zhaod"), of the initials ("zd", "zds") or of a mix ("zdsh"). Spaces
in the term are ignored ("zhao da" is "zhaoda"). The key is stored in an indexed column, kept up
to date by the model's save() and by every bulk write (they call `search_key` too), never
computed per request.

A term of ONE character matches the names that start with it (a surname: 王), or whose key
does (for a letter: "w" finds 王 and 吴; every token of a key starts with the same letter, so
this is exactly "a token starts with it"). Anywhere in the name, one character would match a
large share of a province's names and no index can find it (a trigram needs three): people
type a name from its start, and the second character narrows to "anywhere" again.

On PostgreSQL each part has its index (aid/migrations/0012_search_and_period_indexes.py and the
unions' own): a trigram index on UPPER(name) for fragments of three or more characters, a
prefix index on UPPER(name) for one character and for `closest_first`, the btree and a trigram
index on the key. A two-character fragment gives no trigram either: it is looked for at the
start and at the end of the names (trigrams again) and anywhere in the few names of
`LONG_NAME` characters or more (a partial index). A term of Latin letters ("ch") looks in the
name only among the names that have Latin letters (`LATIN_NAME`, a partial index): the same
rows, without a scan.
"""

import unicodedata

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual
from pypinyin import Style, lazy_pinyin

KEY_LENGTH = 800  # a 100-character union name: 600 letters of pinyin + 100 initials + spaces
TERM_LENGTH = 50  # a longer search term is cut here
# A name that a term of Latin letters can contain has one of these: A-Z, a-z, and the only two
# letters PostgreSQL's UPPER() turns into one of them (U+017F long s -> S, U+0131 dotless i -> I).
LATIN_NAME = "[A-Za-z\u017f\u0131]"
LONG_NAME = 4  # characters: a name in which two characters can be neither first nor last
MIXED_UP_TO = 4  # syllables: the initials-then-full mixes are stored for names this short


def _syllables(name: str) -> list[str]:
    """The name's syllables: the pinyin of each Han character, each run of other letters or
    digits as one lower-case word."""
    syllables = []
    for part in lazy_pinyin(unicodedata.normalize("NFKC", name or ""), style=Style.NORMAL,
                            errors=lambda text: [text]):
        word = []
        for ch in part.lower():
            if ch.isascii() and ch.isalnum():
                word.append(ch)
            elif word:
                syllables.append("".join(word))
                word = []
        if word:
            syllables.append("".join(word))
    return syllables


def search_key(name: str) -> str:
    """The stored pinyin key of `name`: "zhaodashan zds zdashan zdshan" for 赵大山."""
    syllables = _syllables(name)
    if not syllables:
        return ""
    initials = "".join(s[0] for s in syllables)
    tokens = ["".join(syllables), initials]
    if len(syllables) <= MIXED_UP_TO:
        tokens += [initials[:i] + "".join(syllables[i:]) for i in range(1, len(syllables))]
    key = " ".join(dict.fromkeys(tokens))  # in order, without repeats
    return key[:KEY_LENGTH].rsplit(" ", 1)[0] if len(key) > KEY_LENGTH else key


def clean_term(term: str) -> str:
    """A search term as typed: NFKC, trimmed, at most TERM_LENGTH characters."""
    return unicodedata.normalize("NFKC", term or "").strip()[:TERM_LENGTH]


def pinyin_term(term: str) -> str:
    """The term as pinyin to look for (lower-case letters, spaces dropped), or "" if it has
    anything but Latin letters and spaces."""
    letters = "".join(clean_term(term).lower().split())
    return letters if letters.isascii() and letters.isalpha() else ""


def name_matches(term: str, *, prefix: str = "") -> Q:
    """Records whose `name` contains the term, or whose `name_pinyin` key has a token starting
    with it; a one-character term: the name or the key starts with it (see the module's
    docstring). `prefix` reaches the record through a relation
    ("worker__")."""
    term = clean_term(term)
    letters = pinyin_term(term)
    if len(term) == 1:  # the start of the name or of its key (see the module's docstring)
        found = Q(**{f"{prefix}name__istartswith": term})
        if letters:
            found |= Q(**{f"{prefix}name_pinyin__startswith": letters})
        return found
    found = _name_contains(term, prefix)
    if letters:
        # Latin letters: only a name with Latin letters can contain them (a partial index
        # holds those few); names of Han characters are found by their key.
        found = Q(**{f"{prefix}name__regex": LATIN_NAME}) & found
        found |= (Q(**{f"{prefix}name_pinyin__startswith": letters})
                  | Q(**{f"{prefix}name_pinyin__contains": f" {letters}"}))
    return found


def _name_contains(term: str, prefix: str) -> Q:
    """The name contains the term, ignoring case (Django's `icontains`: UPPER(name) LIKE)."""
    contains = Q(**{f"{prefix}name__icontains": term})
    if len(term) != 2:
        return contains
    # Two characters give no trigram to look up. Inside a name they are at its start, at its
    # end, or in a name of four characters or more: the same rows, each part indexed.
    return (Q(**{f"{prefix}name__istartswith": term}) | Q(**{f"{prefix}name__iendswith": term})
            | (Q(GreaterThanOrEqual(Length(f"{prefix}name"), LONG_NAME)) & contains))


def closest_first(queryset: QuerySet, term: str) -> QuerySet:
    """`queryset` with the names that start with the term (or whose pinyin does) first, then
    by name: the order of a type-ahead's suggestions."""
    term = clean_term(term)
    starts = Q(name__istartswith=term)
    letters = pinyin_term(term)
    if letters:
        starts |= Q(name_pinyin__startswith=letters)
    return queryset.annotate(closeness=Case(When(starts, then=Value(0)), default=Value(1),
                                            output_field=IntegerField())
                             ).order_by("closeness", "name", "pk")

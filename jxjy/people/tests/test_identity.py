import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jxjy.people.identity import (
    InvalidIdentityNumber,
    check_digit,
    make_identity_number,
    mask_identity_number,
    parse_identity_number,
)

# A published sample number whose check digit is X under GB 11643-1999.
SAMPLE = "11010519491231002X"


def test_a_valid_number_yields_birth_date_and_sex():
    facts = parse_identity_number(SAMPLE)
    assert facts.birth_date == dt.date(1949, 12, 31)
    assert facts.sex == "F"  # 17th digit 2 is even


def test_lower_case_x_and_surrounding_spaces_are_accepted():
    assert parse_identity_number(" 11010519491231002x ").number == SAMPLE


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1101051949123100", "18位"),
        ("11010519491231002Y", "前17位"),
        ("110105194913310028", "出生日期"),
        ("110105194902300021", "出生日期"),
        ("110105194912310021", "校验位"),
    ],
)
def test_invalid_numbers_are_refused_with_the_reason(number, message):
    with pytest.raises(InvalidIdentityNumber, match=message):
        parse_identity_number(number)


def test_masking_keeps_only_the_region_code_and_the_check_digit():
    assert mask_identity_number("35010219900101123X") == "350102***********X"
    assert mask_identity_number("110105194912310021") == "110105***********1"


@given(
    st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2008, 12, 31)),
    st.integers(min_value=0, max_value=9999),
    st.sampled_from("MF"),
)
def test_generated_numbers_always_validate_and_keep_their_sex(birth, seq, sex):
    number = make_identity_number("350102", birth, seq, sex)
    facts = parse_identity_number(number)
    assert facts.birth_date == birth
    assert facts.sex == sex
    assert number[17] == check_digit(number[:17])

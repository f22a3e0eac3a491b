"""Investors and exchanges as financing and fund reports name them: a registered name and its
abbreviation are one investor, a fund named only as a fund is no organisation, a partnership's English
legal form ends its name, an exchange goes by its registered English name."""

from __future__ import annotations

from tests.support.entities import organisations_in


def test_a_brands_investment_platform_and_its_abbreviation_are_one_investor() -> None:
    text = "北京岚川产业投资有限公司（以下简称岚川产投）领投。岚川产投是区属国有资本平台"
    assert organisations_in(text) == ["北京岚川产业投资有限公司"]  # its city's name before the brand


def test_a_fund_named_only_as_a_fund_is_no_organisation() -> None:
    assert organisations_in("有限合伙人包括当地的海河产业基金") == []


def test_a_partnerships_legal_form_ends_its_english_name() -> None:
    text = "investors include Larchmont Asia Healthcare Fund, L.P. and others"
    assert organisations_in(text) == ["Larchmont Asia Healthcare Fund, L.P."]


def test_the_hong_kong_exchange_by_its_registered_english_name() -> None:
    text = "shares will trade on the Main Board of the Stock Exchange of Hong Kong."
    assert organisations_in(text) == ["Stock Exchange of Hong Kong"]

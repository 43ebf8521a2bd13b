"""Tests for toolkit.actors: the registry, custom registries and mention finding."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit.actors import ACTOR_KINDS, ActorRegistry, Mention, default_actors, load_actors


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return load_actors()


def spans(reg, text):
    return [(m.name, m.start, m.end, m.surface) for m in reg.find(text)]


# ------------------------------------------------------------------ default registry
def test_default_frame_columns_and_kinds():
    frame = default_actors()
    assert {"name", "kind", "country", "aliases", "role"} <= set(frame.columns)
    assert set(frame["kind"]) <= set(ACTOR_KINDS)
    assert frame["name"].is_unique
    assert isinstance(frame.loc[frame["name"] == "Russia", "aliases"].iloc[0], list)


def test_every_un_member_state_is_there():
    import pycountry  # noqa: F401  (names and codes come from it)

    frame = default_actors()
    states = frame[(frame["kind"] == "state") & (frame["role"] == "UN member state")]
    assert len(states) == 193
    codes = dict(zip(frame["name"], frame["country"], strict=True))
    assert codes["Russia"] == "RUS" and codes["United States"] == "USA" and codes["Iran"] == "IRN"
    assert codes["South Korea"] == "KOR" and codes["Syria"] == "SYR" and codes["United Kingdom"] == "GBR"
    assert codes["Vladimir Putin"] == "RUS" and codes["Kremlin"] == "RUS"
    assert codes["NATO"] is None and codes["Reuters"] == "GBR"


def test_default_is_cached_and_frame_is_a_copy(reg):
    assert load_actors() is reg
    f = default_actors()
    f.loc[0, "name"] = "changed"
    assert default_actors().loc[0, "name"] != "changed"


# ------------------------------------------------------------------ mentions
def test_mentions_exact_spans(reg):
    text = "Dmitry Peskov, a spokesman for the Kremlin, denied that Vladimir Putin and Donald Trump had spoken"
    got = spans(reg, text)
    assert got[0] == ("Dmitry Peskov", 0, 13, "Dmitry Peskov")
    assert ("Vladimir Putin", 56, 70, "Vladimir Putin") in got
    assert ("Donald Trump", 75, 87, "Donald Trump") in got
    for _name, s, e, surface in got:
        assert text[s:e] == surface
    assert all(isinstance(m, Mention) for m in reg.find(text))


def test_title_and_name_is_one_person_not_the_state(reg):
    text = "Russian President Vladimir Putin met US President-elect Donald Trump."
    got = spans(reg, text)
    assert got == [("Vladimir Putin", 0, 32, "Russian President Vladimir Putin"),
                   ("Donald Trump", 37, 68, "US President-elect Donald Trump")]
    assert "Russia" not in reg.names_in("the Russian president said")
    assert reg.names_in("the Russian president said") == ["Vladimir Putin"]


def test_title_of_unregistered_person_is_not_the_incumbent(reg):
    assert reg.names_in("Russian President Boris Yeltsin hosted talks.") == []
    assert reg.names_in("US Special Counsel Robert Mueller said.") == ["Robert Mueller"]
    assert reg.names_in("once Donald Trump becomes US president") == ["Donald Trump"]


def test_possessives_straight_and_curly(reg):
    text = "Putin's remarks, Russia’s interests and NATO’s role"
    got = spans(reg, text)
    assert got == [("Vladimir Putin", 0, 5, "Putin"), ("Russia", 17, 23, "Russia"), ("NATO", 40, 44, "NATO")]


def test_case_rules_turkey_and_us(reg):
    assert reg.names_in("Turkey said it would not eat turkey.") == ["Turkey"]
    assert [m.start for m in reg.find("the turkey and Turkey")] == [15]
    assert reg.names_in("He told us that the US would act.") == ["United States"]
    assert reg.names_in("let us go") == []


def test_longest_match_and_non_overlap(reg):
    got = spans(reg, "The Washington Post and the UN Security Council in New York")
    assert got[0][0] == "Washington Post" and got[1][0] == "UN Security Council"
    ms = reg.find("The Washington Post and the UN Security Council")
    assert all(a.end <= b.start for a, b in zip(ms[:-1], ms[1:], strict=True))


def test_capital_as_government_vs_place(reg):
    assert reg.names_in("Moscow rejected the claims.") == ["Russia"]
    assert reg.names_in("A civilian was killed near Tehran.") == []
    assert reg.names_in("Leaders gathered in Budapest.") == []
    assert reg.names_in("Kyiv has pressed for the weapons.") == ["Ukraine"]


def test_non_actor_phrases(reg):
    assert reg.names_in("Israeli troops in the West Bank") == ["Israel"]
    assert reg.names_in("the West and Western nations") == ["West"]


def test_demonyms_and_media(reg):
    assert reg.names_in("Ukrainian officials told Reuters") == ["Ukraine", "Reuters"]
    assert reg.names_in("the Russian Foreign Ministry said") == ["Russia"]
    assert reg.find("Reuters reported")[0].kind == "media"


def test_empty_text(reg):
    assert reg.find("") == []
    assert reg.find("nothing here at all") == []


# ------------------------------------------------------------------ custom registries
def test_custom_from_dataframe_merges(reg):
    custom = load_actors(pd.DataFrame({"name": ["Pierre Joxe"], "kind": ["person"], "country": ["FRA"],
                                       "aliases": ["Joxe|Defence Minister Joxe"]}))
    assert "Pierre Joxe" in custom and "Vladimir Putin" in custom
    assert custom.names_in("Joxe said, and Putin agreed") == ["Pierre Joxe", "Vladimir Putin"]
    assert "Pierre Joxe" not in reg  # the default is untouched


def test_custom_replace(tmp_path):
    custom = load_actors({"Acme Corp": {"kind": "organisation", "aliases": ["Acme"]}}, replace=True)
    assert len(custom) == 1
    assert custom.names_in("Acme said Putin lied") == ["Acme Corp"]


def test_custom_from_dict_of_aliases():
    custom = load_actors({"Jane Roe": ["Roe", "Ms Roe"]})
    assert custom.kind("Jane Roe") == "person"
    assert custom.names_in("Ms Roe spoke") == ["Jane Roe"]


def test_custom_from_csv_yaml_json(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text("name,kind,country,aliases\nJohn Doe,person,USA,Doe|J. Doe\n", encoding="utf-8")
    yml = tmp_path / "a.yaml"
    yml.write_text("Jane Roe:\n  kind: person\n  country: GBR\n  aliases: [Roe]\n", encoding="utf-8")
    js = tmp_path / "a.json"
    js.write_text(json.dumps({"Blue Party": {"kind": "group", "aliases": ["Blues"]}}), encoding="utf-8")
    assert load_actors(csv_path).country("John Doe") == "USA"
    assert load_actors(str(yml)).names_in("Roe said") == ["Jane Roe"]
    assert load_actors(js, replace=True).names_in("the Blues won") == ["Blue Party"]


def test_unsafe_yaml_is_rejected(tmp_path):
    marker = tmp_path / "ran"
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"`actors`.*tags such as !!python/\.\.\. are refused"):
        load_actors(bad)
    assert not marker.exists()


def test_registry_passthrough(reg):
    assert load_actors(reg, replace=True) is reg


# ------------------------------------------------------------------ validation
def test_bad_kind_message():
    with pytest.raises(ValueError, match=r"The value for `kind` must be one of \['person', .*'robot' was passed"):
        load_actors(pd.DataFrame({"name": ["X"], "kind": ["robot"]}))


def test_missing_columns_message():
    with pytest.raises(ValueError, match=r"missing the column\(s\) \['kind'\]"):
        load_actors(pd.DataFrame({"name": ["X"]}))


def test_bad_country_message():
    with pytest.raises(ValueError, match=r"`country` must be an ISO 3166-1 alpha-3 code.*'Russia' was passed"):
        load_actors(pd.DataFrame({"name": ["X"], "kind": ["person"], "country": ["Russia"]}))


def test_bad_type_and_path_messages(tmp_path):
    with pytest.raises(TypeError, match=r"Could not interpret value of type int for `actors`"):
        load_actors(42)
    with pytest.raises(FileNotFoundError, match=r"does not exist"):
        load_actors(tmp_path / "nope.csv")
    with pytest.raises(ValueError, match=r"must be a path ending in one of"):
        p = tmp_path / "a.txt"
        p.write_text("x", encoding="utf-8")
        load_actors(p)
    with pytest.raises(ValueError, match=r"`replace` must be True or False"):
        load_actors({"A": []}, replace="yes")
    with pytest.raises(ValueError, match=r"appears twice"):
        load_actors(pd.DataFrame({"name": ["A", "A"], "kind": ["person", "person"]}))

from pathlib import Path

import pytest

from minutes_qa.corpus.errors import MetadataError
from minutes_qa.corpus.load import parse_text, read_document
from minutes_qa.corpus.model import Form, Kind
from tests.conftest import DATA, SEED_2019, SEED_UNDATED


def kinds(doc):
    return [p.kind for p in doc.passages]


def test_seed_2019_passages_kinds_and_forms():
    doc = read_document(SEED_2019)
    assert doc.format == "moderngov-item"
    # The two lead-ins ("... highlighted the following:") are no passages of
    # their own: every bullet under them carries them.
    assert len(doc.passages) == 26
    assert all(not p.text.endswith("the following:") for p in doc.passages)
    assert [p.form for p in doc.passages].count(Form.BULLET) == 23
    assert kinds(doc).count(Kind.DECISION) == 1
    assert doc.passages[-1].kind is Kind.DECISION
    assert doc.passages[-1].text == (
        "RESOLVED that the North Worcestershire Community Safety Partnership 2018/19 update "
        "be noted."
    )
    # "Members would be updated in due course" is an undertaking.
    assert [p.position for p in doc.passages if p.kind is Kind.COMMITMENT] == [10]
    assert all("Supporting documents" not in p.text for p in doc.passages)


def test_seed_undated_passages_and_kinds():
    doc = read_document(SEED_UNDATED)
    assert len(doc.passages) == 27
    assert [p.form for p in doc.passages].count(Form.BULLET) == 24
    assert kinds(doc) == [Kind.DISCUSSION] * 26 + [Kind.DECISION]


def test_bullets_carry_item_title_and_lead_in():
    doc = read_document(SEED_2019)
    smart_water = next(p for p in doc.passages if "Smart Water" in p.text)
    assert smart_water.form is Form.BULLET
    assert smart_water.text.startswith("The introduction of Smart Water and what evidence")
    assert smart_water.item_title == "Scrutiny of the Community Safety Partnership"
    assert smart_water.lead_in == (
        "Following presentation of the report, Members discussed a number of areas with the "
        "officers present, in more detail, this included:"
    )
    first_bullet = doc.passages[2]
    assert first_bullet.lead_in == (
        "The Community Safety Manager presented the report and in so doing highlighted the "
        "following:"
    )
    # The context is embedded, but the text shown stays the bullet itself.
    embedded = smart_water.embedding_text()
    assert embedded.startswith("Scrutiny of the Community Safety Partnership. Following")
    assert embedded.endswith(smart_water.text)
    paragraph = doc.passages[0]
    assert paragraph.form is Form.PARAGRAPH and paragraph.lead_in is None


def test_non_breaking_spaces_and_bullet_marks_are_gone():
    raw = SEED_2019.read_text(encoding="utf-8")
    assert "\u00a0" in raw and "·" in raw
    for passage in read_document(SEED_2019).passages:
        assert "\u00a0" not in passage.text
        assert not passage.text.startswith(("·", " "))
        assert "  " not in passage.text


def test_metadata_from_front_matter_and_no_invented_date():
    dated = read_document(SEED_2019).meeting
    assert (dated.council, dated.committee, dated.date) == (
        "Bromsgrove District Council",
        "Overview and Scrutiny Board",
        "2019-11-13",
    )
    assert dated.url == "https://moderngovwebpublic.bromsgrove.gov.uk/mgAi.aspx?ID=27672"
    undated = read_document(SEED_UNDATED).meeting
    assert undated.date is None
    assert undated.committee == "Overview and Scrutiny Board"


def test_ids_are_stable_and_distinct():
    first, again = read_document(SEED_2019), read_document(SEED_2019)
    assert [p.id for p in first.passages] == [p.id for p in again.passages]
    assert len({p.id for p in first.passages}) == len(first.passages)
    other = read_document(SEED_UNDATED)
    assert not {p.id for p in first.passages} & {p.id for p in other.passages}


def test_sidecar_applies_to_the_folder_and_front_matter_wins():
    from minutes_qa.corpus.load import load

    docs = sorted(load([DATA / "moderngov-folder"]), key=lambda d: d.source)
    assert [Path(d.source).name for d in docs] == ["5.txt", "6.txt"]
    five, six = docs
    assert five.meeting.committee == "Cabinet"
    assert five.meeting.date == "2024-03-07"
    assert five.items[0].number == "5" and five.items[0].title == "Highways Maintenance"
    assert [p.text for p in five.passages] == [
        "The Cabinet Member introduced the report. The following points were raised: "
        "• Pothole repairs had doubled since April. • Drainage works at Ashford were on "
        "schedule.",
        "RESOLVED that the programme be approved.",
    ]
    assert [p.kind for p in five.passages][-1] is Kind.DECISION
    # 6.txt overrides the committee in its own front matter.
    assert six.meeting.committee == "Cabinet (reconvened)"
    assert six.meeting.date == "2024-03-07"


def test_bad_front_matter_date_names_the_field():
    with pytest.raises(MetadataError, match="'date' must be YYYY-MM-DD"):
        parse_text("---\ndate: 13/11/2019\n---\nAgenda item\n\nTitle\n\nText.\n", "x.txt")


def test_blog_post_date_is_not_the_meeting_date():
    doc = parse_text(
        '---\ntitle: "News"\ndate: "2017-05-02"\ncategories:\n  - parish\n---\nThe council met.\n',
        "post.md",
    )
    assert doc.meeting.date is None

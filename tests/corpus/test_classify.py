"""Passage kinds from the set phrases of council minutes, and the wording
that marks exempt (Part II) business."""

import pytest

from minutes_qa.corpus.classify import classify, excludes_public, exempt_title
from minutes_qa.corpus.model import Kind


@pytest.mark.parametrize(
    "text",
    [
        "RESOLVED that the report be noted.",
        "Resolved: That the accounts for 2022/23 be approved.",
        "3. RESOLVED that the application be refused.",
        "(4) Resolved that the item be deferred to the March meeting.",
        "And Resolved: That the Chief Executive be authorised to sign the lease.",
        "Proposed by Cllr Murphy, seconded by Cllr O'Brien and agreed that the scheme proceed.",
        "Prop. JB, 2nd KN - carried.",
        "On the proposal of Cllr Ryan the minutes of the previous meeting were adopted.",
        "It was unanimously agreed to adopt the Development Plan.",
        "The Committee agreed to defer the item to the next meeting.",
        "The Committee resolved to grant planning permission subject to conditions.",
        "The motion was carried by 7 votes to 3.",
        "The minutes were approved as a correct record.",
        "All in favour.",
    ],
)
def test_decisions(text: str):
    assert classify(text) == Kind.DECISION


@pytest.mark.parametrize(
    "text",
    [
        "Members would be updated in due course.",
        "The Clerk agreed to contact the contractor about the damaged fence.",
        "The Director of Services undertook to report back to the next meeting.",
        "Officers would write to the landowner.",
        "The Engineer will look into the drainage problem at Church Lane.",
        "Action: Clerk to circulate the revised terms of reference.",
        "Cllr Walsh was asked to liaise with the residents' association.",
        "The Clerk was requested to obtain three quotations.",
        "The officer offered to arrange a site visit.",
    ],
)
def test_commitments(text: str):
    assert classify(text) == Kind.COMMITMENT


@pytest.mark.parametrize(
    "text",
    [
        "Members discussed the condition of the footpath on Main Street.",
        "Cllr Kelly raised concerns about speeding near the school.",
        "The report was noted.",
        "The Chair thanked everyone for attending.",
        "The issue remains unresolved.",
        "The amendment was lost.",
        # "would provide" describes the scheme; nobody undertakes to act.
        "The scheme would provide 40 social housing units.",
        # A councillor's notice of a question for the next meeting.
        "I will ask at the next Meeting for an update on the library.",
        "I will move at the next meeting that the speed limit be reduced.",
        "",
    ],
)
def test_discussion(text: str):
    assert classify(text) == Kind.DISCUSSION


@pytest.mark.parametrize(
    "text",
    [
        # The body agreeing that a letter be sent is its decision, not an undertaking.
        "It was agreed to write to the Minister about the funding shortfall.",
        "Members agreed that the Clerk would write to the Highways Authority.",
        # A leading RESOLVED wins over the undertaking inside it.
        "RESOLVED that the Clerk would report back in due course.",
    ],
)
def test_body_agreeing_to_act_is_a_decision(text: str):
    assert classify(text) == Kind.DECISION


def test_unseconded_amendment_is_not_a_decision():
    assert classify("Cllr Doyle proposed an amendment but it was not seconded.") == Kind.DISCUSSION


def test_reported_past_decision_is_discussion():
    text = "Cllr Byrne said that the Council had agreed the budget last year."
    assert classify(text) == Kind.DISCUSSION


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Exempt Minutes of the Cabinet", True),
        ("Part II - Land at Station Road", True),
        ("Appointment of Head of Planning (Part II)", True),
        ("Part 2 items", True),
        ("Confidential: Staffing matter", True),
        ("Not for publication: Legal advice", True),
        ("In Camera session", True),
        ("Planning applications", False),
        ("Public Participation", False),
        ("Reports from Part 2 of the Plan review", False),
        # The motion to go into private session is itself public business.
        ("Motion to exclude the press and public for exempt business", False),
        ("", False),
        (None, False),
    ],
)
def test_exempt_title(title: str | None, expected: bool):
    assert exempt_title(title) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RESOLVED that the public be excluded from the meeting for item 9.", True),
        ("the press and the public were excluded", True),
        ("Exclusion of the press and public", True),
        ("as it involves the likely disclosure of exempt information", True),
        ("The public gallery was full.", False),
        ("The press release was approved.", False),
    ],
)
def test_excludes_public(text: str, expected: bool):
    assert excludes_public(text) is expected

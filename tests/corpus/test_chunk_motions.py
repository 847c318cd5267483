"""Decisions and motions in the house styles of UK, Irish, Welsh, Canadian,
US, Australian and eSCRIBE minutes: the lines of one motion are one decision
passage. Invented minutes."""

import pytest

from minutes_qa.corpus.load import parse_text
from minutes_qa.corpus.model import Document, Kind


def read(text: str) -> Document:
    return parse_text(text, "/archive/minutes.md")


def decisions(doc: Document) -> list[str]:
    return [p.text for p in doc.passages if p.kind is Kind.DECISION]


INTRO = "1. Village Hall\n\nThe Clerk presented the quotations for the new boiler.\n\n"


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (
            "Resolved – that the quotation from Ashdown Heating be accepted.",
            ["Resolved – that the quotation from Ashdown Heating be accepted."],
        ),
        ("RESOLVED and noted.", ["RESOLVED and noted."]),
        (
            "Proposed by Cllr Hale\n\nSeconded by Cllr Pryor\n\nAND AGREED",
            ["Proposed by Cllr Hale; Seconded by Cllr Pryor; AND AGREED"],
        ),
        (
            "Proposed by Cllr Hale, seconded by Cllr Pryor and RESOLVED\n\n"
            "That the minutes of the meeting held on 3 March be signed.",
            [
                "Proposed by Cllr Hale, seconded by Cllr Pryor and RESOLVED: That the minutes "
                "of the meeting held on 3 March be signed."
            ],
        ),
        (
            "Proposed by Councillor Mac Eoin;\n\nSeconded by Councillor Ní Bhriain;\n\n"
            "And Resolved:\n\n“That the Annual Service Plan be adopted.”",
            [
                "Proposed by Councillor Mac Eoin; Seconded by Councillor Ní Bhriain; And "
                "Resolved: “That the Annual Service Plan be adopted.”"
            ],
        ),
        (
            "PENDERFYNWYD: Cymeradwyo'r dyfynbris gan Gwres Ashdown.",
            ["PENDERFYNWYD: Cymeradwyo'r dyfynbris gan Gwres Ashdown."],
        ),
        (
            "Cynigiwyd gan y Cynghorydd Gwyn Parri, eiliwyd gan y Cynghorydd Elin Rhys.",
            ["Cynigiwyd gan y Cynghorydd Gwyn Parri, eiliwyd gan y Cynghorydd Elin Rhys."],
        ),
        (
            "Motion No. C250304-2\n\nMoved by Okonjo, Seconded by Lavoie\n\n"
            "Be it resolved that the quotation from Ashdown Heating be accepted.\n\nCarried.",
            [
                "Motion No. C250304-2; Moved by Okonjo, Seconded by Lavoie; Be it resolved that "
                "the quotation from Ashdown Heating be accepted. Carried."
            ],
        ),
        (
            "R2025-041 Moved by Councillor Okonjo, Seconded by Councillor Lavoie: That the "
            "quotation from Ashdown Heating be accepted. Carried",
            [
                "R2025-041 Moved by Councillor Okonjo, Seconded by Councillor Lavoie: That the "
                "quotation from Ashdown Heating be accepted. Carried"
            ],
        ),
        (
            "Councilmember Ruiz moved to accept the quotation; Councilmember Baptiste "
            "seconded. Motion passed 5-0.",
            [
                "Councilmember Ruiz moved to accept the quotation; Councilmember Baptiste "
                "seconded. Motion passed 5-0."
            ],
        ),
        ("Motion carried unanimously.", ["Motion carried unanimously."]),
        (
            "Roll call vote: Ayes – Ruiz, Baptiste, Kowal; Nays – none.",
            ["Roll call vote: Ayes – Ruiz, Baptiste, Kowal; Nays – none."],
        ),
        (
            "RESOLUTION 2025/31\n\nMoved: Cr Pellegrino\n\nSeconded: Cr Watts\n\n"
            "That Council accept the quotation from Ashdown Heating.\n\nCARRIED",
            [
                "RESOLUTION 2025/31; Moved: Cr Pellegrino; Seconded: Cr Watts; That Council "
                "accept the quotation from Ashdown Heating. CARRIED"
            ],
        ),
    ],
)
def test_one_motion_one_decision(minutes: str, expected: list[str]):
    doc = read(INTRO + minutes + "\n\nThe Chair closed the meeting at 9pm.\n")
    assert decisions(doc) == expected
    assert [p.kind for p in doc.passages][0] is Kind.DISCUSSION
    assert doc.passages[-1].kind is Kind.DISCUSSION


ESCRIBE = """# 2. Consent

> Moved by T. Okonjo

> Seconded by R. Lavoie

That, on the recommendation of the Director, the following actions be taken:

a)    the quotation from Ashdown Heating BE ACCEPTED; and,

b)    the Director BE AUTHORIZED to sign the contract.

> [!abstract]- Vote:
> |Yeas:|Nays:|
> |-|-|
> |T. Okonjo|P. Marsh|
> |R. Lavoie||

> **Motion Passed (2 to 1)**

# 3. Adjournment

The meeting adjourned at 4:05 PM.
"""


def test_escribe_motion_with_clauses_and_vote():
    doc = read(ESCRIBE)
    # Short clauses stay in their motion, in order, before its vote.
    [motion] = [p for p in doc.passages if p.kind is Kind.DECISION]
    assert motion.text == (
        "Moved by T. Okonjo; Seconded by R. Lavoie; That, on the recommendation of the "
        "Director, the following actions be taken: a) the quotation from Ashdown Heating "
        "BE ACCEPTED; and, b) the Director BE AUTHORIZED to sign the contract. Vote: Yeas: "
        "T. Okonjo, R. Lavoie; Nays: P. Marsh; Motion Passed (2 to 1)"
    )
    assert doc.passages[-1].text == "The meeting adjourned at 4:05 PM."
    assert doc.passages[-1].item_title == "Adjournment"


def test_glued_lettered_clauses_of_a_resolution():
    doc = parse_text(
        "Agenda item\n\n7. Member Development\n\nMinutes:\n\nRESOLVED that the Committee:"
        "a.Noted the training report.b.Agreed the programme for 2025.\n",
        "/archive/7.txt",
    )
    assert [(p.text, p.kind) for p in doc.passages] == [
        (
            "RESOLVED that the Committee: a. Noted the training report. "
            "b. Agreed the programme for 2025.",
            Kind.DECISION,
        ),
    ]


def test_bullets_under_a_resolution_are_decisions():
    doc = read(
        INTRO + "RESOLVED: That the following be done:\n\n- the boiler be replaced\n"
        "- the old boiler be sold\n\nThe Chair thanked the Clerk.\n"
    )
    assert [(p.text, p.kind) for p in doc.passages[1:]] == [
        (
            "RESOLVED: That the following be done: • the boiler be replaced "
            "• the old boiler be sold",
            Kind.DECISION,
        ),
        ("The Chair thanked the Clerk.", Kind.DISCUSSION),
    ]


def test_two_resolutions_in_full_stay_two_passages():
    doc = read(
        INTRO + "RESOLVED: That the quotation be accepted.\n\n"
        "RESOLVED: That the Clerk place the order.\n"
    )
    assert decisions(doc) == [
        "RESOLVED: That the quotation be accepted.",
        "RESOLVED: That the Clerk place the order.",
    ]


def test_a_motion_proposed_but_not_seconded_is_no_decision():
    doc = read(INTRO + "Cllr Hale proposed a site visit, but the motion was not seconded.\n")
    assert decisions(doc) == []


def test_a_decision_label_or_heading_makes_what_follows_decisions():
    doc = read("1. Heat pumps\n\nDecision:\n\nAccepted the grant offer of £40,000.\n")
    assert decisions(doc) == ["Decision: Accepted the grant offer of £40,000."]
    doc = read(
        "1. Heat pumps\n\nDecisions made:\n\nAccepted the grant offer of £40,000.\n\n"
        "Added the scheme to the capital programme.\n"
    )
    assert [(p.kind, p.lead_in) for p in doc.passages] == [
        (Kind.DECISION, "Decisions made"),
        (Kind.DECISION, "Decisions made"),
    ]

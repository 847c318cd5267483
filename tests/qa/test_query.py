from minutes_qa.qa.query import parse_query


def test_question_words_are_dropped_and_terms_kept_in_order():
    q = parse_query("What was said about Smart Water?")
    assert q.terms == ("smart", "water")
    assert q.match(q.terms) == '"smart" OR "water"'


def test_quoted_phrase_is_required():
    q = parse_query('"due course" updates on PCSO')
    assert q.phrases == ("due course",)
    assert q.match(q.terms) == (
        '"due course" AND ("due" OR "course" OR "updates" OR "pcso" OR "due course")'
    )
    assert q.contains_phrases("Members would be updated in due  course.")
    assert not q.contains_phrases("Members would be updated in course.")


def test_nothing_to_match():
    assert (lambda q: q.match(q.terms))(parse_query("what was it?")) is None
    assert parse_query("").terms == ()


def test_fts_syntax_in_queries_is_neutralised():
    q = parse_query('NOT AND OR "" * ( ) col:val NEAR')
    assert q.match(q.terms) == '"col" OR "val" OR "near"'


def test_a_phrase_without_words_is_no_phrase():
    q = parse_query('smart "..." water')
    assert q.phrases == () and q.match(q.terms) == '"smart" OR "water"'


def test_query_is_normalised_as_the_minutes_are():
    assert parse_query("ﬁnance re\u0301sume\u0301").terms == ("finance", "résumé")

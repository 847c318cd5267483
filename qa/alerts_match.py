"""Which newly stored passages answer a saved search well.

Every passage stored after the search's high-water mark that passes its
filters is scored as search scores it (dense cosine and keyword evidence,
fused, ``qa.retrieve``) and kept when it is on the good side of the
searcher's good-match line (``qa.search.GoodMatch``). The new passages are
scored themselves rather than looked for among the top hits of a search:
in an archive that already holds a hundred good passages on flooding, a new
one need not rank in the top k to be news.
"""

from __future__ import annotations

import logging

import numpy as np

from minutes_qa.index import vectors
from minutes_qa.index.encoder import encode_one
from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.index.sharded import as_one_index
from minutes_qa.index.sqlite import chunks
from minutes_qa.qa.alerts import NewMatch, SavedSearch
from minutes_qa.qa.hits import Citation
from minutes_qa.qa.query import parse_query
from minutes_qa.qa.retrieve import Candidates, Scored, fuse, idf, keyword_evidence
from minutes_qa.qa.search import Searcher
from minutes_qa.qa.terms import StemMatcher, stems

log = logging.getLogger(__name__)

# New passages scored at once: bounds the memory of a large first ingest.
CHUNK = 2_000


def top_vec_id(index: PassageIndex) -> int:
    """The highest passage row id stored: new passages get higher ones."""
    with index.snapshot():
        return index.store.max_vec_id()


def new_matches(searcher: Searcher, search: SavedSearch, upto: int) -> list[NewMatch]:
    """The passages stored after ``search.high_water`` and up to ``upto``
    that pass its filters and answer it well, best first."""
    query = parse_query(search.question)
    vector = encode_one(searcher.encoder, query.dense_text)
    index = as_one_index(searcher.index, "saved searches")
    retriever, store = searcher.retriever, index.store
    good: list[Scored] = []
    with index.snapshot() as faiss_index:
        ids = store.stored_between(search.high_water, upto, search.filters)
        total, frequencies = retriever.term_stats.frequencies(store, query.terms)
        # The same FTS5 expression search uses (its rarest words), so that
        # keyword scores and the good-match line mean what they mean there.
        match = retriever._match(query, frequencies)
        weights = np.array([idf(total, f) if f else 0.0 for f in frequencies])
        for chunk in chunks(ids, CHUNK):
            keyword = store.keyword(match, 0, search.filters, also=chunk)[1] if match else {}
            if query.phrases:
                # A quoted phrase is a requirement, as in search.
                chunk = [v for v in chunk if v in keyword]
            if not chunk:
                continue
            pool = Candidates(
                vec_ids=chunk,
                dense=vectors.reconstruct(faiss_index, chunk) @ vector,
                bm25=np.array([keyword.get(v, 0.0) for v in chunk]),
                present=_present(store.keyword_fields(chunk), chunk, query.terms),
                weights=weights,
            )
            evidence = keyword_evidence(pool, retriever.fusion)
            scores = fuse(pool, retriever.fusion, evidence)
            for v, s, d, e, b in zip(chunk, scores, pool.dense, evidence, pool.bm25, strict=True):
                scored = Scored(v, float(s), float(d), float(e), float(b))
                if searcher.good_match(scored):
                    good.append(scored)
        passages = store.passages([s.vec_id for s in good])
    good.sort(key=lambda s: (-s.score, s.vec_id))
    log.info("saved search %d: %d of %d new passages match", search.id, len(good), len(ids))
    return [
        NewMatch(p.id, p.text, p.kind, round(s.score, 6), Citation.of(p))
        for s in good
        if (p := passages.get(s.vec_id)) is not None
    ]


def _present(
    fields: dict[int, tuple[str, str, str]], ids: list[int], terms: tuple[str, ...]
) -> np.ndarray:
    """Which query words each passage holds, stemmed as BM25 stems them (as
    ``Retriever.candidates`` counts them for coverage)."""
    term_stems = [stems(t) for t in terms]
    matcher = StemMatcher(set().union(*term_stems))
    present = np.zeros((len(ids), len(term_stems)))
    for row, v in enumerate(ids):
        held = matcher.held(" ".join(fields.get(v, ())))
        present[row] = [term <= held for term in term_stems]
    return present

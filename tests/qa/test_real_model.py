"""The real default model, end to end on the bundled sample."""

import numpy as np

from minutes_qa.index.passage_index import PassageIndex
from minutes_qa.qa.search import Searcher


def test_model_vectors_are_normalised(model):
    vectors = model.encode_batch(["Smart Water", "street lighting", ""])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_smart_water_bullet_first_cited_to_13_november_2019(model_index, model):
    searcher = Searcher(PassageIndex.open(model_index, model), model)
    top = searcher.search("What was said about Smart Water?", k=5)[0]
    assert top.text.startswith("The introduction of Smart Water and what evidence")
    assert top.citation.meeting_date == "2019-11-13"
    assert top.citation.committee == "Overview and Scrutiny Board"
    assert top.citation.council == "Bromsgrove District Council"
    assert top.citation.item_title == "Scrutiny of the Community Safety Partnership"
    assert top.citation.source == "https://moderngovwebpublic.bromsgrove.gov.uk/mgAi.aspx?ID=27672"

"""The fitted sentence scorer: features that read the question generally, and its shipped weights."""

from __future__ import annotations

from assistant.scoring import FEATURES, SentenceScorer, asked_types, default_scorer, named_section


def test_what_a_question_asks_for_is_read_without_diacritics_too():
    assert "date" in asked_types("Quyết định được ký ngày nào?")
    assert "date" in asked_types("quyet dinh duoc ky ngay nao")
    assert "person" in asked_types("Ai ký kế hoạch?")
    assert "docref" in asked_types("Đề án căn cứ vào kế hoạch nào của tỉnh?")
    assert "percent" in asked_types("tỷ lệ giáo viên đạt chuẩn là bao nhiêu?")


def test_a_section_named_in_the_question_is_read():
    assert named_section("Mục II.2 của kế hoạch đặt chỉ tiêu gì?") == "ii.2"
    assert named_section("Điều 3 quy định gì?") == "3"
    assert named_section("Kế hoạch đặt chỉ tiêu gì?") == ""


def test_probability_grows_with_a_feature_of_positive_weight():
    n = len(FEATURES)
    scorer = SentenceScorer(mean=[0.0] * n, scale=[1.0] * n, coef=[1.0] + [0.0] * (n - 1), intercept=0.0)
    low, high = [0.0] * n, [2.0] + [0.0] * (n - 1)
    assert scorer.probability(high) > 0.5 > scorer.probability([-2.0] + [0.0] * (n - 1))
    assert scorer.probability(low) == 0.5


def test_the_shipped_scorer_matches_the_features():
    scorer = default_scorer()
    assert scorer is not None
    assert len(scorer.coef) == len(scorer.mean) == len(scorer.scale) == len(scorer.features)
    assert set(scorer.features) <= set(FEATURES)
    # more of the question held by the sentence never lowers its score
    assert scorer.coef[scorer.features.index("coverage")] > 0
    # fitted on lexical features only: answering embeds no sentence
    assert not scorer.uses_dense

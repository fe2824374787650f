"""The bench's verdicts (mentora/demo/bench/run.py `report`), from made-up measurements."""

from mentora.demo.bench.run import MENTOR_PAGE, SCALE, Page, Result, report


def _result(median_ms: float, bare_ms: float, ratio: float, queries: int = 5) -> Result:
    return Result(
        queries=queries, size=1024, median=median_ms / 1000, bare_median=bare_ms / 1000, ratio=ratio
    )


def _verdict(page: Page, one: Result, ten: Result) -> list[str]:
    lines: list[str] = []
    return report([page], {page.label: one}, {page.label: ten}, timed=True, out=lines.append)


def test_growth_is_the_paired_ratio_at_ten_times_over_the_same_at_one():
    page = Page("m@example.com", "mentor: home", "/", MENTOR_PAGE)
    # The bare medians moved (a busier half) but each round's page ÷ bare did not: no growth.
    assert _verdict(page, _result(8, 2, ratio=4.0), _result(16, 4, ratio=4.1)) == []
    missed = _verdict(page, _result(8, 2, ratio=4.0), _result(8, 2, ratio=5.2))
    assert missed == ["mentor: home: growth over 1.25"]


def test_a_slow_page_and_too_many_queries_are_missed_targets():
    page = Page("m@example.com", "mentor: home", "/", MENTOR_PAGE)
    missed = _verdict(page, _result(30, 2, ratio=15, queries=16), _result(30, 2, ratio=15, queries=17))
    assert missed == ["mentor: home: over 15 queries, queries grow, under 20% of bare"]


def test_a_scale_admin_has_no_growth_or_share_target():
    page = Page("a@example.com", "scale admin: calendar week", "/c/", SCALE)
    assert _verdict(page, _result(10, 2, ratio=5), _result(100, 2, ratio=50)) == []

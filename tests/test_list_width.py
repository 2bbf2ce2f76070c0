"""The bulletin list tells bulletins apart, and its width is the user's: [ ], a drag,
remembered in state.json, and fitted to 80 columns."""

from __future__ import annotations

import json
import random

import pytest
from pilot_helpers import loaded, pilot_test, screen_text

from tui.app import ImssApp, make_app
from tui.screens.main import LIST_MIN_WIDTH, LIST_WIDTH_STEP, READER_MIN_WIDTH
from tui.settings import state_path
from tui.widgets.bulletin_list import BulletinList, shared_lead_words


def test_shared_lead_words_counts_what_titles_start_with_in_common() -> None:
    titles = [
        "FIRMAN IMSS Y GOBIERNO DE CHIAPAS CONVENIO",
        "Firman IMSS y Gobierno de Oaxaca convenio",
        "FIRMAN IMSS Y EL GOBIERNO DE CHIHUAHUA",
        "Avanza trabajo conjunto",
        None,
    ]
    assert shared_lead_words(titles) == [5, 5, 3, 0, 0]


def _lead_words_by_every_pair(titles: list[str | None]) -> list[int]:
    words = [(title or "").casefold().split() for title in titles]

    def common(a: list[str], b: list[str]) -> int:
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return n

    return [
        max((common(w, other) for j, other in enumerate(words) if j != i), default=0)
        for i, w in enumerate(words)
    ]


def test_shared_lead_words_agrees_with_comparing_every_pair() -> None:
    """Words that are prefixes of others ("IMSS" / "IMSS-Bienestar"), case, empty titles."""
    rng = random.Random(16)
    vocabulary = ["firman", "FIRMAN", "imss", "imss-bienestar", "im", "y", "de", "Ñuu", "ñu"]
    for _ in range(400):
        titles: list[str | None] = [
            " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 5)))
            if rng.random() > 0.1
            else None
            for _ in range(rng.randint(0, 7))
        ]
        assert shared_lead_words(titles) == _lead_words_by_every_pair(titles), titles


@pilot_test
async def test_at_120_columns_every_row_tells_its_bulletin_apart(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        listing = app.main_screen.bulletin_list
        lines = screen_text(listing)
        rows = [(lines[2 * i], lines[2 * i + 1]) for i in range(len(listing.shown))]
        assert len({title.strip() for _, title in rows}) == len(rows)
        for bulletin, (head, title) in zip(listing.shown, rows, strict=True):
            if bulletin.place:  # the town shows, cut only where it is wider than the row
                town = bulletin.place.split(",")[0]
                shown = head.split("  ")[1].strip()
                assert town == shown or (shown.endswith("…") and town.startswith(shown[:-1]))
            if bulletin.date is None:  # the undated agreements: their state shows
                state = "CHIAPAS" if "CHIAPAS" in (bulletin.title or "") else "OAXACA"
                assert state in title, title
        assert listing.outer_size.width >= 32


@pilot_test
async def test_brackets_resize_the_list_and_the_width_is_remembered(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        main = app.main_screen
        before = main.list_width
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert main.list_width == before + 2 * LIST_WIDTH_STEP
        await pilot.press(*["left_square_bracket"] * 30)
        await pilot.pause()
        assert main.list_width == LIST_MIN_WIDTH
        await pilot.press("right_square_bracket")
        await pilot.pause()
    saved = LIST_MIN_WIDTH + LIST_WIDTH_STEP
    assert json.loads(state_path().read_text("utf-8"))["list_width"] == saved
    again = make_app(use_cache=False)
    async with again.run_test(size=(120, 40)) as pilot:
        await loaded(again, pilot)
        assert again.main_screen.list_width == saved


@pilot_test
async def test_dragging_the_splitter_sets_the_width(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        main = app.main_screen
        splitter = main.query_one("#splitter")
        x = splitter.region.x
        await pilot.mouse_down("#splitter")
        await pilot.hover(None, offset=(x + 12, 5))  # screen coordinates
        await pilot.mouse_up(None, offset=(x + 12, 5))
        await pilot.pause()
        assert main.list_width == x + 12
        assert json.loads(state_path().read_text("utf-8"))["list_width"] == x + 12


@pilot_test
async def test_a_wide_remembered_list_leaves_the_reader_room_at_80_columns() -> None:
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text(json.dumps({"list_width": 70}), "utf-8")
    app = make_app(use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.pause()
        main = app.main_screen
        assert main.reader.outer_size.width >= READER_MIN_WIDTH
        assert main.list_width >= LIST_MIN_WIDTH
        lines = screen_text(main.bulletin_list)
        first = main.bulletin_list.shown[0]
        assert first.date is None and first.date_estimate is not None
        assert lines[0].startswith(first.date_estimate.label)
        dated = next(i for i, b in enumerate(main.bulletin_list.shown) if b.place)
        assert lines[2 * dated].startswith("2015-07-24  Chihuahua")


@pilot_test
async def test_a_long_list_shortens_shared_title_words_after_its_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.widgets import bulletin_list

    monkeypatch.setattr(bulletin_list, "SHARED_WORDS_AT_ONCE", 2)  # the five seeds: "long"
    monkeypatch.setattr(bulletin_list, "SHARED_WORDS_DELAY_S", 0.5)
    app = make_app(use_cache=False)
    async with app.run_test(size=(80, 30)) as pilot:
        while app.corpus is None:
            await pilot.pause(0.01)
        await pilot.pause()
        listing = app.main_screen.bulletin_list
        assert len(listing.shown) == 5 and listing._shared == {}  # drawn with whole titles
        await pilot.pause(0.8)
        shared = shared_lead_words([b.title for b in listing.shown])
        expected = {b.id: n for b, n in zip(listing.shown, shared, strict=True) if n}
        assert expected and listing._shared == expected


@pilot_test
async def test_rows_map_to_bulletins_as_when_measured_item_by_item(
    seeds_app: ImssApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's rows are laid out from its uniform height (nothing per bulletin before the
    first frame): the same rows as measuring each bulletin, and the last one reachable."""
    app = seeds_app
    async with app.run_test(size=(120, 8)) as pilot:
        await loaded(app, pilot)
        listing = app.main_screen.bulletin_list
        count = len(listing.shown)
        uniform = list(listing._starts)
        rows = [listing.item_at_line(line) for line in range(2 * count + 1)]
        monkeypatch.setattr(BulletinList, "uniform_height", None)
        listing.reset(listing.cursor)
        assert list(listing._starts) == uniform == [2 * i for i in range(count)]
        assert [listing.item_at_line(line) for line in range(2 * count + 1)] == rows
        assert rows == [*(i // 2 for i in range(2 * count)), None]
        monkeypatch.undo()
        listing.reset(0)
        listing.focus()
        await pilot.press("end")
        await pilot.pause()
        assert listing.cursor == count - 1
        assert listing.shown[-1].title and listing.shown[-1].title[:20] in "".join(
            screen_text(listing)
        )

"""The main screen (list, reader, sidebar) driven through Pilot, on the real seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pilot_helpers import SEEDS, caught_up, loaded, pilot_test, screen_text
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from core.corpus import Corpus
from core.models import Bulletin, BulletinEntity, EntityKind, Span
from tui.app import ImssApp, make_app
from tui.safe_text import visible
from tui.screens.finder import FinderScreen


@pilot_test
async def test_list_shows_five_bulletins_in_date_order_estimates_at_their_midpoint(
    seeds_app: ImssApp,
) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        listing = main.bulletin_list
        dates = [b.date for b in listing.shown]
        assert len(dates) == 5
        dated = [d for d in dates if d is not None]
        assert dated == sorted(dated)
        # 001 and 002 are undated but estimated 2012-12..2014-09: before the 2015 bulletin
        assert dates[:2] == [None, None]
        assert all(b.date_estimate is not None for b in listing.shown[:2])
        assert listing.border_subtitle == "5 / 5"
        lines = screen_text(listing)
        # an estimated row shows its estimate, marked ≈, never as a date
        assert [line.split()[0] for line in lines[0:4:2]] == ["≈2012-12…2014-09"] * 2
        first_dated = next(i for i, line in enumerate(lines) if line.startswith("2015-07-24"))
        assert not any("≈" in line for line in lines[first_dated:])


@pilot_test
async def test_chihuahua_bulletin_lists_the_governor_under_officials(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        listing = main.bulletin_list
        target = next(i for i, b in enumerate(listing.shown) if b.date == dt.date(2015, 7, 24))
        for _ in range(target):
            await pilot.press("j")
        await caught_up(app, pilot)
        assert main.reader.bulletin is listing.shown[target]
        lines = screen_text(main.sidebar)
        officials = next(i for i, line in enumerate(lines) if line.startswith("Officials"))
        ends = [i for i, line in enumerate(lines) if i > officials and line[:1].isalpha()]
        section = lines[officials : ends[0] if ends else None]
        assert any("César Duarte Jáquez" in line for line in section), lines


@pilot_test
async def test_sidebar_selection_jumps_and_n_cycles_mentions(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        bulletin = main.reader.bulletin
        assert bulletin is not None
        main.sidebar.focus()
        await pilot.pause()
        entity = main.sidebar.current
        assert entity is not None
        await pilot.press("enter")
        await pilot.pause()
        reader = main.reader
        spans = sorted((m.start, m.end) for m in entity.mentions)
        assert reader.targets == spans and reader.target_index == 0
        if len(spans) > 1:
            await pilot.press("n")
            assert reader.target_index == 1
            await pilot.press("N")
            assert reader.target_index == 0
        await pilot.press("N")
        assert reader.target_index == len(spans) - 1, "N wraps to the last mention"


@pilot_test
async def test_reader_search_marks_matches_and_escape_closes_it(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("s", *"imss")
        await pilot.pause()
        reader = main.reader
        assert reader.bulletin is not None
        text = reader.bulletin.text
        assert reader.marks and all(text[a:b].lower() == "imss" for a, b in reader.marks)
        assert reader.border_subtitle == f"match 1/{len(reader.marks)}"
        await pilot.press("escape")
        await pilot.pause()
        assert not reader.marks


@pilot_test
async def test_tab_cycles_panes_and_g_G_jump(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        assert app.focused is main.bulletin_list
        await pilot.press("G")
        assert main.bulletin_list.cursor == 4
        await pilot.press("g")
        assert main.bulletin_list.cursor == 0
        await pilot.press("tab")
        assert app.focused is main.reader
        await pilot.press("tab")
        assert app.focused is main.sidebar
        await pilot.press("shift+tab")
        assert app.focused is main.reader


@pilot_test
async def test_held_key_moves_the_cursor_and_opens_only_where_it_stops() -> None:
    app = make_app(use_cache=False, open_delay=3600)  # every move after the first is a burst
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        listing = main.bulletin_list
        await pilot.press("j", "j", "j")
        assert listing.cursor == 3
        assert main.open_pending
        assert main.reader.bulletin is not listing.shown[3], "the burst opened every bulletin"
        assert main.sidebar.bulletin is main.reader.bulletin, "sidebar and reader disagree"
        await pilot.press("tab")  # reaching the reader shows where the cursor stopped
        await pilot.pause()
        assert app.focused is main.reader
        assert not main.open_pending
        assert main.reader.bulletin is listing.shown[3]
        assert main.sidebar.bulletin is listing.shown[3]


@pilot_test
async def test_a_single_step_opens_the_bulletin_without_waiting() -> None:
    app = make_app(use_cache=False, open_delay=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        assert main.reader.bulletin is main.bulletin_list.shown[1]


@pilot_test
async def test_clicking_a_row_opens_that_bulletin(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        # rows are two lines tall inside a border: the third bulletin starts on line 1 + 4
        await pilot.click("#bulletins", offset=(5, 5))
        await pilot.pause()
        assert main.bulletin_list.cursor == 2
        assert main.reader.bulletin is main.bulletin_list.shown[2]


@pilot_test
async def test_narrow_terminal_hides_the_sidebar_until_asked(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        assert not main.sidebar.display
        await pilot.press("e")
        await pilot.pause()
        assert main.sidebar.display and app.focused is main.sidebar
        assert not app.query_one("#list-pane").display, "narrow: the entities replace the list"
        assert main.reader.size.width >= 40, "the reader keeps a readable width"
        await pilot.press("e")
        await pilot.pause()
        assert not main.sidebar.display and app.query_one("#list-pane").display
        assert app.focused is main.bulletin_list


@pilot_test
async def test_command_palette_offers_the_explorer_actions(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"find entity")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, FinderScreen)


@pilot_test
async def test_wrapped_reader_lines_map_back_to_the_bulletin_text(seeds_app: ImssApp) -> None:
    """Jumps and highlights rely on it: each wrapped line knows where its text starts."""
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        reader = main.reader
        for width in (120, 84, 60):
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            for bulletin in app.corpus.bulletins:
                reader.show(bulletin)
                text = visible(bulletin.text)
                body = [line for line in reader._lines if line.origin is not None]
                assert body
                for line in body:
                    plain = line.text.plain
                    assert text[line.origin : line.origin + len(plain)] == plain


@pilot_test
async def test_the_current_mention_is_painted_exactly_on_its_text(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("slash", *"gober chihu")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        reader = main.reader
        start, end = reader.targets[reader.target_index]
        painted = ""
        for y in range(reader.size.height):
            for segment in reader.render_line(y):
                if segment.style and segment.style.bgcolor == reader.target_style.bgcolor:
                    painted += segment.text
        assert painted.replace(" ", "") == reader.bulletin.text[start:end].replace(" ", "")


@pilot_test
async def test_failed_file_is_listed_with_its_reason(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    app = make_app([png, SEEDS / "000_f30207a0e62f3e58.txt"], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        listing = main.bulletin_list
        assert len(listing.shown) == 2
        failed = next(i for i, b in enumerate(listing.shown) if b.failed)
        lines = screen_text(listing)
        assert any("✗ failed" in line and "photo.txt" in line for line in lines)
        listing.cursor = failed
        await pilot.pause()
        reader_lines = "\n".join(screen_text(main.reader))
        assert "could not be read" in reader_lines
        reason = next(i.message for i in listing.shown[failed].issues if i.severity == "error")
        assert reason[:30] in reader_lines.replace("\n", " ")


def _synthetic(n: int) -> list[Bulletin]:
    start = dt.date(2012, 1, 1)
    return [
        Bulletin(
            id=f"b{i}",
            date=start + dt.timedelta(days=i % 5000),
            number=f"{i}/2024",
            title=f"Boletín número {i}",
            text=f"Boletín número {i}\n\nEl IMSS informa.",
            entities=[
                BulletinEntity(
                    kind=EntityKind.INSTITUTION,
                    name="IMSS",
                    mentions=[Span(start=24, end=28, text="IMSS")],
                )
            ],
        )
        for i in range(n)
    ]


@pilot_test
async def test_ten_thousand_bulletins_render_only_visible_rows() -> None:
    bulletins = _synthetic(10_000)
    app = make_app(loader=lambda paths, **_: Corpus.from_bulletins(bulletins))
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        listing = main.bulletin_list
        assert listing.border_subtitle == "10000 / 10000"
        await pilot.press("G")
        await caught_up(app, pilot)
        assert listing.cursor == 9_999
        last = listing.shown[-1]
        assert main.reader.bulletin is not None and main.reader.bulletin.id == last.id
        assert last.title in "\n".join(screen_text(listing))
        assert len(listing._cache) <= 4 * listing.size.height


KEYS_AFTER_Q = [
    ("slash", "/"),
    ("t", "t"),
    ("question_mark", "?"),
    ("p", "p"),
]


@pytest.mark.parametrize(("key", "char"), KEYS_AFTER_Q)
@pilot_test
async def test_keys_typed_right_after_q_open_nothing(
    seeds_app: ImssApp, key: str, char: str
) -> None:
    """q then / (or t ? p) before the app is gone: the second key must not open a screen
    that the shutdown then tears apart mid-mount (a traceback on the terminal)."""
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        app.main_screen.sidebar.focus()  # p needs a selected entity
        await pilot.pause()
        # both keys queued at once, as a fast typist's terminal delivers them
        app.post_message(events.Key("q", "q"))
        app.post_message(events.Key(key, char))
        await pilot.pause()
    assert app.return_code == 0
    assert app._exception is None


@pilot_test
async def test_the_sidebar_follows_the_new_width_on_every_resize(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        steps = [((90, 40), False), ((100, 40), True), ((99, 40), False), ((130, 40), True)]
        steps += [((20, 5), False), ((120, 40), True), ((80, 24), False), ((120, 40), True)]
        for (width, height), shown in steps:
            await pilot.resize_terminal(width, height)
            for _ in range(200):  # the app applies a resize on a short timer: let it fire
                if main.size.width == width and main.sidebar.display is shown:
                    break
                await pilot.pause(0.01)
            assert main.sidebar.display is shown, f"at {width}x{height}"
            assert main.has_class("-narrow") is not shown


@pilot_test
async def test_the_reader_dims_the_header_lines_and_only_them(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        reader = main.reader
        for bulletin in app.corpus.bulletins:
            reader.show(bulletin)
            header, offset = [], 0
            for block, role in zip(bulletin.text.split("\n\n"), bulletin.block_roles, strict=True):
                if role == "header":
                    header.append((offset, offset + len(block)))
                offset += len(block) + 2
            await pilot.pause()
            for y in range(reader.size.height):  # scrolled to the top: headers are on screen
                line = reader._lines[y] if y < len(reader._lines) else None
                if line is None or line.origin is None or not line.text.plain.strip():
                    continue
                in_header = any(a <= line.origin < b for a, b in header)
                drawn = [seg for seg in reader.render_line(y) if seg.text.strip()]
                dim = all(seg.style is not None and seg.style.dim for seg in drawn)
                assert dim is in_header, (bulletin.source, line.text.plain)
            assert header or not bulletin.kind, "the seeds with a kind have header lines"


def _footer_text(app: ImssApp) -> str:
    """The keys the main screen's footer offers right now."""
    footer = app.main_screen.query_one(Footer)
    return " ".join(f"{key.key_display} {key.description}" for key in footer.query(FooterKey))


@pilot_test
async def test_no_label_outlives_what_it_describes(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("s", *"zzqx")
        await pilot.pause()
        assert main.reader.border_subtitle == "no matches"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert main.reader.border_subtitle == ""  # "no matches" went with the box
        assert "Clear" not in _footer_text(app)
        # the filter: esc clears it and the footer drops "esc Clear" with no focus change
        main.sidebar.focus()
        await pilot.pause()
        assert main.focused is main.sidebar and main.sidebar.current is not None
        await pilot.press("f")
        await pilot.pause()
        assert "Clear" in _footer_text(app)
        focused = main.focused
        await pilot.press("escape")
        await pilot.pause()
        assert main.filter_entity_id is None and main.focused is focused
        assert "Clear" not in _footer_text(app)

"""The entity profile (p) driven through Pilot, on the real seeds."""

from __future__ import annotations

from pilot_helpers import loaded, pilot_test

from tui.app import ImssApp
from tui.screens.profile import ProfileScreen
from tui.widgets.bulletin_list import BulletinList


@pilot_test
async def test_f_filters_to_the_selected_entity_and_p_opens_its_profile(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        main.sidebar.focus()
        await pilot.pause()
        entity = main.sidebar.current
        assert entity is not None and entity.entity_id
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        profile = app.screen
        assert profile.entity.id == entity.entity_id
        listing = profile.query_one("#profile-bulletins", BulletinList)
        dates = [b.date for b in listing.shown if b.date]
        assert dates == sorted(dates)
        assert {b.id for b in listing.shown} == set(profile.entity.bulletin_ids)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ProfileScreen)
        assert main.filter_entity_id == entity.entity_id
        assert {b.id for b in main.bulletin_list.shown} == set(profile.entity.bulletin_ids)

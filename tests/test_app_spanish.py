"""The app speaks the language set before it is made: Spanish labels, keys, dates, kinds,
notifications and errors with set_language("es"); English, as always, by default."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from pilot_helpers import REPO, caught_up, loaded, pilot_test, rendered, screen_text
from rich.text import Text
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.widgets import Footer, Input, Select

import tui
from core.i18n import _, set_language
from core.models import DateEstimate, EntityKind
from tui.app import ImssApp, make_app
from tui.date_labels import estimate_label, month_label
from tui.kinds import badge_width, kind_badge
from tui.screens.export_prompt import ExportScreen
from tui.screens.finder import FinderScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.profile import ProfileScreen
from tui.textual_i18n import _node_classes, translated_map


def footer_text(app: ImssApp) -> str:
    """The footer's line as the terminal shows it."""
    app.screen.query_one(Footer)  # the screen has one
    return app.screen._compositor.render_strips()[-1].text


def plain(title: object) -> str:
    """A border title (kept as markup by Textual) as the user reads it."""
    return Text.from_markup(str(title)).plain


def notifications(app: ImssApp) -> list[tuple[str, str]]:
    return [(str(n.title), str(n.message)) for n in app._notifications]  # type: ignore[attr-defined]


def configured(tmp_path: Path, monkeypatch, toml: str) -> Path:  # type: ignore[no-untyped-def]
    """A config.toml holding `toml`, the one the app reads."""
    config = tmp_path / "config.toml"
    config.write_text(toml, "utf-8")
    monkeypatch.setenv("IMSS_TUI_CONFIG", str(config))
    return config


def seeds(language: str) -> ImssApp:
    set_language(language)
    return make_app(use_cache=False)


@pilot_test
async def test_main_screen_in_spanish() -> None:
    app = seeds("es")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        screen = app.main_screen
        assert screen.bulletin_list.border_title == "Boletines"
        assert screen.sidebar.border_title == "Entidades"
        footer = footer_text(app)
        for word in ("Buscar", "Texto", "Cronología", "Ayuda", "Salir", "paleta"):
            assert word in footer, footer
        assert "Find" not in footer and "Help" not in footer
        listing = "\n".join(screen_text(screen.bulletin_list))
        assert "24 jul 2015" in listing and "30 may 2024" in listing
        await pilot.press("end")  # 003: "Ciudad de México, jueves 30 de mayo de 2024."
        await caught_up(app, pilot)
        assert plain(screen.reader.border_title) == "jueves 30 de mayo de 2024"
        reader = "\n".join(screen_text(screen.reader))
        assert "Fecha    jueves 30 de mayo de 2024" in reader
        assert "Tipo" in reader and "Lugar" in reader
        sidebar = "\n".join(screen_text(screen.sidebar))
        assert "Funcionarios" in sidebar and "Lugares" in sidebar


@pilot_test
async def test_main_screen_in_english_by_default() -> None:
    app = make_app(use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        screen = app.main_screen
        assert screen.bulletin_list.border_title == "Bulletins"
        footer = footer_text(app)
        assert "Find" in footer and "Help" in footer and "palette" in footer
        await pilot.press("end")
        await caught_up(app, pilot)
        assert plain(screen.reader.border_title) == "2024-05-30"
        assert "Officials" in "\n".join(screen_text(screen.sidebar))


@pilot_test
async def test_bindings_follow_each_new_app_both_ways() -> None:
    """Spanish, then English, then Spanish in one process: the compiled bindings are rebuilt
    from the English ones each time, ids and keys untouched."""
    for language, finder in (("es", "Buscar"), ("en", "Find"), ("es", "Buscar")):
        app = seeds(language)
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(app, pilot)
            bindings = [b for _, b in app.main_screen._bindings if b.id == "app.finder"]
            assert [(b.key, b.description) for b in bindings] == [
                ("slash", finder),
                ("ctrl+k", finder),
            ]
            assert finder in footer_text(app)


@pilot_test
async def test_remapped_key_works_in_spanish(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    configured(tmp_path, monkeypatch, '[keys]\n"app.finder" = "ctrl+f"\n')
    app = seeds("es")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert "^f Buscar" in footer_text(app)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, FinderScreen)


async def find(app: ImssApp, pilot, query: str) -> FinderScreen:  # type: ignore[no-untyped-def]
    """Open the finder on `query` and wait for its results."""
    await loaded(app, pilot)
    await pilot.press("slash", *query)
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, FinderScreen)
    return app.screen


@pilot_test
async def test_finder_in_spanish() -> None:
    app = seeds("es")
    async with app.run_test(size=(120, 40)) as pilot:
        finder = await find(app, pilot, "gober chihu")
        box = finder.query_one("#finder-box")
        assert box.border_title == "Buscar un funcionario, lugar, unidad médica o institución"
        rows = screen_text(finder.results)
        assert rows[0].startswith("funcionario ") and "César Duarte Jáquez" in rows[0]
        assert rows[0].rstrip().endswith("1 boletín")
        hint = "\n".join(strip.text for strip in rendered(finder.query_one("#finder-hint")))
        assert "ctrl+o perfil" in hint


@pilot_test
async def test_help_in_spanish_keeps_binding_ids() -> None:
    app = seeds("es")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = "\n".join(strip.text for strip in rendered(app.screen.query_one("#help-table")))
        for text in ("Pantalla principal", "Esta lista de teclas", "Sintaxis de búsqueda"):
            assert text in table
        for binding_id in ("app.finder", "app.quit", "list.down", "timeline.filter"):
            assert binding_id in table
        assert "Main screen" not in table and "This list of keys" not in table


@pilot_test
async def test_profile_in_spanish() -> None:
    app = seeds("es")
    async with app.run_test(size=(120, 40)) as pilot:
        await find(app, pilot, "gober chihu")
        await pilot.press("ctrl+o")
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        header = "\n".join(strip.text for strip in rendered(profile.query_one("#profile-text")))
        assert "César Duarte Jáquez  funcionario  · 1 boletín" in header
        assert "Cargo  Gobernador" in header and "24 jul 2015" in header
        assert profile.query_one("#profile-bulletins").border_title == "Boletines, por fecha"
        assert "Volver" in footer_text(app)


@pilot_test
async def test_notification_in_spanish() -> None:
    app = seeds("es")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("K")  # the first bulletin (PDF text, 001) has no kind
        await pilot.press("y")
        await pilot.pause()
        messages = [message for _, message in notifications(app)]
        assert "El boletín abierto no tiene un tipo por el cual filtrar." in messages
        assert any(m.startswith("Referencia copiada (") for m in messages), messages


def _failing_loader(paths, **options):  # type: ignore[no-untyped-def]
    raise OSError("disco ilegible")


@pytest.mark.parametrize(
    ("language", "title", "placeholder"),
    [
        ("es", "No se pudo cargar", "No se pudo cargar el acervo: disco ilegible"),
        ("en", "Loading failed", "Could not load the corpus: disco ilegible"),
    ],
)
@pilot_test
async def test_load_error_in_the_language_set(language: str, title: str, placeholder: str) -> None:
    set_language(language)
    app = make_app(loader=_failing_loader)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (title, "disco ilegible") in notifications(app)
        assert placeholder in "\n".join(screen_text(app.main_screen.reader))


@pilot_test
async def test_command_palette_in_spanish() -> None:
    app = seeds("es")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Tema", "Salir", "Teclas", "Captura de pantalla"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert palette.query_one("CommandInput").placeholder == "Buscar comandos…"
        await pilot.press(*"exportar")
        await pilot.pause(0.3)
        options = palette.query_one("CommandList")
        prompts = [str(option.prompt) for option in options.options]
        assert any("Exportar lista" in prompt for prompt in prompts), prompts


async def palette_lines(app: ImssApp, pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """The palette's result lines once the query is searched (Textual shows the commands
    first, then waits half a second before saying it found none)."""
    results = app.screen.query_one("CommandList")
    lines: list[str] = []
    for _attempt in range(100):
        lines = [line.strip() for line in screen_text(results) if line.strip()]
        if len(results.options) == 1 and lines:
            break
        await pilot.pause(0.05)
    return lines


@pytest.mark.parametrize(
    ("language", "nothing"), [("es", "Sin coincidencias"), ("en", "No matches found")]
)
@pilot_test
async def test_palette_says_no_matches_in_the_language_set(language: str, nothing: str) -> None:
    app = seeds(language)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p", *"97979")
        assert await palette_lines(app, pilot) == [nothing]
        await pilot.press("escape")
        app.search_themes()  # the theme picker is the same palette
        await pilot.pause()
        await pilot.press(*"97979")
        assert await palette_lines(app, pilot) == [nothing]


def test_textual_still_adds_no_matches_where_our_palette_overrides_it() -> None:
    """tui.textual_i18n.CommandPalette replaces a private Textual method to translate its one
    literal; if Textual renames or rewrites it, this says so before users see English."""
    from textual import command

    source = inspect.getsource(command.CommandPalette._start_no_matches_countdown)
    assert '"No matches found"' in source, "Textual changed how the palette says no matches"
    for name in ("_stop_no_matches_countdown", "_NO_MATCHES", "_NO_MATCHES_COUNTDOWN"):
        assert hasattr(command.CommandPalette, name), f"Textual's palette lost {name}"
    assert "_no_matches_timer" in inspect.getsource(command.CommandPalette.__init__)
    assert "_start_no_matches_countdown" in inspect.getsource(command.CommandPalette)


@pytest.mark.parametrize(
    ("language", "mark", "help_row"),
    [("es", "espacio Marcar", "espacio, v"), ("en", "space Mark", "space, v")],
)
@pilot_test
async def test_key_names_follow_the_language(language: str, mark: str, help_row: str) -> None:
    app = seeds(language)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("d")  # the timeline, focused: its space key is in the footer
        await pilot.pause()
        assert mark in footer_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        table = "\n".join(strip.text for strip in rendered(app.screen.query_one("#help-table")))
        assert help_row in table


@pytest.mark.parametrize("language", ["es", "en"])
@pilot_test
async def test_default_export_name_follows_the_language_in_ascii(language: str) -> None:
    app = seeds(language)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, ExportScreen)
        names = []
        for what in ("bulletins", "mentions", "network"):
            prompt.query_one("#export-what", Select).value = what
            await pilot.pause()
            names.append(prompt.query_one("#export-path", Input).value)
    words = {"es": ["boletines", "menciones", "red"], "en": ["bulletins", "mentions", "network"]}
    for name, word in zip(names, words[language], strict=True):
        assert name.isascii() and name.startswith(f"imss-{word}-"), names
    assert names[-1].endswith(".graphml") and names[0].endswith(".csv")


@pytest.mark.parametrize(
    ("language", "one", "three"),
    [
        ("en", "Export the 1 bulletin listed", "Export the 3 bulletins listed"),
        ("es", "Exportar 1 boletín listado", "Exportar los 3 boletines listados"),
    ],
)
@pilot_test
async def test_export_title_counts_in_both_languages(language: str, one: str, three: str) -> None:
    app = seeds(language)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        titles = []
        for shown in (1, 3):
            app.push_screen(ExportScreen(shown))
            await pilot.pause()
            titles.append(app.screen.query_one("#export-box").border_title)
            app.pop_screen()
        assert titles == [one, three]


def test_translated_map_keeps_keys_ids_and_order() -> None:
    english = BindingsMap(
        [
            Binding("slash,ctrl+k", "finder", "Find", id="app.finder", tooltip="This list of keys"),
            Binding("z", "zap", "Not in the catalog", id="test.zap"),
        ]
    )
    set_language("es")
    spanish = translated_map(english)
    assert [(key, b.action, b.id) for key, b in spanish] == [
        (key, b.action, b.id) for key, b in english
    ]
    described = [(b.description, b.tooltip) for _, b in spanish]
    assert ("Buscar", "Esta lista de teclas") in described
    assert ("Not in the catalog", "") in described  # no translation: the English stays
    set_language("en")
    assert [b for _, b in translated_map(english)] == [b for _, b in english]


def test_kind_names_and_badge_column_follow_the_language() -> None:
    assert kind_badge(EntityKind.FACILITY) == "facility" and badge_width() == 12
    set_language("es")
    assert kind_badge(EntityKind.FACILITY) == "unidad médica"
    assert badge_width() == len("unidad médica") + 1  # the longest badge fits


def test_timeline_months_in_spanish() -> None:
    assert month_label("2024-01") == "2024-01"
    set_language("es")
    assert [month_label(f"2015-{m:02d}") for m in (1, 4, 8, 12)] == [
        "ene 2015",
        "abr 2015",
        "ago 2015",
        "dic 2015",
    ]


def test_date_estimates_in_spanish_months() -> None:
    estimate = DateEstimate.model_validate({"from": "2012-12", "to": "2014-09"})
    assert estimate_label(estimate) == estimate.label == "≈2012-12…2014-09"
    set_language("es")
    assert estimate_label(estimate) == "≈dic 2012…sep 2014"
    open_ended = DateEstimate.model_validate({"from": "2019-01"})
    assert estimate_label(open_ended) == "≈ene 2019…"


def test_date_evidence_says_what_a_name_means_in_spanish() -> None:
    """The seed 001 is dated by "IMSS-Oportunidades" and "Seguro Popular": the reader's
    evidence lines said what those names mean in English."""
    from core.parse import parse_file
    from tui.date_labels import evidence_lines

    bulletin = parse_file(next((REPO / "seeds").glob("001_*.txt")))
    assert bulletin.date_estimate is not None
    set_language("es")
    lines = [line.plain for line in evidence_lines(bulletin.date_estimate)]
    assert "IMSS-Oportunidades — nombre del programa del IMSS para la población pobre" in "\n".join(
        lines
    )
    assert "Seguro Popular — seguro de salud para quienes no tienen seguridad social" in "\n".join(
        lines
    )
    assert "Director General del IMSS" in "\n".join(lines)  # offices are Spanish already


@pilot_test
async def test_settings_problem_in_spanish(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = configured(tmp_path, monkeypatch, "theme = [")
    app = seeds("es")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        [(title, message)] = notifications(app)
        assert title == "Configuración"
        assert message.startswith(f"{config}: TOML no válido (")
        assert message.endswith("); se usan los valores predeterminados")


def test_an_empty_message_stays_empty_in_spanish() -> None:
    """The sidebar's empty message while loading is "": never the catalog's header."""
    set_language("es")
    assert _("") == ""


@pilot_test
async def test_stored_issues_read_in_spanish(tmp_path: Path) -> None:
    """Issues are cached in English; the list and reader show them in the language set."""
    (tmp_path / "vacio.txt").write_text("", "utf-8")
    set_language("es")
    app = make_app([tmp_path], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await caught_up(app, pilot)
        listing = "\n".join(screen_text(app.main_screen.bulletin_list))
        assert "✗ falló vacio.txt" in listing
        assert "  el archivo no tiene texto" in listing  # the English reason, read in Spanish
        reader = "\n".join(screen_text(app.main_screen.reader))
        assert "✗ No se pudo leer este archivo" in reader
        assert "error: el archivo no tiene texto" in reader


def test_every_key_description_of_every_widget_is_spanish() -> None:
    """A binding described without `N_` never reaches the catalog: the reader's "Scroll
    down" stayed English in the Spanish help."""
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        if not module.name.endswith("__main__"):  # that one runs the app
            importlib.import_module(module.name)
    set_language("es")
    ours = [c for c in _node_classes(DOMNode) if c.__module__.startswith("tui.")]
    english = [
        f"{binding.id}: {binding.description}"
        for cls in ours
        for binding in cls.__dict__.get("BINDINGS", [])
        if isinstance(binding, Binding) and binding.description
        if _(binding.description) == binding.description
    ]
    assert len(ours) > 10 and english == []

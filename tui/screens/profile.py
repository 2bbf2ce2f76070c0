"""An entity's profile: names, roles over time, its bulletins and who appears alongside it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from core.i18n import N_, _, ngettext
from core.models import Entity
from core.quotes.lookup import quotes_of
from tui.date_labels import short_date
from tui.kinds import kind_badge
from tui.palette import Palette
from tui.safe_text import append_safe, safe_text
from tui.widgets.bulletin_list import BulletinList
from tui.widgets.entity_rows import EntityResults, facility_state
from tui.widgets.fitting_footer import FittingFooter
from tui.widgets.line_list import LineList
from tui.widgets.quote_list import QuoteList

if TYPE_CHECKING:
    from core.corpus import Corpus

COOCCURRING_LIMIT = 50


@dataclass(frozen=True)
class ProfileChoice:
    """Open `bulletin_id` with the list filtered to `entity_id`."""

    entity_id: str
    bulletin_id: str
    #: Where to scroll the reader to (a quote's offset), or None for the entity's mentions.
    start: int | None = None


def cooccurring(corpus: Corpus, entity_id: str) -> tuple[list[Entity], list[str]]:
    """Entities seen with `entity_id`, and a "×N" label for how many bulletins they share
    (the pane's title says what N counts; the names need the width)."""
    pairs = corpus.cooccurring(entity_id, COOCCURRING_LIMIT)
    return [entity for entity, _n in pairs], [f"×{n}" for _e, n in pairs]


def profile_header(entity: Entity, palette: Palette) -> Text:
    text = Text()
    style = palette.kind[entity.kind]
    append_safe(text, entity.name, style + Style(underline=True))
    text.append(f"  {kind_badge(entity.kind)}", style=Style(color=style.color))
    count = len(entity.bulletin_ids)
    bulletins = ngettext("{count} bulletin", "{count} bulletins", count).format(count=count)
    mentions = ngettext("{count} mentions", "{count} mentions", entity.mention_count)
    text.append(f"  · {bulletins}, {mentions.format(count=entity.mention_count)}\n", style="dim")
    state = facility_state(entity)
    if state:
        text.append(_("State") + "  ", style="dim")
        append_safe(text, state, "bold")
        text.append("\n")
    aliases = [a for a in entity.aliases if a != entity.name]
    if aliases:
        text.append(_("Also written") + "  ", style="dim")
        for i, alias in enumerate(aliases):
            if i:
                text.append(" · ", style="dim")
            append_safe(text, alias, "italic")
        text.append("\n")
    for role in entity.roles:
        text.append(_("Role") + "  ", style="dim")
        append_safe(text, role.role, "bold")
        dates = sorted(role.dates)
        if dates:
            first, last = short_date(dates[0]), short_date(dates[-1])
            text.append(f"  {first}" + (f" → {last}" if last != first else ""), style="dim")
        else:
            text.append("  (" + _("undated") + ")", style="dim italic")
        text.append("\n")
    text.rstrip()
    return text


class ProfileScreen(Screen[ProfileChoice | None]):
    """Enter on a bulletin opens it; enter on a co-occurring entity shows that profile."""

    DEFAULT_CSS = """
    ProfileScreen #profile-header {
        height: auto; max-height: 40%; padding: 0 1;
        border: round $accent; border-title-color: $accent;
    }
    ProfileScreen #profile-body { height: 1fr; }
    ProfileScreen #profile-bulletins { width: 1fr; border: round $panel; }
    ProfileScreen #profile-cooccurring { width: 1fr; border: round $panel; }
    ProfileScreen #profile-quotes { width: 1fr; border: round $panel; }
    ProfileScreen LineList:focus { border: round $accent; }
    ProfileScreen.-narrow #profile-body { layout: vertical; }
    ProfileScreen.-narrow #profile-bulletins, ProfileScreen.-narrow #profile-cooccurring,
    ProfileScreen.-narrow #profile-quotes {
        width: 100%; height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Back"), id="profile.close"),
        Binding("f", "filter", N_("Filter list"), id="profile.filter"),
    ]

    def __init__(
        self, corpus: Corpus, entity: Entity, within: Collection[str] | None = None
    ) -> None:
        """`within`: the bulletin ids the main list's filters keep; the list shows those."""
        super().__init__()
        self.corpus = corpus
        self.entity = entity
        self.within = None if within is None else frozenset(within)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="profile-header") as header:
            header.border_title = _("Profile")
            yield Static(id="profile-text")
        with Horizontal(id="profile-body"):
            yield BulletinList(id="profile-bulletins")
            yield QuoteList(id="profile-quotes")
            yield EntityResults(id="profile-cooccurring")
        yield FittingFooter()

    def on_mount(self) -> None:
        every = self.corpus.bulletins_mentioning(self.entity.id)
        within = self.within
        bulletins = every if within is None else [b for b in every if b.id in within]
        listing = self.query_one("#profile-bulletins", BulletinList)
        self._show_header()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._show_header())
        listing.border_title = _("Bulletins, in date order")
        listing.border_subtitle = str(len(bulletins))
        if within is not None:
            listing.border_subtitle = _("{shown} of {count} · filtered").format(
                shown=len(bulletins), count=len(every)
            )
            listing.empty_message = _("None among the filtered bulletins.")
        listing.set_bulletins(bulletins)
        others, labels = cooccurring(self.corpus, self.entity.id)
        together = self.query_one("#profile-cooccurring", EntityResults)
        together.border_title = _("Mentioned alongside (× bulletins)")
        together.empty_message = _("Nobody else.")
        together.set_entities(others, labels)
        said = quotes_of(self.corpus, self.entity.id)
        quotes = self.query_one("#profile-quotes", QuoteList)
        quotes.border_title = _("Quotes")
        quotes.border_subtitle = str(len(said))
        quotes.display = bool(said)
        quotes.set_quotes(said)
        listing.focus()

    def _show_header(self) -> None:
        """Coloured like the lists below it (whose component classes follow the theme)."""
        palette = Palette.of(self.query_one("#profile-bulletins", BulletinList))
        self.query_one("#profile-text", Static).update(profile_header(self.entity, palette))

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    @on(LineList.Selected, "#profile-bulletins")
    def _open_bulletin(self, event: LineList.Selected) -> None:
        event.stop()
        bulletin = self.query_one("#profile-bulletins", BulletinList).current
        if bulletin is not None:
            self.dismiss(ProfileChoice(self.entity.id, bulletin.id))

    @on(LineList.Selected, "#profile-quotes")
    def _open_quote(self, event: LineList.Selected) -> None:
        event.stop()
        picked = self.query_one("#profile-quotes", QuoteList).current
        if picked is not None:
            bulletin, quote = picked
            self.dismiss(ProfileChoice(self.entity.id, bulletin.id, quote.start))

    @on(LineList.Highlighted, "#profile-cooccurring")
    def _show_full_name(self, event: LineList.Highlighted) -> None:
        """The selected entity's whole name under the pane, however narrow its row."""
        together = self.query_one("#profile-cooccurring", EntityResults)
        other = together.current
        together.border_subtitle = None if other is None else safe_text(other.name)

    @on(LineList.Selected, "#profile-cooccurring")
    def _open_other(self, event: LineList.Selected) -> None:
        event.stop()
        other = self.query_one("#profile-cooccurring", EntityResults).current
        if other is not None:
            self.app.push_screen(ProfileScreen(self.corpus, other), self._forward)

    def _forward(self, choice: ProfileChoice | None) -> None:
        """A nested profile picked a bulletin: pass it down to whoever opened this one."""
        if choice is not None:
            self.dismiss(choice)

    def action_filter(self) -> None:
        listing = self.query_one("#profile-bulletins", BulletinList)
        self._show_header()
        self.app.theme_changed_signal.subscribe(self, lambda _: self._show_header())
        bulletin = listing.current or (listing.shown[0] if listing.shown else None)
        if bulletin is not None:
            self.dismiss(ProfileChoice(self.entity.id, bulletin.id))

    def action_close(self) -> None:
        self.dismiss(None)

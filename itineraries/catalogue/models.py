"""The catalogue: places (sights, lodgings, towns), roads, themed routes and season notes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Fields a client or an export sees; "published" is added where editors work.
# The four series of Jincheng's "Taihang People's Family" courtyards (article 000_bfe872bd9a934e52.txt).
COURTYARD_SERIES = ("manor", "yunjin", "ink", "ancient-rhyme")
DESTINATION_FIELDS = (
    "slug",
    "kind",
    "name_en",
    "name_zh",
    "name_pinyin",
    "lat",
    "lon",
    "city",
    "county",
    "categories",
    "weight",
    "visit_minutes",
    "opening_hours",
    "hours_estimated",
    "hours_source",
    "ticket_cny",
    "ticket_estimated",
    "ticket_source",
    "lodging",
    "lodging_kind",
    "lodging_brand",
    "courtyard_series",
    "description_en",
    "description_zh",
    "source",
    "confidence",
    "added",
)


# A themed route's fields, as editors edit them and clients read them.
ROUTE_FIELDS = (
    "slug",
    "name_en",
    "name_zh",
    "description_en",
    "description_zh",
    "start",
    "days",
    "mode",
    "pace",
    "scenic",
    "must",
    "interests",
    "source",
)


class Destination(models.Model):
    class Kind(models.TextChoices):
        SIGHT = "sight", _("Sight")
        LODGING = "lodging", _("Lodging")
        TOWN = "town", _("Town")

    class Confidence(models.TextChoices):
        HIGH = "HIGH", _("High")
        MED = "MED", _("Medium")
        LOW = "LOW", _("Low (proxy)")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SIGHT)
    name_en = models.CharField(_("English name"), max_length=160)
    name_zh = models.CharField(_("Chinese name"), max_length=160)
    name_pinyin = models.CharField(_("pinyin"), max_length=160, blank=True)
    lat = models.FloatField(_("latitude"), help_text=_("WGS-84 latitude"))
    lon = models.FloatField(_("longitude"), help_text=_("WGS-84 longitude"))
    city = models.CharField(_("city"), max_length=60)
    county = models.CharField(_("county"), max_length=60, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=5, help_text=_("editorial weight 1-10"))
    visit_minutes = models.PositiveIntegerField(_("visit (minutes)"), default=60)
    opening_hours = models.JSONField(_("opening hours"), default=list, blank=True)
    hours_estimated = models.BooleanField(
        _("hours estimated"),
        default=False,
        help_text=_("the hours are a guess: pages say 'hours not confirmed, check before you go'"),
    )
    hours_source = models.TextField(
        _("source of the hours"), blank=True, help_text=_("where the opening hours come from")
    )
    ticket_cny = models.PositiveIntegerField(
        _("ticket (CNY)"), null=True, blank=True, help_text=_("adult ticket; 0 free, empty unknown")
    )
    ticket_estimated = models.BooleanField(_("ticket estimated"), default=False, help_text=_("the price is a guess"))
    ticket_source = models.TextField(
        _("source of the ticket price"), blank=True, help_text=_("where the ticket price comes from")
    )
    ticket_pass = models.ForeignKey(
        "TicketPass",
        verbose_name=_("ticket pass"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sights",
        help_text=_("the pass whose ticket covers this sight"),
    )
    sources = models.ManyToManyField(
        "Source", verbose_name=_("sources"), blank=True, related_name="places", help_text=_("what the record cites")
    )
    area = models.ForeignKey(
        "Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_("the walled town, castle village or scenic area this sight is part of"),
    )
    lodging = models.BooleanField(_("lodging"), default=False)
    lodging_kind = models.CharField(_("kind of lodging"), max_length=20, blank=True)
    lodging_brand = models.CharField(
        _("lodging brand"), max_length=80, blank=True, help_text=_("e.g. Taihang People's Family (太行人家)")
    )
    courtyard_series = models.CharField(
        _("courtyard series"),
        max_length=20,
        blank=True,
        choices=[(s, s) for s in COURTYARD_SERIES],
        help_text=_("the brand's courtyard series, where a source names it"),
    )
    description_en = models.TextField(_("English description"), blank=True)
    description_zh = models.TextField(_("Chinese description"), blank=True)
    source = models.TextField(
        _("source"),
    )
    confidence = models.CharField(_("confidence"), max_length=4, choices=Confidence.choices, default=Confidence.MED)
    added = models.BooleanField(_("added"), default=False, help_text=_("not named in the seed articles"))
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("destination")
        verbose_name_plural = _("destinations")
        ordering = ["slug"]
        indexes = [models.Index(fields=["kind", "published"]), models.Index(fields=["city"])]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.name_zh})"


class Road(models.Model):
    class Kind(models.TextChoices):
        TOURIST_HIGHWAY = "tourist_highway", _("Tourist highway")
        BRANCH = "branch", _("Branch")
        RING = "ring", _("Ring")
        CONNECTOR = "connector", _("Connector")
        EXPRESSWAY = "expressway", _("Expressway")
        NATIONAL_ROAD = "national_road", _("National road")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("English name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    via = models.JSONField(_("via"), default=list, help_text=_("waypoint names in order"))
    points = models.JSONField(_("points"), default=list, help_text=_("[[lat, lon], ...] WGS-84"))
    stated_km = models.FloatField(_("stated length (km)"), null=True, blank=True)
    source = models.TextField(
        _("source"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("road")
        verbose_name_plural = _("roads")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name_en


class ThemedRoute(models.Model):
    """A ready-made starting point from the articles: must-see places, interests and a suggested length."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("English name"), max_length=160)
    name_zh = models.CharField(_("Chinese name"), max_length=160)
    description_en = models.TextField(_("English description"), blank=True)
    description_zh = models.TextField(_("Chinese description"), blank=True)
    start = models.SlugField(_("start"), max_length=80)
    days = models.PositiveSmallIntegerField(_("days"), default=2)
    mode = models.CharField(_("mode"), max_length=10, default="car")
    pace = models.CharField(_("pace"), max_length=10, default="normal")
    scenic = models.BooleanField(_("scenic"), default=False)
    must = models.JSONField(_("must-see places"), default=list)
    interests = models.JSONField(_("interests"), default=list)
    end = models.SlugField(_("end"), max_length=80, blank=True, help_text=_("Empty: back to the start."))
    # What the route promises beyond its must-sees (docs/catalogue.md, "Themed routes"): nights (the base of
    # each night), day_one (places day 1 visits), longer (a must-see added per day beyond ``days``), reach_km
    # (other places lie this near the route's own), riding_minutes (least riding a day on two wheels).
    promises = models.JSONField(_("promises"), default=dict, blank=True)
    source = models.TextField(
        _("source"),
    )
    published = models.BooleanField(
        _("published"), default=True, help_text=_("offered to tourists; only a route whose must-sees all fit")
    )

    class Meta:
        verbose_name = _("themed route")
        verbose_name_plural = _("themed routes")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name_en

    def defaults(self) -> dict:
        return {
            "start": self.start,
            "days": self.days,
            "mode": self.mode,
            "pace": self.pace,
            "scenic": self.scenic,
            "must": list(self.must),
            "interests": list(self.interests),
            "end": self.end,
        }


class SeasonNote(models.Model):
    city = models.CharField(_("city"), max_length=60)
    months = models.JSONField(_("months"), default=list)
    note_en = models.TextField(
        _("English note"),
    )
    note_zh = models.TextField(
        _("Chinese note"),
    )
    source = models.TextField(
        _("source"),
    )

    class Meta:
        verbose_name = _("season note")
        verbose_name_plural = _("season notes")
        ordering = ["city", "id"]

    def __str__(self) -> str:
        return f"{self.city} {self.months}"


class CatalogueVersion(models.Model):
    """One row whose token changes with every edit of a place or a road. It keys the cached road network
    and travel matrices, so every process sees an edit at once, whatever happens to the cache server."""

    token = models.CharField(_("token"), max_length=32)

    def __str__(self) -> str:
        return self.token


class TicketPass(models.Model):
    """One ticket for several sights; the sights point to it, take its price and keep inside its hours."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("English name"), max_length=160)
    name_zh = models.CharField(_("Chinese name"), max_length=160)
    price_cny = models.PositiveIntegerField(_("price (CNY)"), help_text=_("adult price"))
    valid_days = models.PositiveSmallIntegerField(_("valid (days)"), null=True, blank=True)
    opening_hours = models.JSONField(_("opening hours"), default=list, blank=True)
    hours_source = models.TextField(_("source of the hours"), blank=True)
    source = models.TextField(_("source"))
    estimated = models.BooleanField(_("estimated"), default=False, help_text=_("the price is a guess"))

    class Meta:
        verbose_name = _("ticket pass")
        verbose_name_plural = _("ticket passes")
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.price_cny} CNY)"


class Area(models.Model):
    """Places seen together as one: a walled town, a castle village, a scenic area's spots. A day's visits to
    an area are one block, on days that follow each other, and its places are walked between."""

    class Kind(models.TextChoices):
        WALLED_TOWN = "walled_town", _("Walled town")
        CASTLE_VILLAGE = "castle_village", _("Castle village")
        SCENIC_AREA = "scenic_area", _("Scenic area")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("English name"), max_length=160)
    name_zh = models.CharField(_("Chinese name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.TextField(_("source"))

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name_en


class Source(models.Model):
    """A page, article or dataset a record rests on, shown to readers as publisher, title and date."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    publisher = models.CharField(_("publisher"), max_length=160)
    title = models.CharField(_("title"), max_length=300)
    date = models.CharField(_("date"), max_length=20, blank=True, help_text=_("as the source dates itself"))
    url = models.URLField(_("address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["publisher", "title"]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}" + (f" ({self.date})" if self.date else "")


class Photo(models.Model):
    """A picture of a place, uploaded by an editor and stored resized (catalogue/images.py), with its credit."""

    class Licence(models.TextChoices):
        CC_BY = "cc-by", "CC BY 4.0"
        CC_BY_SA = "cc-by-sa", "CC BY-SA 4.0"
        CC0 = "cc0", "CC0 1.0"
        OWN_WORK = "own-work", _("own work")
        PERMISSION = "permission", _("all rights reserved, used with permission")

    destination = models.ForeignKey(
        Destination, verbose_name=_("destination"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("image"),
        upload_to="photos/",
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP up to 10 MB; stored at most 1600 px on its longest side, without EXIF data"),
    )
    thumbnail = models.ImageField(
        _("thumbnail"),
        upload_to="photos/thumbs/",
        width_field="thumb_width",
        height_field="thumb_height",
        editable=False,
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    thumb_width = models.PositiveIntegerField(_("thumbnail width"), default=0, editable=False)
    thumb_height = models.PositiveIntegerField(_("thumbnail height"), default=0, editable=False)
    author = models.CharField(
        _("author"), max_length=160, help_text=_("who took the picture, as they want to be credited")
    )
    licence = models.CharField(_("licence"), max_length=12, choices=Licence.choices)
    source_url = models.URLField(
        _("source link"), blank=True, help_text=_("where the picture was published, if anywhere")
    )
    alt_en = models.CharField(
        _("English alt text"), max_length=250, help_text=_("what the picture shows, for screen readers")
    )
    alt_zh = models.CharField(_("Chinese alt text"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("the lowest is shown first"))

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["destination", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.destination.slug}: {self.alt_en}"

    @property
    def licence_url(self) -> str:
        """The licence's deed, for the open licences."""
        return LICENCE_DEEDS.get(self.licence, "")


LICENCE_DEEDS = {
    Photo.Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Photo.Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Photo.Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}

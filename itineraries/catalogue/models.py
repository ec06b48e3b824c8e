"""The catalogue: places (sights, lodgings, towns), roads, themed routes and season notes."""

from django.db import models

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


class Destination(models.Model):
    class Kind(models.TextChoices):
        SIGHT = "sight", "Sight"
        LODGING = "lodging", "Lodging"
        TOWN = "town", "Town"

    class Confidence(models.TextChoices):
        HIGH = "HIGH", "High"
        MED = "MED", "Medium"
        LOW = "LOW", "Low (proxy)"

    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SIGHT)
    name_en = models.CharField(max_length=160)
    name_zh = models.CharField(max_length=160)
    name_pinyin = models.CharField(max_length=160, blank=True)
    lat = models.FloatField(help_text="WGS-84 latitude")
    lon = models.FloatField(help_text="WGS-84 longitude")
    city = models.CharField(max_length=60)
    county = models.CharField(max_length=60, blank=True)
    categories = models.JSONField(default=list, blank=True)
    weight = models.PositiveSmallIntegerField(default=5, help_text="editorial weight 1-10")
    visit_minutes = models.PositiveIntegerField(default=60)
    opening_hours = models.JSONField(default=list, blank=True)
    hours_estimated = models.BooleanField(
        default=False, help_text="the hours are a guess: pages say 'hours not confirmed, check before you go'"
    )
    hours_source = models.TextField(blank=True, help_text="where the opening hours come from")
    ticket_cny = models.PositiveIntegerField(null=True, blank=True, help_text="adult ticket; 0 free, empty unknown")
    ticket_estimated = models.BooleanField(default=False, help_text="the price is a guess")
    ticket_source = models.TextField(blank=True, help_text="where the ticket price comes from")
    lodging = models.BooleanField(default=False)
    lodging_kind = models.CharField(max_length=20, blank=True)
    lodging_brand = models.CharField(max_length=80, blank=True, help_text="e.g. Taihang People's Family (太行人家)")
    courtyard_series = models.CharField(
        max_length=20,
        blank=True,
        choices=[(s, s) for s in COURTYARD_SERIES],
        help_text="the brand's courtyard series, where a source names it",
    )
    description_en = models.TextField(blank=True)
    description_zh = models.TextField(blank=True)
    source = models.TextField()
    confidence = models.CharField(max_length=4, choices=Confidence.choices, default=Confidence.MED)
    added = models.BooleanField(default=False, help_text="not named in the seed articles")
    published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        indexes = [models.Index(fields=["kind", "published"]), models.Index(fields=["city"])]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.name_zh})"


class Road(models.Model):
    class Kind(models.TextChoices):
        TOURIST_HIGHWAY = "tourist_highway", "Tourist highway"
        BRANCH = "branch", "Branch"
        RING = "ring", "Ring"
        CONNECTOR = "connector", "Connector"
        EXPRESSWAY = "expressway", "Expressway"
        NATIONAL_ROAD = "national_road", "National road"

    slug = models.SlugField(max_length=80, unique=True)
    name_en = models.CharField(max_length=200)
    name_zh = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    via = models.JSONField(default=list, help_text="waypoint names in order")
    points = models.JSONField(default=list, help_text="[[lat, lon], ...] WGS-84")
    stated_km = models.FloatField(null=True, blank=True)
    source = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name_en


class ThemedRoute(models.Model):
    """A ready-made starting point from the articles: must-see places, interests and a suggested length."""

    slug = models.SlugField(max_length=80, unique=True)
    name_en = models.CharField(max_length=160)
    name_zh = models.CharField(max_length=160)
    description_en = models.TextField(blank=True)
    description_zh = models.TextField(blank=True)
    start = models.SlugField(max_length=80)
    days = models.PositiveSmallIntegerField(default=2)
    mode = models.CharField(max_length=10, default="car")
    pace = models.CharField(max_length=10, default="normal")
    scenic = models.BooleanField(default=False)
    must = models.JSONField(default=list)
    interests = models.JSONField(default=list)
    source = models.TextField()

    class Meta:
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
        }


class SeasonNote(models.Model):
    city = models.CharField(max_length=60)
    months = models.JSONField(default=list)
    note_en = models.TextField()
    note_zh = models.TextField()
    source = models.TextField()

    class Meta:
        ordering = ["city", "id"]

    def __str__(self) -> str:
        return f"{self.city} {self.months}"


class CatalogueVersion(models.Model):
    """One row whose token changes with every edit of a place or a road. It keys the cached road network
    and travel matrices, so every process sees an edit at once, whatever happens to the cache server."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token

import json
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from itineraries.catalogue.report import catalogue_facts, shared_points


class Command(BaseCommand):
    help = (
        "List every catalogue record with its sources and flags: coordinate grade, hours and ticket sourced or "
        "estimated. Exits non-zero when a record states a fact with neither a source nor an estimated flag."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="one JSON object per record")
        parser.add_argument("--sources", action="store_true", help="print each record's source under it")
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "seeds"), help="seed directory")

    def handle(self, *args, **options):
        rows = catalogue_facts()
        if options["json"]:
            self.stdout.write(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        else:
            header = f"{'slug':36} {'kind':8} {'grade':5} {'origin':8} {'hours':22} {'ticket':18}"
            self.stdout.write(f"{header} {'nearest (same kind)':44} sources")
            for r in rows:
                origin = "added" if r.added else "articles"
                ticket = f"{r.ticket} ({r.ticket_pass})" if r.ticket_pass else r.ticket
                near = f"{r.nearest_km:6.2f} km {r.nearest}" if r.nearest_km is not None else "-"
                cited = "; ".join(r.sources)
                self.stdout.write(
                    f"{r.slug:36} {r.kind:8} {r.grade:5} {origin:8} {r.hours:22} {ticket:18} {near:44} {cited}"
                )
                if options["sources"]:
                    self.stdout.write(f"    source: {r.source}")
                if r.outside_pass:
                    self.stdout.write(f"    PROBLEM hours: open when its pass {r.ticket_pass} is not")
                for problem in r.problems:
                    self.stdout.write(f"    PROBLEM {problem}")
            sights = [r for r in rows if r.kind == "sight"]
            self.stdout.write(
                f"\n{len(rows)} records, {len(sights)} sights; grades "
                + ", ".join(f"{g} {sum(r.grade == g for r in sights)}" for g in ("HIGH", "MED", "LOW"))
                + f"; hours estimated {sum('estimated' in r.hours for r in sights)}, "
                f"open access {sum(r.hours == 'open access' for r in sights)}; "
                f"tickets estimated {sum('estimated' in r.ticket for r in sights)}, "
                f"unknown {sum(r.ticket == 'unknown' for r in sights)}"
            )
            shared = shared_points(rows)
            self.stdout.write(
                f"sights sharing a point with another sight: {len(shared)}"
                + (f" ({', '.join(r.slug for r in shared)})" if shared else "")
                + f"; sights open later than their pass: {sum(r.outside_pass for r in sights)} of "
                f"{sum(bool(r.ticket_pass) for r in sights)} on a pass; sights with no linked source: "
                f"{sum(not r.sources for r in sights)}"
            )
            facts = Path(options["dir"]) / "article_facts.json"
            if facts.exists():
                self.stdout.write("\nArticle facts without a record of their own:")
                for fact in json.loads(facts.read_text(encoding="utf-8"))["facts"]:
                    self.stdout.write(f"  [{fact['status']}] {fact['fact']}: {fact['note']}")
        bad = [r.slug for r in rows if r.problems or r.outside_pass]
        if bad:
            raise CommandError(f"{len(bad)} record(s) state facts without a source or a flag: {', '.join(bad)}")

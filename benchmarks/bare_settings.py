"""The app's settings plus one bare endpoint, for benchmarks.reads to compare against."""

from planner.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare_urls"

"""Which of two versions of one article wins: the one made by the newer pipeline.

An article is made by parse then enrich, so its pipeline version is the pair
(parse, enrich), compared parse first. Each version string is read as a PEP
440 version ("0.2.0", "1.0rc1"); a string that is not one counts by the
integers in it, in order ("rules-3.1" as 3.1), so an odd label still orders
sensibly instead of dead-lettering the article. A missing enrich version
(never enriched) is older than any.
"""

from __future__ import annotations

import re

from packaging.version import InvalidVersion, Version

from newsflow_shared.events import PipelineVersions

NO_VERSION = Version("0")

PipelineKey = tuple[Version, Version]


def parse_version_string(text: str | None) -> Version:
    if not text:
        return NO_VERSION
    try:
        return Version(text)
    except InvalidVersion:
        numbers = re.findall(r"\d+", text)
        return Version(".".join(str(int(n)) for n in numbers)) if numbers else NO_VERSION


def pipeline_key(parse: str | None, enrich: str | None) -> PipelineKey:
    return parse_version_string(parse), parse_version_string(enrich)


def key_of(pipeline: PipelineVersions) -> PipelineKey:
    return pipeline_key(pipeline.parse, pipeline.enrich)

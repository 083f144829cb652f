"""Publicly reported auditor-fee ranges (reference §6): bands with their sources, never a quote.

Only CPA firms' published figures or established compliance vendors' guides are named as sources
(reference §6, "Which sources to show users"). A band resting only on vendor and blog figures names
no source and says "reported by compliance vendors" instead.
"""

from __future__ import annotations

from scoring.models import FeeBand

# Reference §6: the sources a CPA would accept being named.
ACCEPTED_SOURCES = frozenset({
    "Linford & Co", "Moore Colson", "Schneider Downs", "LBL & Co",
    "Vanta", "Drata", "Secureframe", "A-LIGN", "Strike Graph",
})

_SOC2_TYPE_I = FeeBand(
    report="SOC 2 Type I", low_usd=10_000, high_usd=40_000,
    note="Reported by compliance vendors for small scopes at boutique and mid-size CPA firms; larger scopes "
         "and Big 4 firms cost more.",
    sources=[], basis="reported_by_vendors",
)
_SOC2_TYPE_II = FeeBand(
    report="SOC 2 Type II", low_usd=20_000, high_usd=75_000,
    note="Reported by compliance vendors for small scopes at boutique and mid-size CPA firms; first audits "
         "and Big 4 firms are reported above $100,000.",
    sources=[], basis="reported_by_vendors",
)
_SOC1_TYPE_II = FeeBand(
    report="SOC 1 Type II", low_usd=20_000, high_usd=80_000,
    note="Reported by compliance vendors; the number of control objectives drives the fee.",
    sources=[], basis="reported_by_vendors",
)
_SOC1_TYPE_I = FeeBand(
    report="SOC 1 Type I", low_usd=None, high_usd=None,
    note="Not reported separately; SOC audits overall are reported at $20,000-$150,000 (median about $30,000).",
    sources=["Linford & Co"],
)
_SOC3 = FeeBand(
    report="SOC 3", low_usd=None, high_usd=None,
    note="Produced from the same SOC 2 Type II examination; usually a modest add-on to that fee.",
    sources=["LBL & Co"],
)


def fee_bands(reports: list[str], report_type: str | None) -> list[FeeBand]:
    """The bands for the recommended reports; a Type I-first plan shows both Type I and Type II."""
    bands: list[FeeBand] = []
    if "SOC 1" in reports:
        bands += [_SOC1_TYPE_I, _SOC1_TYPE_II] if report_type == "Type I" else [_SOC1_TYPE_II]
    if "SOC 2" in reports:
        bands += [_SOC2_TYPE_I, _SOC2_TYPE_II] if report_type == "Type I" else [_SOC2_TYPE_II]
    if "SOC 3" in reports:
        bands.append(_SOC3)
    return bands

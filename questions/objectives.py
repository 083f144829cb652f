"""The catalogue of SOC 1 control-objective areas a readiness question can evidence (reference §2).

SOC 1 has no fixed criteria: management writes its own control objectives with the auditor. These
are the areas such objectives usually cover, split into the IT general controls (ITGCs) over the
systems in scope and the business-process objectives over the transactions themselves. The bank
tags questions with these ids, so SOC 1 readiness is measured on what a SOC 1 auditor tests.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

from pydantic import BaseModel, ConfigDict

Family = Literal["itgc", "process"]


class Objective(BaseModel):
    """One objective area: a stable id, the plain name a founder reads, and its family."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    family: Family


_CATALOGUE = (
    Objective(id="itgc_access", name="Logical access to the systems in scope", family="itgc"),
    Objective(id="itgc_change", name="Change management and program development", family="itgc"),
    Objective(id="itgc_operations", name="Computer operations: job scheduling, monitoring and backups",
              family="itgc"),
    Objective(id="itgc_physical", name="Physical and environmental security", family="itgc"),
    Objective(id="itgc_interfaces", name="Data transmission and interfaces", family="itgc"),
    Objective(id="process_authorisation", name="Authorisation of transactions", family="process"),
    Objective(id="process_input", name="Completeness and accuracy of input", family="process"),
    Objective(id="process_calculation", name="Calculation and processing set-up", family="process"),
    Objective(id="process_master_data", name="Master-data changes", family="process"),
    Objective(id="process_output", name="Output and reporting to customers", family="process"),
    Objective(id="process_reconciliation", name="Reconciliations and cut-off", family="process"),
)

OBJECTIVES: MappingProxyType[str, Objective] = MappingProxyType({o.id: o for o in _CATALOGUE})

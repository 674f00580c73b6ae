"""Models of 双随机、一公开: registries, plans and tasks, draws, inspections."""

from .draws import Contribution, Draw, Inspection
from .jobs import DrawJob
from .registry import Conflict, ImportBatch, InspectionItem, Inspector, Target
from .tasks import InspectionPlan, Task

__all__ = [
    "Conflict",
    "Contribution",
    "Draw",
    "DrawJob",
    "ImportBatch",
    "Inspection",
    "InspectionItem",
    "InspectionPlan",
    "Inspector",
    "Target",
    "Task",
]

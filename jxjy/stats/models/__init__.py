from .assessments import Assessment, Commendation, ExcellentGrade
from .reports import AnnualReport
from .sampling import Sample, SampleItem

__all__ = ["AnnualReport", "Assessment", "Commendation", "ExcellentGrade", "Sample", "SampleItem"]

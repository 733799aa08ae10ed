from .assessments import Assessment, Commendation
from .reports import AnnualReport
from .sampling import Sample, SampleItem

__all__ = ["AnnualReport", "Assessment", "Commendation", "Sample", "SampleItem"]

from .assessments import Assessment, Commendation
from .reports import AnnualReport, PersonYearCompliance
from .sampling import Sample, SampleItem

__all__ = ["AnnualReport", "Assessment", "Commendation", "PersonYearCompliance", "Sample", "SampleItem"]

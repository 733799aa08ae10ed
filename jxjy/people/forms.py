from typing import Any

from django import forms
from django.conf import settings


class RosterUploadForm(forms.Form):
    file = forms.FileField(label="花名册文件")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (f"支持 .xlsx 或 .csv，不超过 {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB、"
                                         f"{settings.IMPORT_MAX_ROWS:,} 行；请使用导入模板")

    def clean_file(self) -> Any:
        """Refused by its size as the upload handler reports it, before a byte of it is read."""
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size / (1024 * 1024):.1f} MB），不能超过 {settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB")
        return upload


class RosterConfirmForm(forms.Form):
    valid_only = forms.BooleanField(label="仅导入有效行（跳过有错误的行）", required=False)


class TransferRequestForm(forms.Form):
    id_number = forms.CharField(label="身份证号码", max_length=18)
    name = forms.CharField(label="姓名", max_length=50)
    effective_on = forms.DateField(label="调动日期", required=False, help_text="实际到岗日期，不晚于今天；不填则以放行之日为准",
                                   widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明", max_length=300, required=False)


class TransferRefuseForm(forms.Form):
    reason = forms.CharField(label="不予放行原因", max_length=300)

from django import forms


class RosterUploadForm(forms.Form):
    file = forms.FileField(label="花名册文件", help_text="支持 .xlsx 或 .csv，不超过 5 MB；请使用导入模板")


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

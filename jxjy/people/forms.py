from django import forms


class RosterUploadForm(forms.Form):
    file = forms.FileField(label="花名册文件", help_text="支持 .xlsx 或 .csv，不超过 5 MB；请使用导入模板")


class RosterConfirmForm(forms.Form):
    valid_only = forms.BooleanField(label="仅导入有效行（跳过有错误的行）", required=False)

from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "jxjy.orgs"
    verbose_name = "机构"

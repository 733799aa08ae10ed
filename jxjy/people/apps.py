from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "jxjy.people"
    verbose_name = "专业技术人员"

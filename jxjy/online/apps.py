from django.apps import AppConfig


class OnlineConfig(AppConfig):
    name = "jxjy.online"
    verbose_name = "网络学习与考试"

from django.http import HttpResponse


def class_list_view(request, pk=None):  # type: ignore[no-untyped-def]
    return HttpResponse("")


class_detail_view = plan_detail_view = class_list_view

from django.http import HttpResponse


def home(request):
    return HttpResponse("Công dân số")


def workspace(request):
    return HttpResponse("Không gian làm việc")

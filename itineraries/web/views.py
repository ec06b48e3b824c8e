from django.shortcuts import render

from itineraries import selectors


def home(request):
    return render(request, "itineraries/home.html", {"destinations": selectors.destination_list()})

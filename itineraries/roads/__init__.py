"""The road graph: pure Python, no Django. Roads become a graph, places snap to it, and shortest paths per
travel mode give the travel matrices (km, minutes, geometry) that the optimiser reads."""

from itineraries.roads.network import Network, Place, Road, TravelMatrix, km_between, polyline_km, road_km

__all__ = ["Network", "Place", "Road", "TravelMatrix", "km_between", "polyline_km", "road_km"]

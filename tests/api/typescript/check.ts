// A TypeScript client reads a finished plan through the generated types; tsc --strict fails if a field is untyped.
import type { components } from "./api";

type Itinerary = components["schemas"]["Itinerary"];
type TripFeatureCollection = components["schemas"]["TripFeatureCollection"];
type ApiError = components["schemas"]["Error"];

export function firstStop(trip: Itinerary): string {
  const day = trip.result?.days[0];
  const stop: string | undefined = day?.stops[0]?.name_en;
  const km: number | undefined = day?.legs[0]?.km;
  const arrive: string | undefined = day?.stops[0]?.arrive;
  const lodging: string | null | undefined = day?.lodging?.name_zh;
  return `${stop} after ${km} km, at ${arrive}; night at ${lodging}`;
}

export function lineLengths(shapes: TripFeatureCollection): number[] {
  return shapes.features.map((feature) => feature.geometry.coordinates.length);
}

export function explain(error: ApiError): string {
  return error.detail;
}

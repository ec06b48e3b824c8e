// A TypeScript client reads a finished plan through the generated types; tsc --strict fails if a field is untyped.
import type { components } from "./api";

type Itinerary = components["schemas"]["Itinerary"];
type TripFeatureCollection = components["schemas"]["TripFeatureCollection"];
type ApiError = components["schemas"]["Error"];
type Destination = components["schemas"]["Destination"];
type Version = components["schemas"]["Version"];
type NewApiToken = components["schemas"]["NewApiToken"];

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
  const fields: string[] = error.errors.map((e) => `${e.field} (${e.code}): ${e.message}`);
  return `${error.code} ${error.message} [${fields.join("; ")}] request ${error.request_id}`;
}

export function nearest(places: Destination[]): string {
  const km: number | null = places[0]?.distance_km ?? null;
  const county: string = places[0]?.county ?? "";  // always sent: required, not optional
  return `${county} ${km ?? "?"} km`;
}

export function history(versions: Version[]): number[] {
  return versions.map((v) => v.version);
}

export function secret(token: NewApiToken): string {
  const expires: string | null = token.expires_at;
  return `${token.name}: ${token.key} until ${expires ?? "revoked"}`;
}

"""Finishing touches drf-spectacular cannot make per view: honest security, the 401's WWW-Authenticate header,
nullable references a strict OpenAPI 3.0.3 validator accepts, required bodies, one enum for interests."""

from __future__ import annotations

from typing import Any

# Operations that no anonymous caller can ever complete; every other one works without credentials (a token or a
# session, when sent, makes the caller the owner or a collaborator).
SIGNED_IN_ONLY = {
    "itineraries_list",
    "itineraries_destroy",
    "itineraries_collaborators_list",
    "itineraries_collaborators_destroy",
    "tokens_list",
    "tokens_create",
    "tokens_destroy",
}
SIGNED_IN: list[dict[str, list[str]]] = [{"tokenAuth": []}, {"cookieAuth": []}]
OPTIONAL_AUTH_NOTE = (
    "\n\nNo credentials needed; a token (`Authorization: Bearer <key>`) or a session, when sent, acts as that user."
)
WWW_AUTHENTICATE = {
    "schema": {"type": "string"},
    "description": 'the scheme to authenticate with: `Bearer realm="api"`',
    "required": True,
}
REQUEST_ID = {"schema": {"type": "string"}, "description": "this request's id (the one sent, or a new one)"}
# A plan request names its start and length, or a themed route that supplies them. (`anyOf` of two `required`
# lists would say it exactly, but turns the generated clients' typed body into Any.)
PLAN_REQUEST_NOTE = "Give `start` and `days`, or a `route` that supplies them: an empty request is refused."


def _nullable_refs(node: Any) -> None:
    """`{"allOf": [ref], "nullable": true}` does not admit null under OpenAPI 3.0.3 (nullable needs a type beside
    it): say "the referenced object, or null" with oneOf and an enum of null."""
    if isinstance(node, dict):
        if node.get("nullable") and "allOf" in node and len(node["allOf"]) == 1 and "type" not in node:
            ref = node.pop("allOf")[0]
            node.pop("nullable")
            node["oneOf"] = [ref, {"type": "object", "nullable": True, "enum": [None]}]
        for value in node.values():
            _nullable_refs(value)
    elif isinstance(node, list):
        for value in node:
            _nullable_refs(value)


def _operations(result: dict) -> list[dict]:
    return [op for methods in result["paths"].values() for op in methods.values() if isinstance(op, dict)]


def finish_schema(result: dict, generator, request, public: bool) -> dict:
    for operation in _operations(result):
        if operation["operationId"] in SIGNED_IN_ONLY:
            operation["security"] = SIGNED_IN
        else:
            operation.pop("security", None)
            operation["description"] = (operation.get("description", "") + OPTIONAL_AUTH_NOTE).lstrip()
        for code, response in operation["responses"].items():
            headers = response.setdefault("headers", {})
            headers["X-Request-ID"] = REQUEST_ID
            if code == "401":
                headers["WWW-Authenticate"] = WWW_AUTHENTICATE
        if "requestBody" in operation:
            operation["requestBody"]["required"] = True
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "category" and parameter["in"] == "query":
                parameter["schema"] = {"$ref": "#/components/schemas/InterestEnum"}
                parameter.pop("description", None)
    schemas = result["components"]["schemas"]
    if "PlanRequest" in schemas:
        schemas["PlanRequest"]["minProperties"] = 1
        schemas["PlanRequest"]["example"] = {"start": "pingyao-ancient-city", "days": 2, "interests": ["temples"]}
        schemas["PlanRequest"]["description"] += f" {PLAN_REQUEST_NOTE}"
    _nullable_refs(result)
    return result

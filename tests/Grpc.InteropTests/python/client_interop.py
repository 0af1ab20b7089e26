"""A real grpcio client calling the C# server; prints one JSON object of results."""
import json
import time

import grpc

from interop_common import HEALTH_SERVICE, SERVICE, metadata_to_json, parse_args

def arguments(p):
    p.add_argument("--target", required=True)
    # A server whose methods require a platform service's token, and such a token.
    p.add_argument("--secured-target", required=True)
    p.add_argument("--token", required=True)
    # A valid token of a service the secured server does not admit.
    p.add_argument("--other-caller-token", required=True)


args = parse_args(arguments)

import health_pb2  # noqa: E402  (generated into --gen)
import initiative_lookup_pb2 as pb  # noqa: E402

channel = grpc.insecure_channel(args.target, options=[("grpc.enable_http_proxy", 0)])
secured = grpc.insecure_channel(args.secured_target, options=[("grpc.enable_http_proxy", 0)])


def unary(method, request_type, reply_type, service=SERVICE, on=channel):
    return on.unary_unary(
        f"/{service}/{method}",
        request_serializer=request_type.SerializeToString,
        response_deserializer=reply_type.FromString,
    )


get_initiative = unary("GetInitiative", pb.GetInitiativeRequest, pb.InitiativeReply)
get_initiatives = unary("GetInitiatives", pb.GetInitiativesRequest, pb.GetInitiativesReply)
health_check = unary("Check", health_pb2.HealthCheckRequest, health_pb2.HealthCheckResponse, HEALTH_SERVICE)
not_a_method = unary("NoSuchMethod", pb.GetInitiativeRequest, pb.InitiativeReply)
secured_get = unary("GetInitiative", pb.GetInitiativeRequest, pb.InitiativeReply, on=secured)

results = {}


def run(name, call):
    started = time.monotonic()
    try:
        outcome = call()
        outcome.setdefault("code", "OK")
    except grpc.RpcError as error:
        outcome = {
            "code": error.code().name,
            "details": error.details(),
            "trailers": metadata_to_json(error.trailing_metadata()),
        }
    outcome["elapsed"] = time.monotonic() - started
    results[name] = outcome


def reply_json(reply):
    return {
        "initiative_id": reply.initiative_id,
        "title": reply.title,
        "summary": reply.summary,
        "province_code": reply.province_code,
        "authors": [{"full_name": a.full_name, "is_lead": a.is_lead, "percent": a.contribution_percent} for a in reply.authors],
        "registered_at": reply.registered_at.seconds,
    }


def get_ok():
    reply, call = get_initiative.with_call(pb.GetInitiativeRequest(initiative_id="SK-001"), timeout=10)
    return {"reply": reply_json(reply)}


def get_batch():
    reply = get_initiatives(pb.GetInitiativesRequest(initiative_ids=["SK-001", "SK-404", "SK-002"]), timeout=10)
    return {"ids": [r.initiative_id for r in reply.initiatives], "titles": [r.title for r in reply.initiatives]}


def metadata_echo():
    metadata = (("x-request-id", "req-42"), ("x-tenant", "ha-noi"), ("x-blob-bin", bytes([0, 1, 0xFE, 0xFF])))
    reply, call = get_initiative.with_call(pb.GetInitiativeRequest(initiative_id="echo"), metadata=metadata, timeout=10)
    return {"trailers": metadata_to_json(call.trailing_metadata())}


def health(service):
    return lambda: {"status": health_pb2.HealthCheckResponse.ServingStatus.Name(
        health_check(health_pb2.HealthCheckRequest(service=service), timeout=10).status)}


run("get_ok", get_ok)
run("get_batch", get_batch)
run("not_found", lambda: reply_json(get_initiative(pb.GetInitiativeRequest(initiative_id="SK-404"), timeout=10)))
run("deadline", lambda: reply_json(get_initiative(pb.GetInitiativeRequest(initiative_id="slow"), timeout=0.5)))
run("handler_throws", lambda: reply_json(get_initiative(pb.GetInitiativeRequest(initiative_id="boom"), timeout=10)))
run("metadata_echo", metadata_echo)
run("unimplemented", lambda: reply_json(not_a_method(pb.GetInitiativeRequest(initiative_id="SK-001"), timeout=10)))
run("health_server", health(""))
run("health_service", health(SERVICE))
run("health_unknown", health("no.such.Service"))
run("secured_without_token", lambda: reply_json(secured_get(pb.GetInitiativeRequest(initiative_id="SK-001"), timeout=10)))
run("secured_other_caller", lambda: reply_json(secured_get(
    pb.GetInitiativeRequest(initiative_id="SK-001"), metadata=(("authorization", "Bearer " + args.other_caller_token),), timeout=10)))
run("secured_with_token", lambda: reply_json(secured_get(
    pb.GetInitiativeRequest(initiative_id="SK-001"), metadata=(("authorization", "Bearer " + args.token),), timeout=10)))

channel.close()
secured.close()
print(json.dumps(results), flush=True)

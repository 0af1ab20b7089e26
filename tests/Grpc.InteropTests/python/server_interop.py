"""A real grpcio server implementing InitiativeLookup with generic handlers.

Prints {"port": N} once listening on 127.0.0.1, then serves until stdin closes."""
import json
import sys
import time
from concurrent import futures

import grpc

from interop_common import SERVICE, parse_args

parse_args()

import initiative_lookup_pb2 as pb  # noqa: E402  (generated into --gen)


def echo_metadata(context):
    """The caller's x-* metadata, returned as echo-x-* trailers."""
    return tuple(("echo-" + key, value) for key, value in context.invocation_metadata() if key.startswith("x-"))


def initiative(initiative_id):
    reply = pb.InitiativeReply(
        initiative_id=initiative_id,
        campaign_id="CD-2025",
        title="Sáng kiến cải tiến quy trình tiếp nhận hồ sơ",
        kind="quy-trình",
        status="đã-đăng-ký",
        province_code="01",
        commune_code="00004",
        summary="Rút ngắn thời gian xử lý từ 5 ngày xuống 2 ngày",
    )
    reply.authors.add(full_name="Nguyễn Thị Hồng Nhung", is_lead=True, contribution_percent=60)
    reply.authors.add(full_name="Trần Văn Đức", is_lead=False, contribution_percent=40)
    reply.registered_at.FromSeconds(1735689600)
    return reply


def get_initiative(request, context):
    initiative_id = request.initiative_id
    if initiative_id.startswith("SK-0"):
        return initiative(initiative_id)
    if initiative_id == "echo":
        context.set_trailing_metadata(echo_metadata(context))
        return initiative("echo")
    if initiative_id == "time-remaining":
        # What grpc-timeout the caller sent, as the C-core parsed it.
        reply = initiative("time-remaining")
        reply.summary = repr(context.time_remaining())
        return reply
    if initiative_id == "slow":
        # Wait for the caller to give up (deadline or cancel) or 10 s at most.
        for _ in range(200):
            if not context.is_active():
                break
            time.sleep(0.05)
        return initiative("slow")
    if initiative_id == "authorization":
        # The authorization metadata the caller sent (the platform client's service token).
        reply = initiative("authorization")
        reply.summary = dict(context.invocation_metadata()).get("authorization", "")
        return reply
    if initiative_id == "unavailable":
        context.abort(grpc.StatusCode.UNAVAILABLE, "Dịch vụ tạm thời không khả dụng")
    if initiative_id == "denied":
        context.set_trailing_metadata(echo_metadata(context))
        context.abort(grpc.StatusCode.PERMISSION_DENIED, "Không có quyền xem sáng kiến này")
    context.abort(grpc.StatusCode.NOT_FOUND, f"Không tìm thấy sáng kiến {initiative_id}")


def get_initiatives(request, context):
    reply = pb.GetInitiativesReply()
    for initiative_id in request.initiative_ids:
        if initiative_id.startswith("SK-0"):
            reply.initiatives.append(initiative(initiative_id))
    return reply


handler = grpc.method_handlers_generic_handler(SERVICE, {
    "GetInitiative": grpc.unary_unary_rpc_method_handler(
        get_initiative,
        request_deserializer=pb.GetInitiativeRequest.FromString,
        response_serializer=pb.InitiativeReply.SerializeToString),
    "GetInitiatives": grpc.unary_unary_rpc_method_handler(
        get_initiatives,
        request_deserializer=pb.GetInitiativesRequest.FromString,
        response_serializer=pb.GetInitiativesReply.SerializeToString),
})

server = grpc.server(futures.ThreadPoolExecutor(max_workers=8), handlers=(handler,))
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print(json.dumps({"port": port}), flush=True)

# The test closes stdin (or kills the process) when it is done.
sys.stdin.read()
server.stop(0)

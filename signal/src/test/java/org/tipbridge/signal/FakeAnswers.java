// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** What {@link FakeSignalCli} answers to each method, scripted by the test. */
public final class FakeAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Members a scripted group send reaches. */
    static final int GROUP_MEMBERS = 2;

    private final Map<String, ObjectNode> sendResults = new ConcurrentHashMap<>();
    private final Map<String, byte[]> attachments = new ConcurrentHashMap<>();
    private final Map<String, String> rawResults = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> errors = new ConcurrentHashMap<>();
    private final List<JsonNode> sendCalls = new CopyOnWriteArrayList<>();
    private final List<JsonNode> trustCalls = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final AtomicLong subscriptions = new AtomicLong();
    private volatile String identities = "[]";

    /** Scripts the result of a send to {@code recipient} (a number, an ACI, or a group id for every member). */
    public void sendResult(String recipient, String type, Long retryAfterSeconds) {
        ObjectNode entry = JSON.createObjectNode().put("type", type);
        if (retryAfterSeconds != null) {
            entry.put("retryAfterSeconds", retryAfterSeconds);
        }
        sendResults.put(recipient, entry);
    }

    /** Scripts an error answer to a send to {@code recipient} (a number, an ACI or a group id). */
    public void sendError(String recipient, int code, String message) {
        sendResults.put(recipient, error(code, message));
    }

    public void attachment(String id, byte[] data) {
        attachments.put(id, data.clone());
    }

    /** Scripts the answer to every {@code listIdentities}: a JSON array of signal-cli identity objects. */
    public void identities(String jsonArray) {
        identities = jsonArray;
    }

    void rawResult(String method, String resultJson) {
        rawResults.put(method, resultJson);
    }

    /** Every later call of {@code method} is answered with this JSON-RPC error (see {@link #stopFailing}). */
    public void failWith(String method, int code, String message) {
        errors.put(method, error(code, message));
    }

    /** Stops failing {@code method} (see {@link #failWith}). */
    public void stopFailing(String method) {
        errors.remove(method);
    }

    /** Every later {@code trust} is answered with this JSON-RPC error (e.g. -1 for a wrong safety number). */
    public void trustError(int code, String message) {
        failWith("trust", code, message);
    }

    /** Later {@code trust} calls succeed again. */
    public void trustSucceeds() {
        errors.remove("trust");
    }

    List<JsonNode> sendCalls() {
        return List.copyOf(sendCalls);
    }

    List<JsonNode> trustCalls() {
        return List.copyOf(trustCalls);
    }

    List<String> methods() {
        return List.copyOf(methods);
    }

    /** The answer line (without LF) to one request; the caller marks a connection subscribed once answered. */
    String answer(JsonNode request, FakePeerConnection connection) {
        String method = request.path("method").asText();
        JsonNode params = request.path("params");
        methods.add(method);
        if (method.equals("send")) {
            sendCalls.add(params);
        }
        if (method.equals("trust")) {
            trustCalls.add(params);
        }
        if (errors.containsKey(method)) {
            return errorLine(request, errors.get(method));
        }
        if (rawResults.containsKey(method)) {
            return "{\"jsonrpc\":\"2.0\",\"result\":" + rawResults.get(method) + ",\"id\":" + request.path("id") + "}";
        }
        return switch (method) {
            case "version" -> resultLine(request, JSON.createObjectNode().put("version", "0.14.0"));
            case "subscribeReceive" -> resultLine(request, JSON.getNodeFactory().numberNode(nextSubscription()));
            case "unsubscribeReceive" -> unsubscribe(request, connection);
            case "send" -> send(request, params);
            case "getAttachment" -> attachment(request, params);
            case "listIdentities" -> resultLine(request, parse(identities));
            case "trust", "updateContact", "removeContact" -> resultLine(request, JSON.createObjectNode());
            default -> errorLine(request, error(-32601, "Method not implemented"));
        };
    }

    private long nextSubscription() {
        return subscriptions.getAndIncrement();
    }

    private String unsubscribe(JsonNode request, FakePeerConnection connection) {
        connection.unsubscribe();
        return resultLine(request, JSON.createObjectNode());
    }

    /**
     * A {@code send} answer: one result per recipient, or, for a {@code groupId}, one per member
     * ({@link #GROUP_MEMBERS} of them); results and errors are scripted by recipient or group id.
     */
    private String send(JsonNode request, JsonNode params) {
        if (params.hasNonNull("groupId")) {
            return groupSend(request, params.path("groupId").asText());
        }
        ObjectNode result = JSON.createObjectNode().put("timestamp", 1_700_000_000_000L);
        ArrayNode results = result.putArray("results");
        for (JsonNode recipient : params.path("recipient")) {
            ObjectNode scripted = sendResults.get(recipient.asText());
            if (scripted != null && scripted.has("code")) {
                return errorLine(request, scripted);
            }
            ObjectNode entry = results.addObject();
            ObjectNode address = entry.putObject("recipientAddress");
            address.put("uuid", "8c6f1a2e-0000-4000-8000-00000000000" + (results.size() % 10));
            if (recipient.asText().startsWith("+")) {
                address.put("number", recipient.asText());
            }
            entry.setAll(scripted == null ? JSON.createObjectNode().put("type", "SUCCESS") : scripted);
        }
        return resultLine(request, result);
    }

    private String groupSend(JsonNode request, String groupId) {
        ObjectNode scripted = sendResults.get(groupId);
        if (scripted != null && scripted.has("code")) {
            return errorLine(request, scripted);
        }
        ObjectNode result = JSON.createObjectNode().put("timestamp", 1_700_000_000_000L);
        ArrayNode results = result.putArray("results");
        for (int member = 1; member <= GROUP_MEMBERS; member++) {
            ObjectNode entry = results.addObject();
            entry.putObject("recipientAddress").put("uuid", "8c6f1a2e-0000-4000-8000-1000000000" + (10 + member));
            entry.setAll(scripted == null ? JSON.createObjectNode().put("type", "SUCCESS") : scripted);
        }
        return resultLine(request, result);
    }

    private String attachment(JsonNode request, JsonNode params) {
        byte[] data = attachments.get(params.path("id").asText());
        if (data == null) {
            return errorLine(request, error(-1, "Attachment not found"));
        }
        return resultLine(
                request, JSON.createObjectNode().put("data", Base64.getEncoder().encodeToString(data)));
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message);
    }

    private static String resultLine(JsonNode request, JsonNode result) {
        ObjectNode line = JSON.createObjectNode().put("jsonrpc", "2.0");
        line.set("result", result);
        line.set("id", request.path("id"));
        return line.toString();
    }

    private static String errorLine(JsonNode request, ObjectNode error) {
        ObjectNode line = JSON.createObjectNode().put("jsonrpc", "2.0");
        line.set("error", error);
        line.set("id", request.path("id"));
        return line.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("scripted JSON does not parse", e);
        }
    }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls signal-cli's JSON-RPC methods over one connection; thread-safe, any number of calls in
 * flight. A reader thread matches answers to requests by {@code id}; an answer nobody waits for is
 * counted and dropped. Each call waits at most the request timeout ({@link SignalCliException.Timeout});
 * a lost connection fails every waiting call ({@link SignalCliException.Unreachable}); an error answer
 * is {@link SignalCliException.Rpc} with its code only. A line that cannot be matched to a request
 * (not JSON, or over a {@link SignalLimits} bound) fails every waiting call with
 * {@link SignalCliException.Protocol}: for {@link #send} that, like a timeout, means the message may
 * or may not have gone out.
 */
public final class SignalCliClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalCliClient.class);

    private final Connection connection;
    private final JsonRpcCodec codec;
    private final ResultDecoder decoder;
    private final Duration requestTimeout;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Thread reader;
    private volatile boolean closed;

    private SignalCliClient(Connection connection, Optional<String> account, Duration timeout, SignalLimits limits) {
        this.connection = connection;
        this.codec = new JsonRpcCodec(limits, account);
        this.decoder = new ResultDecoder(limits);
        this.requestTimeout = timeout;
        this.reader = new Thread(this::readAnswers, "signal-cli-client-reader");
        reader.setDaemon(true);
    }

    /** Opens the connection and starts its reader thread; the timeout also bounds a TCP connect. */
    public static SignalCliClient connect(
            Endpoint endpoint, Optional<String> account, Duration requestTimeout, SignalLimits limits)
            throws SignalCliException.Unreachable {
        Objects.requireNonNull(account, "account");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive");
        }
        SignalCliClient client =
                new SignalCliClient(Connection.open(endpoint, limits, requestTimeout), account, requestTimeout, limits);
        client.reader.start();
        return client;
    }

    /** signal-cli's version string. */
    public String version() throws SignalCliException {
        return decoder.version(call("version", codec.params()));
    }

    /** Sends a text message to one recipient (E.164 number or ACI UUID). */
    public SendOutcome send(String recipient, String message) throws SignalCliException {
        ObjectNode params = codec.params();
        params.putArray("recipient").add(recipient);
        params.put("message", message);
        return decoder.sendOutcome(call("send", params));
    }

    /**
     * Sends a text message to a group (signal-cli's base64 {@code groupId}), with no recipient: one
     * result per member signal-cli sent it to.
     */
    public SendOutcome sendToGroup(String groupId, String message) throws SignalCliException {
        ObjectNode params = codec.params();
        params.put("groupId", groupId);
        params.put("message", message);
        return decoder.sendOutcome(call("send", params));
    }

    /** The bytes of a received attachment, decoded from signal-cli's base64. */
    public byte[] getAttachment(String id, String recipient) throws SignalCliException {
        ObjectNode params = codec.params();
        params.put("id", id);
        params.put("recipient", recipient);
        return decoder.attachment(call("getAttachment", params));
    }

    /** The identity keys signal-cli knows for a recipient. */
    public List<Identity> listIdentities(String recipient) throws SignalCliException {
        ObjectNode params = codec.params();
        params.put("number", recipient);
        return decoder.identities(call("listIdentities", params));
    }

    /** Trusts a recipient's key after the safety number was verified out of band. */
    public void trust(String recipient, String verifiedSafetyNumber) throws SignalCliException {
        ObjectNode params = codec.params();
        params.put("recipient", recipient);
        params.put("verifiedSafetyNumber", verifiedSafetyNumber);
        call("trust", params);
    }

    /**
     * Trusts every identity key signal-cli knows for a recipient, whatever it is: for an analyst's
     * explicit decision to accept a changed key without comparing safety numbers.
     */
    public void trustAllKnownKeys(String recipient) throws SignalCliException {
        ObjectNode params = codec.params();
        params.put("recipient", recipient);
        params.put("trustAllKnownKeys", true);
        call("trust", params);
    }

    /** Sets the disappearing-messages time of the conversation with a recipient (0 turns it off). */
    public void updateContactExpiration(String recipient, int seconds) throws SignalCliException {
        ObjectNode params = codec.params();
        params.put("recipient", recipient);
        params.put("expiration", seconds);
        call("updateContact", params);
    }

    /** Removes a contact and forgets everything signal-cli stored about it. */
    public void removeContact(String recipient) throws SignalCliException {
        ObjectNode params = codec.params();
        params.put("recipient", recipient);
        params.put("forget", true);
        call("removeContact", params);
    }

    /** Answers that arrived for no waiting request (late, after a timeout, or unknown ids). */
    public long unmatchedAnswers() {
        return unmatched.get();
    }

    /** Lines refused as not JSON-RPC or over a limit. */
    public long refusedLines() {
        return refused.get();
    }

    /** False once the connection was closed, by either side: a closed client never reconnects. */
    public boolean isOpen() {
        return !closed;
    }

    /** Closes the connection; waiting calls fail with {@link SignalCliException.Unreachable}. */
    @Override
    public void close() {
        closed = true;
        connection.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode call(String method, ObjectNode params) throws SignalCliException {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            if (closed) {
                throw new SignalCliException.Unreachable("connection to signal-cli is closed", null);
            }
            connection.write(codec.request(id, method, params));
            return answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new SignalCliException.Unreachable("cannot write request " + id + " (" + method + ")", e);
        } catch (TimeoutException e) {
            throw new SignalCliException.Timeout(
                    "no answer to request " + id + " (" + method + ") within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalCliException.Timeout("interrupted waiting for request " + id + " (" + method + ")");
        } catch (ExecutionException e) {
            throw inCallerThread((SignalCliException) e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    /** The same failure, created here so that its stack trace shows the caller, not the reader thread. */
    private static SignalCliException inCallerThread(SignalCliException failure) {
        if (failure instanceof SignalCliException.Rpc rpc) {
            return new SignalCliException.Rpc(rpc.code());
        }
        if (failure instanceof SignalCliException.Protocol) {
            return new SignalCliException.Protocol(failure.getMessage());
        }
        if (failure instanceof SignalCliException.Unreachable) {
            return new SignalCliException.Unreachable(failure.getMessage(), failure.getCause());
        }
        return failure;
    }

    private void readAnswers() {
        try {
            while (true) {
                byte[] line = readLine();
                if (line == null) {
                    break;
                }
                if (line.length > 0) {
                    dispatch(line);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("signal-cli connection lost ({})", e.getClass().getSimpleName());
            }
        } finally {
            closed = true;
            connection.close();
            failAll(() -> new SignalCliException.Unreachable("connection to signal-cli closed", null));
        }
    }

    private byte[] readLine() throws IOException {
        while (true) {
            try {
                return connection.readLine();
            } catch (SignalCliException.Protocol e) {
                refuse(e);
            }
        }
    }

    private void dispatch(byte[] line) {
        JsonNode message;
        try {
            message = codec.parse(line);
        } catch (SignalCliException.Protocol e) {
            refuse(e);
            return;
        }
        JsonNode id = message.path("id");
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            if (message.has("id") || !message.has("method")) {
                unmatched.incrementAndGet();
            }
            return;
        }
        CompletableFuture<JsonNode> answer = pending.remove(id.longValue());
        if (answer == null) {
            unmatched.incrementAndGet();
            return;
        }
        complete(answer, message);
    }

    private static void complete(CompletableFuture<JsonNode> answer, JsonNode message) {
        JsonNode error = message.path("error");
        if (error.isMissingNode() || error.isNull()) {
            answer.complete(message.path("result"));
        } else if (error.path("code").isInt()) {
            answer.completeExceptionally(
                    new SignalCliException.Rpc(error.path("code").intValue()));
        } else {
            answer.completeExceptionally(new SignalCliException.Protocol("error answer without an integer code"));
        }
    }

    private void refuse(SignalCliException.Protocol e) {
        refused.incrementAndGet();
        LOG.warn(
                "signal-cli sent a line that was refused ({}); failing {} waiting calls",
                e.getClass().getSimpleName(),
                pending.size());
        String reason = e.getMessage();
        failAll(() -> new SignalCliException.Protocol(reason + "; answer could not be matched"));
    }

    private void failAll(Supplier<SignalCliException> failure) {
        for (Long id : List.copyOf(pending.keySet())) {
            CompletableFuture<JsonNode> answer = pending.remove(id);
            if (answer != null) {
                answer.completeExceptionally(failure.get());
            }
        }
    }
}

package org.consentledger.ledger.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Completes the API document from what the ledger does, so that a client generated from it, a fuzzer or a contract
 * test can rely on it without hand edits: every refusal an operation can answer (as RFC 9457 problems naming the
 * field at fault), which members a response always holds and which of them may be null, what each path and query
 * parameter looks like, and that request bodies take no other members. The contract test checks every answer
 * against this document, so a rule here that drifts from the code fails the build.
 */
class ApiContract implements OpenApiCustomizer {

    static final String PROBLEM = "ProblemDetail";
    static final String EVIDENCE_BUNDLE = "EvidenceBundle";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Members of response schemas that may be null; every other member of a response is always present. */
    private static final Map<String, Set<String>> NULLABLE = Map.ofEntries(
            Map.entry("ConsentAnswer", Set.of("policyVersion")),
            Map.entry("VisitorAnswer", Set.of("policyVersion")),
            Map.entry("CategoryAnswer", Set.of("decidedBy", "policyVersion")),
            Map.entry("CookieAnswer", Set.of("decidedBy")),
            Map.entry("Report", Set.of("problem")),
            Map.entry("PolicyDocument", Set.of("text", "retention", "consentMode", "refusalMaxAge")),
            Map.entry("CookieCategory", Set.of("description")),
            Map.entry("Cookie", Set.of("function", "purpose")),
            Map.entry("Problem", Set.of("eventId", "stream")),
            Map.entry("ParkedStream", Set.of("cause")),
            Map.entry("NoticeCategory", Set.of("description")),
            Map.entry("NoticeVendor", Set.of("iabId")),
            // Without a string in force, an answer names no event and says nothing of one.
            Map.entry("TcfAnswer", Set.of("decidedBy", "tcString", "created", "lastUpdated", "cmpId", "cmpVersion",
                    "consentLanguage", "vendorListVersion", "policyVersion")),
            Map.entry("GppAnswer", Set.of("decidedBy", "gppString", "tcfEuV2", "usNat")),
            Map.entry("UsNatConsent", Set.of("gpc")),
            Map.entry("TcfVendorAnswer", Set.of("basis", "decidedBy")),
            Map.entry("ConsentModeAnswer", Set.of("policyVersion")),
            Map.entry("LedgerStatus", Set.of("checkpoint", "relay")),
            Map.entry("BannerState", Set.of("policyVersion")),
            Map.entry("TypeAnswer", Set.of("category", "status", "decidedBy")));

    /** Members left out rather than null when they do not apply. */
    private static final Map<String, Set<String>> OMITTED = Map.of(
            "DecisionResult", Set.of("receipt", "problem"),
            // Given only for a visitor erased and not seen since.
            "VisitorAnswer", Set.of("erased"),
            // An event of format 1 has a payload; one of format 2 its public part, commitment and personal part.
            "BundleEvent", Set.of("payload", "public", "commitment", "personal"),
            PROBLEM, Set.of("type", "detail", "instance", "field", "errors"));

    private static final Map<String, Parameter> PARAMETERS = Map.ofEntries(
            Map.entry("siteId", parameter("A site: 1-200 letters, digits, '.', '_' or '-', starting with a letter or "
                    + "digit", text("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$"), "smartbump.opendatasoft.com")),
            Map.entry("visitorId", parameter("The site's pseudonymous visitor id: 1-200 letters, digits or "
                    + ". _ : ~ + = @ -", text("^[A-Za-z0-9._:~+=@-]{1,200}$"), "alice")),
            Map.entry("version", parameter("A policy version", integer(1), 1)),
            Map.entry("at", parameter("The instant the answer is about (default: now); " + ClientInstants.FORM,
                    instant(), "2026-11-23T10:00:00Z")),
            Map.entry("asOf", parameter("The answer as the ledger knew it at this instant (default: now; not in the "
                    + "future); " + ClientInstants.FORM, instant(), "2026-11-23T12:00:00Z")),
            Map.entry("effectiveFrom", parameter("When the imported version takes effect (default: now); "
                    + ClientInstants.FORM, instant(), "2026-11-23T10:00:00Z")),
            Map.entry("consentMaxAge", parameter("How long a consent given under this version lasts (default: the "
                    + "ledger's); " + StrictRequests.DURATION_FORM, new JsonSchema().types(Set.of("string"))
                    .format("duration"), "P395D")),
            Map.entry("eventId", parameter("A ledger event id", text(null), "01a2495f-c8f5-759a-bf82-66d5cf2a593e")),
            Map.entry("treeSize", parameter("The size of a signed checkpoint's tree", integer(1), 1)),
            Map.entry("from", parameter("The smaller tree size", integer(0), 1)),
            Map.entry("noticeId", parameter("A notice of the site: 1-64 letters, digits, '.', '_' or '-', starting "
                    + "with a letter or digit", text("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"), "banner-2026-12")),
            Map.entry("Sec-GPC", parameter("Global Privacy Control, as a browser sends it: 1 when the visitor has it "
                    + "on; any other value, or none, is off", text(null), "1")),
            Map.entry("Origin", parameter("The origin of the page that sent the request, as browsers send it",
                    text(null), "https://shop.example")),
            Map.entry("User-Agent", parameter("The browser's user agent, kept in the decision's sealed personal part",
                    text(null), "Mozilla/5.0")),
            Map.entry("sha256", parameter("The SHA-256 of a file's bytes, in lower-case hex", text("^[0-9a-f]{64}$"),
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")));

    /** Parameters of the exports, whose {@code from} is an instant where elsewhere it is a tree size. */
    private static final Map<String, Parameter> EXPORT_PARAMETERS = Map.of(
            "from", parameter("Events recorded at or after this instant (default: the first); " + ClientInstants.FORM,
                    instant(), "2026-11-01T00:00:00Z"),
            "to", parameter("Events recorded before this instant (default: all); " + ClientInstants.FORM, instant(),
                    "2026-12-01T00:00:00Z"));

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        api.getComponents().addSchemas(EVIDENCE_BUNDLE, bundleSchema());
        api.getComponents().addSchemas("BundleEvent", bundleEventSchema());
        api.getComponents().addHeaders("Retry-After", new Header()
                .description("Seconds after which the same request is expected to succeed")
                .schema(integer(1)));
        Set<String> answered = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            describeParameters(path, operation);
            addRefusals(path, method, operation);
            operation.getResponses().forEach((status, response) -> {
                if (!status.startsWith("4") && !status.startsWith("5") && response.getContent() != null) {
                    response.getContent().values().forEach(media -> referenced(api, media.getSchema(), answered));
                }
            });
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values()
                        .forEach(media -> closeRequestSchemas(api, media.getSchema(), new HashSet<>()));
            }
        }));
        answered.add(PROBLEM);
        answered.forEach(name -> describeAnswer(name, api.getComponents().getSchemas().get(name)));
    }

    private static void describeParameters(String path, Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            Parameter known = path.contains("/exports/") && EXPORT_PARAMETERS.containsKey(parameter.getName())
                    ? EXPORT_PARAMETERS.get(parameter.getName()) : PARAMETERS.get(parameter.getName());
            if (known == null) {
                continue;
            }
            parameter.schema(known.getSchema()).example(known.getExample());
            if (parameter.getDescription() == null) {
                parameter.description(known.getDescription());
            }
        }
    }

    private static void addRefusals(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        boolean collect = path.startsWith("/api/v1/collect/");
        boolean writes = method == PathItem.HttpMethod.PUT || (method == PathItem.HttpMethod.POST
                && (path.startsWith("/api/v1/sites/") || collect));
        if (hasInput) {
            refusal(responses, "400", "The request is malformed: the problem names the field at fault");
        }
        if (!open) {
            refusal(responses, "401", "No bearer token, or one the ledger does not know");
            refusal(responses, "403", "The token's key may not do this, or not for this site");
            refusal(responses, "429", "This key (or client address) has made more requests than it may for now; "
                    + "ask again after Retry-After seconds");
            responses.get("429").addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
        }
        if (collect) {
            refusal(responses, "403", "Not the site's publishable key, or not from a page origin the site allows");
            refusal(responses, "429", "This client address, site or visitor has sent more than it may for now; "
                    + "ask again after Retry-After seconds");
            responses.get("429").addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
        }
        if (path.contains("{siteId}") || path.contains("{version}") || path.endsWith("/inclusion")) {
            refusal(responses, "404", "The site, version or event is not in the ledger");
        }
        if (path.endsWith("/parked/retry")) {
            refusal(responses, "404", "No events of the stream named are parked");
        }
        if (operation.getRequestBody() != null) {
            refusal(responses, "413", "The body is larger than this operation takes (ledger.http)");
            refusal(responses, "415", "The body is not of a media type this operation takes");
        }
        if (writes) {
            refusal(responses, "409", "The same submission id was used for other content");
            refusal(responses, "422", "Well-formed but against a ledger rule: the problem names the field");
        }
        if (path.endsWith("/evidence")) {
            refusal(responses, "422", "The visitor has more events than one bundle holds "
                    + "(ledger.evidence.max-bundle-events)");
        }
        refusal(responses, "500", "The ledger failed; the failure is logged");
        refusal(responses, "503", "Not answerable yet (a read model catching up, the database unreachable); "
                + "ask again after Retry-After seconds");
        responses.get("503").addHeaderObject("Retry-After",
                new Header().$ref("#/components/headers/Retry-After"));
    }

    private static void refusal(ApiResponses responses, String status, String description) {
        responses.computeIfAbsent(status, s -> new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM)))));
    }

    /** The component schemas a schema refers to, directly or through others. */
    private static void referenced(OpenAPI api, Schema<?> schema, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name)) {
                referenced(api, api.getComponents().getSchemas().get(name), names);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> referenced(api, p, names));
        }
        referenced(api, schema.getItems(), names);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            referenced(api, values, names);
        }
        if (schema.getAnyOf() != null) {
            schema.getAnyOf().forEach(s -> referenced(api, s, names));
        }
    }

    /** Request bodies take no members but their own: the ledger refuses any other (a misspelt field, say). */
    private static void closeRequestSchemas(OpenAPI api, Schema<?> schema, Set<String> seen) {
        Set<String> names = new TreeSet<>();
        referenced(api, schema, names);
        names.stream().filter(seen::add).map(api.getComponents().getSchemas()::get)
                .forEach(s -> s.additionalProperties(Boolean.FALSE));
    }

    /** Every member of an answer is present unless it is left out when it does not apply; some may be null. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describeAnswer(String name, Schema<?> schema) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        Set<String> omitted = OMITTED.getOrDefault(name, Set.of());
        Set<String> nullable = NULLABLE.getOrDefault(name, Set.of());
        List<String> required = new ArrayList<>();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.forEach((member, property) -> {
            if (!omitted.contains(member)) {
                required.add(member);
            }
            if (nullable.contains(member)) {
                properties.put(member, orNull(property));
            }
        });
        schema.setProperties(properties);
        schema.setRequired(required);
    }

    @SuppressWarnings("unchecked")
    private static Schema<?> orNull(Schema<?> property) {
        if (property.get$ref() != null) {
            return new JsonSchema().anyOf(List.of(new JsonSchema().$ref(property.get$ref()),
                    new JsonSchema().types(Set.of("null"))));
        }
        Set<String> types = new TreeSet<>(property.getTypes() == null ? Set.of() : property.getTypes());
        if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            // An enumeration lists its values: null, too, where it may be null.
            List<Object> values = new ArrayList<>(property.getEnum());
            values.add(null);
            ((Schema<Object>) property).setEnum(values);
        }
        return property;
    }

    /** RFC 9457, with the ledger's {@code field} and {@code errors}. */
    private static Schema<?> problemSchema() {
        Schema<?> error = new JsonSchema().types(Set.of("object"))
                .addProperty("field", text(null).description("The request field at fault"))
                .addProperty("message", text(null))
                .required(List.of("message"));
        return new JsonSchema().types(Set.of("object"))
                .description("RFC 9457 problem details, as application/problem+json")
                .addProperty("type", new JsonSchema().types(Set.of("string")).format("uri-reference"))
                .addProperty("title", text(null))
                .addProperty("status", integer(100))
                .addProperty("detail", text(null).description("What was wrong, in words"))
                .addProperty("instance", new JsonSchema().types(Set.of("string")).format("uri-reference"))
                .addProperty("field", text(null).description(
                        "The request field at fault, such as occurredAt or decisions[3].consent.granted[1]"))
                .addProperty("errors", new JsonSchema().types(Set.of("array")).items(error)
                        .description("Every fault found, each naming its field where one is at fault"));
    }

    /** The evidence bundle, as docs/evidence-format.md specifies it. */
    private static Schema<?> bundleSchema() {
        return new JsonSchema().types(Set.of("object"))
                .description("A signed evidence bundle, consent-ledger-evidence/3 (docs/evidence-format.md)")
                .addProperty("version", text(null).description("consent-ledger-evidence/3"))
                .addProperty("receiptId", text(null))
                .addProperty("issuedAt", instant())
                .addProperty("piiController", text(null).description("The site"))
                .addProperty("piiPrincipalId", text(null).description("The visitor"))
                .addProperty("at", instant())
                .addProperty("asOf", instant())
                .addProperty("answer", new JsonSchema().types(Set.of("object")).additionalProperties(Boolean.TRUE)
                        .description("The point-in-time answer, as GET .../consent gives it (without erased)"))
                .addProperty("events", new JsonSchema().types(Set.of("array"))
                        .items(new JsonSchema().$ref("#/components/schemas/BundleEvent")))
                .addProperty("checkpoint", new JsonSchema().$ref("#/components/schemas/SignedCheckpoint"))
                .addProperty("logProof", new JsonSchema().types(Set.of("array")).items(text("^[0-9a-f]{64}$"))
                        .description("One proof that every event is in the log at its leafIndex"))
                .addProperty("signature", text(null).description("Base64 Ed25519 over the rest, in RFC 8785 form"));
    }

    private static Schema<?> bundleEventSchema() {
        return new JsonSchema().types(Set.of("object"))
                .addProperty("eventId", text(null))
                .addProperty("type", text(null))
                .addProperty("stream", text(null))
                .addProperty("sequence", integer(0))
                .addProperty("format", integer(1).description("The event's evidence format: 1 or 2"))
                .addProperty("payload", new JsonSchema().types(Set.of("object", "string"))
                        .additionalProperties(Boolean.TRUE)
                        .description("Format 1: the event exactly as the store holds it (\"erased\" once redacted)"))
                .addProperty("public", new JsonSchema().types(Set.of("object")).additionalProperties(Boolean.TRUE)
                        .description("Format 2: the event's public part"))
                .addProperty("commitment", new JsonSchema().types(Set.of("string", "null"))
                        .description("Format 2: SHA-256 of the personal part's salt and canonical form"))
                .addProperty("personal", new JsonSchema().types(Set.of("object", "string", "null"))
                        .additionalProperties(Boolean.TRUE)
                        .description("Format 2: {salt, fields}, \"erased\" once the visitor was erased, or null"))
                .addProperty("previousHash", text("^[0-9a-f]{64}$"))
                .addProperty("hash", text("^[0-9a-f]{64}$"))
                .addProperty("leafIndex", integer(0));
    }

    private static Parameter parameter(String description, Schema<?> schema, Object example) {
        return new Parameter().description(description).schema(schema).example(example);
    }

    private static Schema<?> text(String pattern) {
        return new JsonSchema().types(Set.of("string")).pattern(pattern);
    }

    private static Schema<?> integer(long minimum) {
        return new JsonSchema().types(Set.of("integer")).minimum(BigDecimal.valueOf(minimum));
    }

    private static Schema<?> instant() {
        return new JsonSchema().types(Set.of("string")).format("date-time");
    }
}

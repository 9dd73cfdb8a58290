package org.consentledger.ledger.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Requests are read as they are written, never guessed at: a value of the wrong JSON type (a number for a string,
 * a string or a fraction for an integer, a number for an instant or a duration) is refused, and so is a member given
 * twice, which one reader would take as its first value and another as its last. Evidence must say what the client
 * sent; a coerced value says what a parser thought it meant.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequests implements WebMvcConfigurer {

    static final String DURATION_FORM = "an ISO-8601 duration such as P395D or PT12H";

    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfigDefaults(coercion -> coercion
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(new SimpleModule("client-forms")
                        .addDeserializer(Instant.class, new TextOnly<>(Instant.class, ClientInstants::parse,
                                ClientInstants.FORM))
                        .addDeserializer(Duration.class, new TextOnly<>(Duration.class, StrictRequests::duration,
                                DURATION_FORM)));
    }

    /**
     * An encoded slash in a path ({@code /sites/a%2Fb/...}) reaches the ledger, which refuses the id it is in with a
     * problem naming that id, instead of Tomcat answering with an HTML page a JSON client cannot read.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheLedger() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    /** The same forms where an instant or a duration is a query parameter. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class,
                new TextFormatter<>(ClientInstants::parse, ClientInstants.FORM));
        registry.addFormatterForFieldType(Duration.class, new TextFormatter<>(StrictRequests::duration, DURATION_FORM));
    }

    static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeException malformed) {
            return null;
        }
    }

    private interface Reader<T> {
        /** The value {@code text} names, or null when it is not of the accepted form. */
        T read(String text);
    }

    /** A JSON string of one form, and nothing else. */
    private static final class TextOnly<T> extends StdScalarDeserializer<T> {

        private final Reader<T> reader;
        private final String form;

        TextOnly(Class<T> type, Reader<T> reader, String form) {
            super(type);
            this.reader = reader;
            this.form = form;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(context.constructType(handledType()),
                        parser.currentToken(), parser, "expected %s as a JSON string", form);
            }
            String text = parser.getString();
            T value = reader.read(text);
            if (value == null) {
                return (T) context.handleWeirdStringValue(handledType(), text, "expected %s", form);
            }
            return value;
        }
    }

    private record TextFormatter<T>(Reader<T> reader, String form) implements Formatter<T> {

        @Override
        public T parse(String text, Locale locale) {
            T value = reader.read(text);
            if (value == null) {
                throw new IllegalArgumentException("expected " + form);
            }
            return value;
        }

        @Override
        public String print(T value, Locale locale) {
            return value.toString();
        }
    }
}

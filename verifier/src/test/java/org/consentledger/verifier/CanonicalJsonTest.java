package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static String canonical(String json) {
        return new String(CanonicalJson.canonicalize(json), StandardCharsets.UTF_8);
    }

    private static String canonical(JsonNode node) {
        return new String(CanonicalJson.canonicalize(node), StandardCharsets.UTF_8);
    }

    @Test
    void sortsMembersByUtf16CodeUnitsAsInRfc8785Section323() {
        String input = "{\n"
                + "  \"\\u20ac\": \"Euro Sign\",\n"
                + "  \"\\r\": \"Carriage Return\",\n"
                + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                + "  \"1\": \"One\",\n"
                + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
                + "  \"\\u0080\": \"Control\",\n"
                + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
                + "}";

        // U+1F600 sorts before U+FB33 because its first code unit, 0xD83D, is smaller: code-unit
        // order, not code-point order.
        assertThat(canonical(input)).isEqualTo("{"
                + "\"\\r\":\"Carriage Return\","
                + "\"1\":\"One\","
                + "\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\""
                + "}");
    }

    @Test
    void writesNonAsciiAsUtf8Bytes() {
        byte[] bytes = CanonicalJson.canonicalize("[\"\\u00f6\\u20ac\\ud83d\\ude00\"]");

        assertThat(bytes).containsExactly(
                '[', '"',
                0xc3, 0xb6,
                0xe2, 0x82, 0xac,
                0xf0, 0x9f, 0x98, 0x80,
                '"', ']');
    }

    @Test
    void escapesStringsAsInRfc8785Section322() {
        // The string and literals of the RFC's example; its numbers are fractional and belong to
        // no ledger document.
        String input = "{\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n"
                + "}";

        assertThat(canonical(input))
                .isEqualTo("{\"literals\":[null,true,false],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void escapesEveryControlCharacterAndNothingElse() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        all.append("\u007f\u0080\u00a0\u2028\u2029\ufeff");

        String expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
                + "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
                + "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
                + " !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`"
                + "abcdefghijklmnopqrstuvwxyz{|}~\u007f"
                + "\u007f\u0080\u00a0\u2028\u2029\ufeff\"";
        assertThat(canonical(NODES.stringNode(all.toString()))).isEqualTo(expected);
    }

    @Test
    void escapesMemberNamesLikeStrings() {
        assertThat(canonical("{\"a\\tb\":1,\"q\\\"\":2,\"s/\":3}")).isEqualTo("{\"a\\tb\":1,\"q\\\"\":2,\"s/\":3}");
    }

    @Test
    void removesWhitespaceAndSortsNestedObjects() {
        String input = " {\r\n\t\"b\" : [ 1 , { \"z\" : null , \"y\" : [ ] } , [ [ ] , { } ] ] ,\n"
                + "  \"a\" : { \"d\" : true , \"c\" : \"x y\" } } ";

        assertThat(canonical(input)).isEqualTo("{\"a\":{\"c\":\"x y\",\"d\":true},\"b\":[1,{\"y\":[],\"z\":null},[[],{}]]}");
    }

    @Test
    void keepsArrayOrder() {
        assertThat(canonical("[3,1,2,\"b\",\"a\"]")).isEqualTo("[3,1,2,\"b\",\"a\"]");
    }

    @Test
    void writesScalarsAtTopLevel() {
        assertThat(canonical("\"x\"")).isEqualTo("\"x\"");
        assertThat(canonical("true")).isEqualTo("true");
        assertThat(canonical("false")).isEqualTo("false");
        assertThat(canonical("null")).isEqualTo("null");
        assertThat(canonical("42")).isEqualTo("42");
    }

    @Test
    void writesIntegersAsPlainDecimals() {
        assertThat(canonical("[0,-0,7,-7,1767225600000,9007199254740991,-9007199254740991]"))
                .isEqualTo("[0,0,7,-7,1767225600000,9007199254740991,-9007199254740991]");
    }

    @Test
    void writesIntegerNodesOfEveryWidth() {
        assertThat(canonical(NODES.arrayNode()
                .add(NODES.numberNode((short) -3))
                .add(NODES.numberNode(Integer.MIN_VALUE))
                .add(NODES.numberNode(Long.MAX_VALUE))
                .add(NODES.numberNode(new BigInteger("123456789012345678901234567890")))))
                .isEqualTo("[-3,-2147483648,9223372036854775807,123456789012345678901234567890]");
    }

    @Test
    void writesIntegralFloatingPointValuesAsIntegers() {
        assertThat(canonical("[1.0,-2.00,1e2,1E+3,0.0,-0.0,9007199254740991.0]"))
                .isEqualTo("[1,-2,100,1000,0,0,9007199254740991]");
        assertThat(canonical(NODES.arrayNode()
                .add(NODES.numberNode(5.0d))
                .add(NODES.numberNode(-6.0f))
                .add(NODES.numberNode(new BigDecimal("7.000")))
                .add(NODES.numberNode(new BigDecimal("8E+1")))))
                .isEqualTo("[5,-6,7,80]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "[0.1]", "{\"a\":-2.5}", "1e-3", "9007199254740992.0", "-9007199254740992.0",
            "1e20", "1e400"})
    void rejectsNumbersThatAreNotSafeIntegers(String json) {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(json))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectionOfAFractionSaysWhy() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1.5}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the ledger's canonical form has no fractional numbers: 1.5");
    }

    @Test
    void rejectsNonFiniteAndFractionalNodes() {
        for (JsonNode node : new JsonNode[] {
                NODES.numberNode(Double.NaN),
                NODES.numberNode(Double.POSITIVE_INFINITY),
                NODES.numberNode(Float.NEGATIVE_INFINITY),
                NODES.numberNode(0.5d),
                NODES.numberNode(new BigDecimal("1.25")),
                NODES.numberNode(new BigDecimal("9007199254740992")),
                NODES.numberNode(1e300d)}) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(node))
                    .as("%s", node)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the ledger's canonical form has no fractional numbers");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "[NaN]", "Infinity", "-Infinity", "{\"a\":NaN}"})
    void rejectsNonNumericNumbers(String json) {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsDuplicateMemberNames() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\"b\":2,\"a\":1}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"x\":{\"a\":1,\"a\":2}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":1} {\"b\":2}", "[1,]", "{'a':1}", "{a:1}", "\"\u0001\""})
    void rejectsInputThatIsNotOneJsonValue(String json) {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUnpairedSurrogates() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.stringNode("a\ud83db")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.stringNode("\ude00")))
                .isInstanceOf(IllegalArgumentException.class);
        ObjectNode badName = NODES.objectNode();
        badName.put("\ud83d", 1);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(badName)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNodesThatAreNotJson() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.missingNode()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.binaryNode(new byte[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(NODES.pojoNode(new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givesTheSameBytesForTheSameValueWhateverItsSpelling() {
        String a = "{\"b\":[1,2],\"a\":{\"y\":\"\\u00e9\",\"x\":1.0}}";
        String b = "{ \"a\" : { \"x\" : 1, \"y\" : \"\u00e9\" }, \"b\" : [ 1, 2 ] }";

        assertThat(CanonicalJson.canonicalize(a)).isEqualTo(CanonicalJson.canonicalize(b));
    }

    @Test
    void canonicalizingTheCanonicalFormChangesNothing() {
        String[] inputs = {
                "{\"\\u20ac\":1,\"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6,\"\\u00f6\":7}",
                "{\"s\":\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\\u007f\\u00e9\\ud83d\\ude00\",\"n\":[-1,0,1.0,9007199254740991]}",
                " [ { \"b\" : { \"d\" : [ ] , \"c\" : { } } , \"a\" : null } , true , false , \"\" ] ",
        };
        for (String input : inputs) {
            byte[] once = CanonicalJson.canonicalize(input);
            byte[] twice = CanonicalJson.canonicalize(new String(once, StandardCharsets.UTF_8));
            assertThat(twice).as(input).isEqualTo(once);
        }
    }

    @Test
    void leavesTheNodeUnchanged() {
        ObjectNode node = NODES.objectNode();
        node.put("b", 1);
        node.put("a", 2);
        String before = node.toString();

        CanonicalJson.canonicalize(node);

        assertThat(node.toString()).isEqualTo(before);
    }

    @Test
    void refusesAUnicodeEscapeWhoseDigitsAreNotHexEvenIfTheirLowBytesAre() {
        // U+0131 ends in the byte 0x31, the digit 1: read by that byte, the text would pass for the escape of an A.
        assertThatThrownBy(() -> CanonicalJson.canonicalize("\"\\u004\u0131\""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(canonical("\"\\u0041\"")).isEqualTo("\"A\"");
    }

    @Test
    void refusesTextWithAnUnpairedSurrogate() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("\"a\ud800b\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
    }
}

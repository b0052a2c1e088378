package org.sim2word.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.Fill;

class RequestJsonTest {

    record Pair(String a, Integer label) {
    }

    record Body(List<Pair> pairs) {
    }

    @Test
    void fieldsLeftOutTakeTheirDefaults() {
        ExplainOptions options = RequestJson.named("options", "{\"fill\":\"white\"}", ExplainOptions.class);
        assertEquals(Fill.WHITE, options.fill());
        assertEquals(ExplainOptions.DEFAULT_TOP_K, options.topK());
    }

    @Test
    void anUnknownEnumValueIsReportedWithItsFieldAndTheAllowedValues() {
        ApiException e = assertThrows(ApiException.class,
                () -> RequestJson.named("options", "{\"fill\":\"purple\"}", ExplainOptions.class));
        assertEquals(Response.Status.BAD_REQUEST, e.status());
        assertEquals(List.of("options.fill: unknown fill 'purple' (black, white, mean or random)"), e.details());
    }

    @Test
    void aValueOfTheWrongTypeIsReportedWithItsField() {
        ApiException e = assertThrows(ApiException.class,
                () -> RequestJson.named("options", "{\"topK\":\"many\"}", ExplainOptions.class));
        assertEquals(List.of("options.topK has the wrong type; expected a whole number"), e.details());
    }

    @Test
    void brokenJsonIsReportedAsSuch() {
        ApiException e = assertThrows(ApiException.class,
                () -> RequestJson.named("options", "{\"topK\":", ExplainOptions.class));
        assertTrue(e.getMessage().startsWith("options is not valid JSON: "), e.getMessage());
    }

    @Test
    void aBodyFieldIsNamedByItsPathFromTheTop() {
        ApiException e = assertThrows(ApiException.class,
                () -> RequestJson.body("{\"pairs\":[{\"a\":\"x\",\"label\":1},{\"a\":\"y\",\"label\":\"yes\"}]}",
                        Body.class));
        assertEquals(List.of("pairs[1].label has the wrong type; expected a whole number"), e.details());
    }

    @Test
    void aMisspeltOptionIsRefusedWithTheKnownOnesInsteadOfFallingBackToItsDefault() {
        ApiException e = assertThrows(ApiException.class,
                () -> RequestJson.named("options", "{\"eraseTreshold\":0.5}", ExplainOptions.class));
        assertEquals(1, e.details().size());
        String problem = e.details().get(0);
        assertTrue(problem.startsWith("options.eraseTreshold is not a known field; the known ones are "), problem);
        assertTrue(problem.contains("eraseThreshold"), problem);
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsRefusedRatherThanCutDown() {
        ApiException e = assertThrows(ApiException.class,
                () -> RequestJson.named("options", "{\"topK\":1.7}", ExplainOptions.class));
        assertEquals(List.of("options.topK has the wrong type; expected a whole number"), e.details());
    }
}

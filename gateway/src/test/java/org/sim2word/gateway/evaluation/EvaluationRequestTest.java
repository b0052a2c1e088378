package org.sim2word.gateway.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.json.Json;

class EvaluationRequestTest {

    @Test
    void aWellFormedRequestHasNoProblems() {
        var request = new EvaluationRequest("johns", null,
                List.of(new EvaluationRequest.Pair("x", "y", 1), new EvaluationRequest.Pair("x", "z", 0)));
        assertEquals(List.of(), request.problems());
        assertEquals(Set.of("x", "y", "z"), request.imageIds());
        assertEquals(ExplainOptions.defaults(), request.options());
    }

    @Test
    void anEmptyPairListIsAProblem() {
        assertEquals(List.of("pairs is empty; list at least one pair of image ids"),
                new EvaluationRequest(null, null, null).problems());
    }

    @Test
    void everyBadPairIsListed() {
        var options = Json.read("{\"topK\":0}", ExplainOptions.class);
        var request = new EvaluationRequest("bad", options, Arrays.asList(
                new EvaluationRequest.Pair("x", "y", 2),
                new EvaluationRequest.Pair(" ", "y", null),
                null));
        assertEquals(List.of(
                "options: topK must be at least 1, was 0",
                "pairs[0].label must be 0 or 1, was 2",
                "pairs[1].a is missing; give the id of an uploaded image",
                "pairs[1].label is missing; use 1 for the same person and 0 for different people",
                "pairs[2] is null; give it a, b and label"), request.problems());
    }

    @Test
    void aNameWithControlCharactersOrOfAbsurdLengthIsAProblem() {
        List<EvaluationRequest.Pair> pairs = List.of(new EvaluationRequest.Pair("x", "y", 1));
        assertEquals(List.of("name contains control characters; use printable text"),
                new EvaluationRequest("a\u0000b", null, pairs).problems());
        assertEquals(List.of("name is 201 characters long; at most 200 are allowed"),
                new EvaluationRequest("n".repeat(201), null, pairs).problems());
    }
}

package io.callready.collector.ingest;

import io.callready.collector.alert.EvaluationLag;
import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the alert evaluation is more than half its lag bound behind, a batch waits for its turn to be written and is
 * stored once it has it; when the evaluation is back within the bound nothing waits.
 */
@QuarkusTest
class IngestBackpressureIT {
    @Inject
    IngestConcurrency concurrency;
    @Inject
    EvaluationLag lag;

    @Test
    void aBatchWaitsItsTurnWhileTheEvaluationIsBehind() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        String body = Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), tenant.agentId());
        try {
            lag.passed(Duration.ofSeconds(30));
            assertThat(lag.behind()).isTrue();
            BehindGate.Turn held = concurrency.awaitTurn();
            assertThat(held).isNotNull();
            CompletableFuture<Response> posted = CompletableFuture.supplyAsync(
                    () -> Api.asAgent(tenant.token()).body(body).post("/api/v1/results"));
            try {
                Thread.sleep(1_000);
                assertThat(posted).as("the batch waits while another holds the only turn").isNotDone();
            } finally {
                held.close();
            }
            posted.get(10, TimeUnit.SECONDS).then().statusCode(200);
            Api.asAdmin().get("/api/v1/sites/{s}/results", tenant.siteId()).then().statusCode(200)
                    .body("size()", org.hamcrest.Matchers.equalTo(1));

            lag.passed(Duration.ofSeconds(1));
            assertThat(lag.behind()).isFalse();
            BehindGate.Turn open = concurrency.awaitTurn();
            BehindGate.Turn another = concurrency.awaitTurn();
            assertThat(open).isNotNull();
            assertThat(another).as("no limit once the evaluation keeps up").isNotNull();
        } finally {
            lag.passed(Duration.ZERO);
        }
    }
}

package org.leadhandoff.notify;

import java.util.Map;
import org.leadhandoff.lead.Lead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Hands a sales-qualified lead to the CRM by POSTing it to a webhook; a failure throws so the step
 * retries. Every try carries the handoff's id as {@code Idempotency-Key}, for a CRM that cannot tell
 * whether it got a lead whose answer was lost; once the CRM accepted it, a retried step posts no more.
 */
@Service
public class CrmWebhook {

    private static final Logger log = LoggerFactory.getLogger(CrmWebhook.class);

    private final String url;
    private final RestClient http;
    private final Deliveries deliveries;

    CrmWebhook(@Value("${handoff.crm.webhook-url:}") String url, RestClient.Builder builder, Deliveries deliveries) {
        this.url = url;
        this.deliveries = deliveries;
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(5_000);
        factory.setReadTimeout(10_000);
        this.http = builder.requestFactory(factory).build();
    }

    public void handOff(Lead lead) {
        if (!StringUtils.hasText(url)) {
            log.info("SQL {} ({}) ready for the CRM; no handoff.crm.webhook-url configured", lead.id(), lead.email());
            return;
        }
        Deliveries.Delivery delivery = Deliveries.Delivery.of("crm", "lead.sales-qualified " + lead.handoffId());
        if (deliveries.delivered(delivery)) {
            log.info("SQL {} reached the CRM on an earlier try; not posting it again", lead.id());
            return;
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("event", "lead.sales-qualified");
        body.put("leadId", lead.id());
        body.put("externalId", lead.externalId());
        body.put("email", lead.email());
        body.put("company", lead.company());
        body.put("owner", lead.owner());
        body.put("team", lead.team());
        body.put("score", lead.score());
        body.put("grade", lead.grade());
        http.post().uri(url).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", lead.handoffId())
                .body(body).retrieve().toBodilessEntity();
        deliveries.record(delivery);
    }
}

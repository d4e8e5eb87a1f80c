-- Per-customer Grafana access (issue 13), the V2xx half of V110: the alert and delivery tables are created in V200/V201,
-- so their customer-filtered views in schema dash come here. Same rule as V110: rows of the customer whose reader role
-- is connected (customer_readers by current_user), security barrier, SELECT for callready_customer_readers only.
CREATE VIEW dash.alerts WITH (security_barrier) AS
    SELECT * FROM public.alerts
    WHERE customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user);
-- An incident has no customer of its own: it is visible through the customer's alerts grouped into it.
CREATE VIEW dash.incidents WITH (security_barrier) AS
    SELECT i.* FROM public.incidents i
    WHERE EXISTS (SELECT 1 FROM public.alerts a
                  WHERE a.incident_id = i.id
                    AND a.customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user));
-- Deliveries of the customer's alerts and incidents; channel secrets and URLs stay out.
CREATE VIEW dash.notify_outbox WITH (security_barrier) AS
    SELECT o.id, o.channel_id, o.status, o.attempts, o.created_at, o.next_attempt_at, o.give_up_at, o.last_attempt_at,
           o.last_status_code, o.last_error, o.delivered_at, o.alert_id, o.incident_id
    FROM public.notify_outbox o
    WHERE EXISTS (SELECT 1 FROM public.alerts a
                  WHERE (a.id = o.alert_id OR a.incident_id = o.incident_id)
                    AND a.customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user));

-- The channels those deliveries went to: name and kind only.
CREATE VIEW dash.notify_channels WITH (security_barrier) AS
    SELECT ch.id, ch.name, ch.kind, ch.enabled
    FROM public.notify_channels ch
    WHERE EXISTS (SELECT 1 FROM dash.notify_outbox o WHERE o.channel_id = ch.id);
GRANT SELECT ON ALL TABLES IN SCHEMA dash TO callready_customer_readers;

-- The delivery-failures panel (callready-alerts/5/A) shows each failed message's id, which V205's dash.notify_outbox
-- left out, so a customer's reader could not run it, nor the fleet reader (grafana.FleetReader grants what dash
-- shows). A message id is the delivery's dedup key, no secret. CREATE OR REPLACE may only add columns at the end:
-- the view keeps its grant and dash.notify_channels, which reads it, stays valid. Plain PostgreSQL and TimescaleDB alike.
CREATE OR REPLACE VIEW dash.notify_outbox WITH (security_barrier) AS
    SELECT o.id, o.channel_id, o.status, o.attempts, o.created_at, o.next_attempt_at, o.give_up_at, o.last_attempt_at,
           o.last_status_code, o.last_error, o.delivered_at, o.alert_id, o.incident_id, o.message_id
    FROM public.notify_outbox o
    WHERE EXISTS (SELECT 1 FROM public.alerts a
                  WHERE (a.id = o.alert_id OR a.incident_id = o.incident_id)
                    AND a.customer_id = (SELECT customer_id FROM public.customer_readers WHERE role_name = current_user));

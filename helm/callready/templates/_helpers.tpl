{{- define "callready.labels" -}}
app.kubernetes.io/part-of: callready
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{/* Pod labels and selector of one component: (list $ "collector"). */}}
{{- define "callready.selector" -}}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* A generated secret value: random at install; an upgrade keeps the value the Secret already holds, since the
     database keeps the password it was given (lookup only on upgrade, so template and lint need no cluster).
     (list $ secretName key length) */}}
{{- define "callready.generated" -}}
{{- $root := index . 0 -}}
{{- $existing := dict -}}
{{- if $root.Release.IsUpgrade -}}
{{- $existing = (lookup "v1" "Secret" $root.Release.Namespace (index . 1)).data | default dict -}}
{{- end -}}
{{- if hasKey $existing (index . 2) -}}
{{ index $existing (index . 2) }}
{{- else -}}
{{ randAlphaNum (index . 3) | b64enc }}
{{- end -}}
{{- end -}}

{{- define "callready.dbSecret" -}}
{{- if .Values.timescaledb.enabled -}}{{ .Release.Name }}-db{{- else -}}{{ required "externalDatabase.passwordSecret is required when timescaledb.enabled=false" .Values.externalDatabase.passwordSecret }}{{- end -}}
{{- end -}}

{{- define "callready.dbHost" -}}
{{- if .Values.timescaledb.enabled -}}{{ .Release.Name }}-timescaledb{{- else -}}{{ required "externalDatabase.host is required when timescaledb.enabled=false" .Values.externalDatabase.host }}{{- end -}}
{{- end -}}

{{- define "callready.dbPort" -}}
{{- if .Values.timescaledb.enabled -}}5432{{- else -}}{{ .Values.externalDatabase.port }}{{- end -}}
{{- end -}}

{{- define "callready.dbName" -}}
{{- if .Values.timescaledb.enabled -}}{{ .Values.timescaledb.database }}{{- else -}}{{ .Values.externalDatabase.database }}{{- end -}}
{{- end -}}

{{- define "callready.dbUser" -}}
{{- if .Values.timescaledb.enabled -}}{{ .Values.timescaledb.user }}{{- else -}}{{ required "externalDatabase.user is required when timescaledb.enabled=false" .Values.externalDatabase.user }}{{- end -}}
{{- end -}}

{{/* The bundled database is reached inside the cluster network only; an external one with externalDatabase.sslmode. */}}
{{- define "callready.dbSslmode" -}}
{{- if .Values.timescaledb.enabled -}}disable{{- else -}}{{ .Values.externalDatabase.sslmode }}{{- end -}}
{{- end -}}

{{- define "callready.jdbcUrl" -}}
jdbc:postgresql://{{ include "callready.dbHost" . }}:{{ include "callready.dbPort" . }}/{{ include "callready.dbName" . }}?sslmode={{ include "callready.dbSslmode" . }}
{{- end -}}

{{/* Container hardening shared by every container of the chart. */}}
{{- define "callready.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: { drop: [ALL] }
{{- end -}}

{{/* Pod-level hardening: (list uid). */}}
{{- define "callready.podSecurity" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile: { type: RuntimeDefault }
{{- end -}}

{{- define "callready.grafanaDbSecret" -}}
{{ .Values.grafana.dbPasswordSecret | default (printf "%s-grafana-db" .Release.Name) }}
{{- end -}}

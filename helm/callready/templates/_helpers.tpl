{{- define "callready.labels" -}}
app.kubernetes.io/part-of: callready
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "callready.dbSecret" -}}
{{- if .Values.timescaledb.enabled -}}{{ .Release.Name }}-db{{- else -}}{{ required "externalDatabase.passwordSecret is required when timescaledb.enabled=false" .Values.externalDatabase.passwordSecret }}{{- end -}}
{{- end -}}

{{- define "callready.jdbcUrl" -}}
{{- if .Values.timescaledb.enabled -}}jdbc:postgresql://{{ .Release.Name }}-timescaledb:5432/{{ .Values.timescaledb.database }}{{- else -}}{{ required "externalDatabase.jdbcUrl is required when timescaledb.enabled=false" .Values.externalDatabase.jdbcUrl }}{{- end -}}
{{- end -}}

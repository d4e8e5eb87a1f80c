#!/usr/bin/env bash
# Refreshes the Helm chart's copy of dashboards/ (Helm reads no file outside the chart). HelmGrafanaTest fails
# until the copy is byte for byte the same as dashboards/json and dashboards/provisioning.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
copy="$root/helm/callready/dashboards"
rm -rf "$copy"
mkdir -p "$copy"
cp -r "$root/dashboards/json" "$root/dashboards/provisioning" "$copy/"
echo "copied dashboards/json and dashboards/provisioning to helm/callready/dashboards"

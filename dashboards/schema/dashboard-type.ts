// @grafana/schema declares some fields as TypeScript enums (ThresholdsMode, MappingType, VariableHide, ...), which a
// JSON value can never be; this maps every enum to the union of its values so a provisioned dashboard's plain JSON
// is checked against the same shapes and values.
import type { Dashboard } from '@grafana/schema';

type Plain<T> = T extends string
  ? `${T}`
  : T extends number
    ? `${T}` extends `${infer N extends number}` ? N : T
    : T extends readonly unknown[]
      ? { [K in keyof T]: Plain<T[K]> }
      : T extends object
        ? { [K in keyof T]: Plain<T[K]> }
        : T;

export type ProvisionedDashboard = Plain<Dashboard>;

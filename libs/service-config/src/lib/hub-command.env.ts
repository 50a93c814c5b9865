/**
 * The variables only `npm run hub` (tools/hub/run-hub.ts, and the scripts/infra scripts it runs)
 * reads; the services never do. Listed here so docs/configuration.md is checked against them.
 */
export const HUB_COMMAND_VARIABLES = [
  'API_PORT',
  'PLANNER_PORT',
  'CONTINUITY_PORT',
  'NOTIFIER_PORT',
  'HMPPS_ADAPTER_PORT',
  'HUB_LOG_DIR',
  'HUB_RUN_FROM',
  'KAFKA_PORT',
  'KAFKA_CONTROLLER_PORT',
] as const;

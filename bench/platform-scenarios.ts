import type { Scenario } from './scenarios';

/** One scenario per webhook trigger of the package, each compared with n8n's own Webhook node. */
export const platformScenarios: Scenario[] = [];

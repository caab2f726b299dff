import { randomUUID } from 'crypto';

import type { WorkflowDefinition, WorkflowNode } from './n8n-api';

export interface NodeSpec {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
	typeVersion?: number;
	credentials?: Record<string, { id: string; name: string }>;
	/** Trigger nodes with webhooks need one: the URL is <base>/webhook/<webhookId>/<path>. */
	webhook?: boolean;
}

/** A linear workflow: every node feeds the next one. */
export function chain(name: string, specs: NodeSpec[]): WorkflowDefinition & { nodes: WorkflowNode[] } {
	const nodes: WorkflowNode[] = specs.map((spec, index) => ({
		id: randomUUID(),
		name: spec.name,
		type: spec.type,
		typeVersion: spec.typeVersion ?? 1,
		position: [index * 260, 0],
		parameters: spec.parameters ?? {},
		...(spec.credentials ? { credentials: spec.credentials } : {}),
		...(spec.webhook ? { webhookId: randomUUID() } : {}),
	}));
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections };
}

/** Production URL of a webhook node (path defaults to the one the package's triggers use). */
export function webhookUrl(baseUrl: string, node: WorkflowNode, path = 'webhook'): string {
	if (!node.webhookId) throw new Error(`node ${node.name} has no webhookId`);
	return `${baseUrl}/webhook/${node.webhookId}/${path}`;
}

/** Loads the example workflows of examples/ and points their credentials at the ones given. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { WorkflowDefinition, WorkflowNode } from '../e2e/harness/n8n-api';
import { REPO_ROOT } from '../e2e/harness/paths';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export interface ExampleWorkflow extends WorkflowDefinition {
	nodes: WorkflowNode[];
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

/** The example as saved in examples/ (exactly what a user imports). */
export function readExample(file: string): ExampleWorkflow {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
}

/**
 * The example ready for n8n's public API: each credential reference replaced by the credential of that
 * type from `credentials`, fields the API refuses dropped. Throws when a referenced type is missing.
 */
export function prepareExample(
	example: ExampleWorkflow,
	credentials: Record<string, { id: string; name: string }>,
): ExampleWorkflow {
	const nodes = example.nodes.map((node) => {
		if (!node.credentials) return { ...node };
		const replaced: Record<string, { id: string; name: string }> = {};
		for (const type of Object.keys(node.credentials)) {
			const credential = credentials[type];
			if (!credential) throw new Error(`example "${example.name}" needs a ${type} credential`);
			replaced[type] = credential;
		}
		return { ...node, credentials: replaced };
	});
	return { name: example.name, nodes, connections: example.connections, settings: { executionOrder: 'v1' } };
}

/** The node of an example by name. */
export function exampleNode(example: ExampleWorkflow, name: string): WorkflowNode {
	const node = example.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`example "${example.name}" has no node "${name}"`);
	return node;
}

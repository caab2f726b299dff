import type { N8nApi } from '../../test/e2e/harness/n8n-api';
import type { N8nInstance } from '../../test/e2e/harness/n8n-server';
import { nodeType } from '../../test/e2e/harness/paths';
import { exampleFiles, prepareExample, readExample } from '../../test/simulators/examples';
import {
	EXAMPLE_CREDENTIAL_NAMES,
	startPlatforms,
	type PlatformAdapter,
	type PlatformName,
} from '../../test/simulators/platforms';

export interface ActiveExample {
	file: string;
	name: string;
	id: string;
	seen: number;
}

/** Removes what an earlier playground run created (same names), so every start is the same. */
export async function cleanUp(api: N8nApi, exampleNames: string[]): Promise<void> {
	const workflows = (await api.http.get('/workflows', { params: { limit: 250 } })).data as { data?: Array<{ id: string; name: string; active: boolean }> };
	for (const workflow of workflows.data ?? []) {
		if (!exampleNames.includes(workflow.name)) continue;
		if (workflow.active) await api.http.post(`/workflows/${workflow.id}/deactivate`, {});
		await api.http.delete(`/workflows/${workflow.id}`);
	}
	const credentials = (await api.rest.get('/credentials')).data as { data?: Array<{ id: string; name: string }> };
	const names = Object.values(EXAMPLE_CREDENTIAL_NAMES);
	for (const credential of credentials.data ?? []) {
		if (names.includes(credential.name)) await api.rest.delete(`/credentials/${credential.id}`);
	}
}


/**
 * Starts every platform simulator, creates credentials with the names the examples reference, imports every
 * example of examples/ (replacing earlier copies of the same name), activates it and connects the simulators
 * to its triggers.
 */
export async function setUpExamples(
	n8n: N8nInstance,
	ports?: Partial<Record<PlatformName, number>>,
	log: (line: string) => void = () => undefined,
): Promise<{ platforms: Record<PlatformName, PlatformAdapter>; examples: ActiveExample[] }> {
	const files = exampleFiles();
	await cleanUp(n8n.api, files.map((file) => readExample(file).name));
	const platforms = await startPlatforms({
		api: n8n.api,
		baseUrl: n8n.baseUrl,
		ports,
		credentialNames: EXAMPLE_CREDENTIAL_NAMES,
		selartiAnswers: true,
	});
	const credentials = Object.assign({}, ...Object.values(platforms).map((platform) => platform.credentials)) as Record<
		string,
		{ id: string; name: string }
	>;
	const examples: ActiveExample[] = [];
	for (const file of files) {
		const example = prepareExample(readExample(file), credentials);
		const id = await n8n.api.createWorkflow(example);
		await n8n.api.activate(id);
		for (const node of example.nodes) {
			const platform = Object.values(platforms).find((candidate) => nodeType(candidate.triggerType) === node.type);
			if (platform) await platform.connect(node);
		}
		examples.push({ file, name: example.name, id, seen: 0 });
		log(`Example active: "${example.name}" (examples/${file})  ${n8n.baseUrl}/workflow/${id}`);
	}
	return { platforms, examples };
}

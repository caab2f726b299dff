import { mkdirSync } from 'fs';
import { join } from 'path';

import { startN8n, OWNER } from '../test/e2e/harness/n8n-server';
import { packPackage } from '../test/e2e/harness/pack';
import { REPO_ROOT } from '../test/e2e/harness/paths';

/** npm start: a real n8n with this package installed as a community package, kept in .playground/. */
async function main(): Promise<void> {
	const port = Number(process.env.PLAYGROUND_PORT ?? 5678);
	const userFolder = join(REPO_ROOT, '.playground', 'n8n');
	mkdirSync(userFolder, { recursive: true });
	packPackage();
	process.stdout.write(`Starting n8n with n8n-nodes-chat-bridge on http://127.0.0.1:${port} ...\n`);
	const n8n = await startN8n({ userFolder, port });

	process.stdout.write(
		[
			'',
			`n8n is ready:   ${n8n.baseUrl}`,
			`Log in with:    ${OWNER.email} / ${OWNER.password}`,
			`Nodes:          search "chat bridge" or a platform name (BRIX, UChat, Selarti, BonyChat, retailCRM)`,
			`n8n log:        ${n8n.logFile}`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('\nStopping ...\n');
		await n8n.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});

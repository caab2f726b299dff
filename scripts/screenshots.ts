/**
 * npm run screenshots: pictures of every example bridge as it looks in the n8n editor, for the README.
 * Starts a throwaway n8n with the package and the simulators, imports and activates the examples, opens
 * each one in headless Chromium (Debian's `chromium` package) and saves docs/images/<example>.png, plus a
 * trigger panel and a list picker. `--editor-only` takes only those two.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type Page } from 'playwright-core';

import { startN8n, type N8nInstance } from '../test/e2e/harness/n8n-server';
import { nodeType } from '../test/e2e/harness/paths';
import { chain } from '../test/e2e/harness/workflow';
import { packPackage } from '../test/e2e/harness/pack';
import { REPO_ROOT } from '../test/e2e/harness/paths';
import { stopPlatforms, type PlatformAdapter, type PlatformName } from '../test/simulators/platforms';
import { setUpExamples } from './lib/examples-setup';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT_DIR = join(REPO_ROOT, 'docs', 'images');
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Opens one node of a new one-node workflow in the node view (NDV). */
async function openNode(page: Page, n8n: N8nInstance, workflow: ReturnType<typeof chain>): Promise<void> {
	const id = await n8n.api.createWorkflow(workflow);
	await page.goto(`${n8n.baseUrl}/workflow/${id}/${workflow.nodes[0].id}`, { waitUntil: 'networkidle' });
	await page.waitForSelector('[data-test-id="ndv"]', { timeout: 60_000 });
	await page.waitForTimeout(1500);
}

/** docs/images/trigger-panel.png (Selarti Trigger) and list-picker.png (retailCRM Dialog ID, From List open). */
async function editorShots(page: Page, n8n: N8nInstance, platforms: Record<PlatformName, PlatformAdapter>): Promise<void> {
	await openNode(
		page,
		n8n,
		chain('Trigger panel', [
			{
				name: 'Selarti Trigger',
				type: nodeType('selartiTrigger'),
				webhook: true,
				credentials: { selartiApi: platforms.selarti.credentials.selartiApi },
			},
		]),
	);
	await page.screenshot({ path: join(OUT_DIR, 'trigger-panel.png') });
	log(`Saved ${join(OUT_DIR, 'trigger-panel.png')}`);

	await openNode(
		page,
		n8n,
		chain('List picker', [
			{
				name: 'retailCRM Bot',
				type: nodeType('retailCrmBot'),
				parameters: { resource: 'dialog', operation: 'close', dialogId: { __rl: true, mode: 'list', value: '' } },
				credentials: { retailCrmBotApi: platforms.retailcrm.credentials.retailCrmBotApi },
			},
		]),
	);
	await page.click('[data-test-id="rlc-input"]');
	await page.waitForSelector('[data-test-id="rlc-item"]', { timeout: 30_000 });
	await page.waitForTimeout(800);
	await page.screenshot({ path: join(OUT_DIR, 'list-picker.png') });
	log(`Saved ${join(OUT_DIR, 'list-picker.png')}`);
}

async function main(): Promise<void> {
	const editorOnly = process.argv.includes('--editor-only');
	mkdirSync(OUT_DIR, { recursive: true });
	packPackage();
	log('Starting n8n ...');
	const n8n = await startN8n();
	const { platforms, examples } = await setUpExamples(n8n, undefined, log);
	const profile = mkdtempSync(join(tmpdir(), 'chat-bridge-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const cookie = String(n8n.api.rest.defaults.headers.cookie ?? '');
		await context.addCookies(
			cookie
				.split(';')
				.map((part) => part.trim())
				.filter((part) => part.includes('='))
				.map((part) => {
					const at = part.indexOf('=');
					return { name: part.slice(0, at), value: part.slice(at + 1), url: n8n.baseUrl };
				}),
		);
		const page = context.pages()[0] ?? (await context.newPage());
		await editorShots(page, n8n, platforms);
		for (const example of editorOnly ? [] : examples) {
			await page.goto(`${n8n.baseUrl}/workflow/${example.id}`, { waitUntil: 'networkidle' });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			await page.keyboard.press('Escape');
			// The floating "Execute workflow" button group would cover the lowest nodes.
			await page.evaluate(`(() => {
				let element = document.querySelector('[data-test-id="execute-workflow-button"]');
				while (element && element.parentElement && element.parentElement.querySelectorAll('button').length < 2) element = element.parentElement;
				const target = element && element.parentElement ? element.parentElement : element;
				if (target) target.style.display = 'none';
			})()`);
			await page.mouse.click(5, 400);
			await page.keyboard.press('1'); // zoom to fit
			await page.waitForTimeout(1500);
			const file = join(OUT_DIR, example.file.replace(/\.json$/, '.png'));
			await page.screenshot({ path: file });
			log(`Saved ${file}`);
		}
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
		await stopPlatforms(platforms);
		await n8n.stop();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});

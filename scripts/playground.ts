import { mkdirSync } from 'fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import { join } from 'path';

import { originKey } from '../nodes/shared/origin';
import { startN8n, OWNER, type N8nInstance } from '../test/e2e/harness/n8n-server';
import { packPackage } from '../test/e2e/harness/pack';
import type { BrixSimulator } from '../test/simulators/brix/simulator';
import { setUpExamples, type ActiveExample } from './lib/examples-setup';
import { REPO_ROOT } from '../test/e2e/harness/paths';
import {
	PLATFORM_NAMES,
	simulatorOf,
	stopPlatforms,
	type BridgeMessage,
	type PlatformAdapter,
	type PlatformName,
} from '../test/simulators/platforms';

/**
 * npm start: the playground. A real n8n with this package installed as a community package (user folder
 * .playground/), every platform simulator on a fixed port, credentials pointing at them, the example
 * workflows imported and active, and a small control server (`npm run say`, or the page it serves) that
 * makes a simulated platform send a message.
 */
const N8N_PORT = Number(process.env.PLAYGROUND_PORT ?? 5678);
const CONTROL_PORT = Number(process.env.PLAYGROUND_CONTROL_PORT ?? 5680);
const SIMULATOR_PORTS: Record<PlatformName, number> = { brix: 5701, uchat: 5702, bonychat: 5703, selarti: 5704, retailcrm: 5705 };

/**
 * Which connection sends by default: UChat workspace 1001 is the handover example's bot; respond.io's default is
 * the channel backed by the UChat bot (the agents' inbox of the retailCRM example is the route "Agent Answers").
 */
const DEFAULT_ROUTE: Partial<Record<PlatformName, string>> = { uchat: '1001', bonychat: 'BonyChat Trigger' };

/**
 * Default conversation per platform, so `npm run say -- <platform> "text"` needs nothing else. BRIX and Selarti
 * answer in the chats the examples open for UChat conversation 501 and retailCRM chat 801 (named by origin key),
 * so both directions of every example can be driven.
 */
const DEFAULT_CHAT: Record<PlatformName, { chatId: string; userId?: string }> = {
	brix: { chatId: originKey({ platform: 'uchat', chatId: '501', userId: 'contact-7' }) },
	uchat: { chatId: '501', userId: 'contact-7' },
	bonychat: { chatId: '+60177872890' },
	selarti: { chatId: originKey({ platform: 'retailcrm', chatId: '801' }) },
	retailcrm: { chatId: '801' },
};

const out = (line: string) => process.stdout.write(`${line}\n`);


function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			if (text === '') return resolve({});
			try {
				const type = String(req.headers['content-type'] ?? '');
				resolve(type.includes('urlencoded') ? Object.fromEntries(new URLSearchParams(text)) : (JSON.parse(text) as Record<string, unknown>));
			} catch (error) {
				reject(error as Error);
			}
		});
		req.on('error', reject);
	});
}

function page(): string {
	const options = PLATFORM_NAMES.map((name) => `<option value="${name}">${name}</option>`).join('');
	return `<!doctype html><meta charset="utf-8"><title>chat bridge playground</title>
<style>body{font:15px system-ui;margin:2em;max-width:40em}input,select,button{font:inherit;margin:.2em 0;padding:.3em}input{width:100%}</style>
<h1>Send a message from a simulated platform</h1>
<p>The message goes to the platform's trigger in n8n; the playground's terminal prints what the other side received.</p>
<form method="post" action="/say">
<label>Platform <select name="platform">${options}</select></label><br>
<label>Text <input name="text" value="I want an operator"></label><br>
<label>Attachment URL (optional) <input name="file" placeholder="https://files.example.com/photo.png"></label><br>
<label>Chat ID (optional) <input name="chatId" placeholder="501"></label><br>
<button>Send</button></form>
<p>Executions: <a href="http://127.0.0.1:${N8N_PORT}/home/executions">n8n execution list</a></p>`;
}

export function messageFrom(input: Record<string, unknown>, platform: PlatformName): BridgeMessage {
	const defaults = DEFAULT_CHAT[platform];
	const text = typeof input.text === 'string' ? input.text : '';
	const file = typeof input.file === 'string' && input.file !== '' ? input.file : undefined;
	const chatId = typeof input.chatId === 'string' && input.chatId !== '' ? input.chatId : defaults.chatId;
	const userId = typeof input.userId === 'string' && input.userId !== '' ? input.userId : defaults.userId;
	const message: BridgeMessage = { chatId, userId, text };
	const route = typeof input.route === 'string' && input.route !== '' ? input.route : DEFAULT_ROUTE[platform];
	if (route) message.route = route;
	if (file) {
		const name = file.split(/[?#]/)[0].split('/').pop() || 'file';
		const extension = name.toLowerCase().split('.').pop() ?? '';
		const type = ['png', 'jpg', 'jpeg', 'gif', 'webp'].includes(extension) ? 'image' : 'file';
		message.attachments = [{ type, url: file, name }];
	}
	return message;
}

function startControl(platforms: Record<PlatformName, PlatformAdapter>): Promise<() => Promise<void>> {
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const reply = (status: number, body: unknown, html = false) => {
			res.writeHead(status, { 'content-type': html ? 'text/html; charset=utf-8' : 'application/json' });
			res.end(html ? String(body) : JSON.stringify(body));
		};
		if (req.method === 'GET' && (req.url === '/' || req.url === '')) return reply(200, page(), true);
		if (req.method !== 'POST' || !req.url?.startsWith('/say')) return reply(404, { error: 'POST /say or GET /' });
		void readJson(req)
			.then(async (input) => {
				const platform = String(input.platform ?? '') as PlatformName;
				if (!platforms[platform]) return reply(400, { error: `platform must be one of ${PLATFORM_NAMES.join(', ')}` });
				const message = messageFrom(input, platform);
				if (!message.text && !message.attachments) return reply(400, { error: 'text or file is required' });
				out(`>> ${platforms[platform].label} sends into n8n: ${JSON.stringify(message)}`);
				await platforms[platform].say(message);
				const form = String(req.headers['content-type'] ?? '').includes('urlencoded');
				return form ? reply(200, `${page()}<p>Sent from ${platform}: ${JSON.stringify(message)}</p>`, true) : reply(200, { ok: true, platform, message });
			})
			.catch((error: Error) => reply(502, { error: error.message }));
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(CONTROL_PORT, '127.0.0.1', () =>
			resolve(() => new Promise<void>((done) => server.close(() => done()))),
		);
	});
}

/** Prints what every simulator received from n8n and every finished execution, as they happen. */
function watch(n8n: N8nInstance, platforms: Record<PlatformName, PlatformAdapter>, examples: ActiveExample[]): () => void {
	const printed: Record<string, number> = {};
	for (const name of PLATFORM_NAMES) printed[name] = platforms[name].describeReceived().length;
	const brix = simulatorOf<BrixSimulator>(platforms.brix);
	let userInfos = brix.userInfoExchanges.length;
	let busy = false;
	const timer = setInterval(() => {
		if (busy) return;
		busy = true;
		void (async () => {
			for (const name of PLATFORM_NAMES) {
				const lines = platforms[name].describeReceived(printed[name]);
				printed[name] += lines.length;
				for (const line of lines) out(`<< ${line}`);
			}
			for (const exchange of brix.userInfoExchanges.slice(userInfos)) {
				userInfos++;
				out(`<< BRIX asked for the profile of ${exchange.userId} and got ${exchange.status} ${exchange.rawBody}`);
			}
			for (const example of examples) {
				const list = await n8n.api.executions(example.id, false);
				for (const execution of list.slice(example.seen)) {
					if (!['success', 'error', 'crashed', 'canceled'].includes(execution.status)) break;
					example.seen++;
					out(`   n8n execution #${execution.id} of "${example.name}": ${execution.status} (${n8n.baseUrl}/workflow/${example.id}/executions/${execution.id})`);
				}
			}
		})()
			.catch(() => undefined)
			.finally(() => {
				busy = false;
			});
	}, 700);
	return () => clearInterval(timer);
}

async function main(): Promise<void> {
	const userFolder = join(REPO_ROOT, '.playground', 'n8n');
	mkdirSync(userFolder, { recursive: true });
	packPackage();
	out(`Starting n8n with n8n-nodes-chat-bridge on http://127.0.0.1:${N8N_PORT} ...`);
	const n8n = await startN8n({ userFolder, port: N8N_PORT });
	let platforms: Record<PlatformName, PlatformAdapter> | undefined;
	let stopControl: (() => Promise<void>) | undefined;
	let stopWatching: (() => void) | undefined;

	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		out('\nStopping ...');
		stopWatching?.();
		await stopControl?.().catch(() => undefined);
		if (platforms) await stopPlatforms(platforms);
		await n8n.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	try {
		const setup = await setUpExamples(n8n, SIMULATOR_PORTS, out);
		platforms = setup.platforms;
		const examples = setup.examples;
		stopControl = await startControl(platforms);
		stopWatching = watch(n8n, platforms, examples);
	} catch (error) {
		out(`Playground setup failed: ${(error as Error).message}`);
		await stop(1);
		return;
	}

	out(
		[
			'',
			`n8n is ready:    ${n8n.baseUrl}`,
			`Log in with:     ${OWNER.email} / ${OWNER.password}`,
			`Simulators:      ${PLATFORM_NAMES.map((name) => `${name} http://127.0.0.1:${SIMULATOR_PORTS[name]}`).join(', ')}`,
			`Send a message:  http://127.0.0.1:${CONTROL_PORT}/  or, in another terminal:`,
			'    UChat bot with BRIX operator handover:',
			'      npm run say -- uchat "Hi, what are your opening hours?"      (the bot handles it: nothing is forwarded)',
			'      npm run say -- uchat "I want an operator, call +61 400 123 456"   (handed over: BRIX receives it and asks userInfo)',
			'      npm run say -- brix "Hello, Anna from support here"         (the UChat conversation receives it)',
			'      npm run say -- uchat --file https://files.example.com/photo.png',
			'    respond.io custom channel backed by a UChat bot:',
			'      npm run say -- bonychat "Hi! Want to see our menu?"         (the UChat bot receives it as the contact)',
			'      npm run say -- uchat "Here is our menu" --workspace 1002 --chat 60177872890 --user +60177872890',
			'    retailCRM chats answered by Selarti AI, and handled by respond.io agents (two bots of one retailCRM):',
			'      npm run say -- retailcrm "Do you deliver to Kazan?"          (Selarti receives it, its AI answers in retailCRM;',
			'                                                                   the respond.io inbox gets it as contact retailcrm_801)',
			'      npm run say -- selarti "An operator will call you" --chat 801 (a Selarti answer lands in retailCRM chat 801)',
			'      npm run say -- bonychat "Yes, on Tuesday" --route "Agent Answers" --chat retailcrm_801',
			'                                                                   (a respond.io agent answers in retailCRM chat 801)',
			'What arrives on the other side is printed below (<<), with each n8n execution.',
			`n8n log:         ${n8n.logFile}`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});

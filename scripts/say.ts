/**
 * npm run say -- <platform> "text" [--file <url>] [--chat <id>] [--user <id>] [--workspace <UChat workspace>]
 *   [--route <BonyChat Trigger node name>]
 * Makes a simulated platform of the running playground (npm start) send a message into n8n.
 */
const CONTROL_PORT = Number(process.env.PLAYGROUND_CONTROL_PORT ?? 5680);

async function say(argv: string[]): Promise<number> {
	const input: Record<string, string> = {};
	const words: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const flag = /^--(file|chat|user|workspace|route)$/.exec(argv[i]);
		if (flag) {
			const names = { file: 'file', chat: 'chatId', user: 'userId', workspace: 'route', route: 'route' };
			input[names[flag[1] as keyof typeof names]] = argv[++i] ?? '';
		} else words.push(argv[i]);
	}
	const [platform, ...text] = words;
	if (!platform) {
		process.stderr.write('usage: npm run say -- <platform> "text" [--file <url>] [--chat <id>] [--user <id>] [--workspace <UChat workspace>] [--route <BonyChat Trigger node name>]\n');
		return 2;
	}
	let response: Response;
	try {
		response = await fetch(`http://127.0.0.1:${CONTROL_PORT}/say`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ platform, text: text.join(' '), ...input }),
		});
	} catch {
		process.stderr.write(`The playground is not running on port ${CONTROL_PORT}: start it with npm start\n`);
		return 1;
	}
	const body = (await response.json()) as { error?: string; message?: unknown };
	if (!response.ok) {
		process.stderr.write(`${body.error ?? response.status}\n`);
		return 1;
	}
	process.stdout.write(`${platform} sent ${JSON.stringify(body.message)}; watch the playground's terminal\n`);
	return 0;
}

say(process.argv.slice(2)).then((code) => process.exit(code));

import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export type Reply = (req: RecordedRequest, res: ServerResponse) => void;

/** A loopback HTTP server that answers each request with the next scripted reply (the last one repeats). */
export async function scriptedServer(replies: Reply[]) {
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
			requests.push(recorded);
			const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
			reply(recorded, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export const json =
	(status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
	(_req, res) => {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};

export const resetConnection: Reply = (req, res) => {
	res.socket?.destroy();
};

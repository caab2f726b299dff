import { createServer, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import type { RecordedRequest, Reply } from './scripted-server';

export interface TimedRequest extends RecordedRequest {
	/** When the request body had arrived (ms since epoch). */
	at: number;
}

/**
 * A loopback platform that injects faults: each request gets the next reply of the current script (the last
 * one repeats). `script()` starts a new script and clears the recorded requests, so one server (and the
 * credentials pointing at it) serves many cases.
 */
export async function faultServer() {
	let replies: Reply[] = [json(200, { ok: true })];
	let requests: TimedRequest[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded: TimedRequest = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString(),
				at: Date.now(),
			};
			requests.push(recorded);
			replies[Math.min(requests.length - 1, replies.length - 1)](recorded, res);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get requests() {
			return requests;
		},
		script(next: Reply[]) {
			replies = next;
			requests = [];
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

export type FaultServer = Awaited<ReturnType<typeof faultServer>>;

export const json =
	(status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
	(_req, res: ServerResponse) => {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};

/** Closes the connection without an answer (the client sees a reset / socket hang up). */
export const reset: Reply = (_req, res) => {
	res.socket?.destroy();
};

/** Never answers: the client runs into its timeout. */
export const hang: Reply = () => undefined;

import { spawn, type ChildProcess } from 'child_process';
import { openSync, readFileSync } from 'fs';

export interface ManagedProcess {
	child: ChildProcess;
	pid: number;
	logFile: string;
	/** Rejects when the process exits (for racing against readiness checks). */
	exited: Promise<never>;
	logTail(lines?: number): string;
	/** Sends `signal` to the whole process group and waits until the process has exited. */
	kill(signal: NodeJS.Signals): Promise<void>;
	stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		child.kill(signal);
	}
}

/** Starts a process in its own group with output to a log file; `stop()` ends the whole group. */
export function spawnManaged(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ManagedProcess {
	const log = openSync(logFile, 'a');
	const child = spawn(command, args, { env, stdio: ['ignore', log, log], detached: true });
	running.add(child);
	const exited = new Promise<never>((_resolve, reject) =>
		child.once('exit', (code, signal) => reject(new Error(`${args[1] ?? command} exited (${code ?? signal})`))),
	);
	exited.catch(() => undefined);
	const waitForExit = () =>
		new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
	const kill = async (signal: NodeJS.Signals) => {
		killGroup(child, signal);
		await waitForExit();
		running.delete(child);
	};
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			killGroup(child, 'SIGTERM');
			const hardKill = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
			await waitForExit();
			clearTimeout(hardKill);
		}
		running.delete(child);
	};
	return {
		child,
		pid: child.pid ?? -1,
		logFile,
		exited,
		logTail: (lines = 40) => readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n'),
		kill,
		stop,
	};
}

/** The caller's environment without what a test runner adds (n8n exits silently under NODE_ENV=test). */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
	const inherited = { ...process.env };
	for (const key of Object.keys(inherited)) {
		if (key === 'NODE_ENV' || key.startsWith('JEST_') || key.startsWith('N8N_') || key.startsWith('DB_')) delete inherited[key];
	}
	return inherited;
}
